package org.autoknots.api;

/**
 * Closed forms of the projected quantities of a spherical density profile ρ(r):
 * Σ(R) = 2 ∫₀^∞ ρ(√(R² + z²)) dz, Σ̄(R) = (2/R²) ∫₀^R R′ Σ(R′) dR′ and ΔΣ = Σ̄ − Σ.
 * Units follow the profile's parameters.
 */
public interface SurfaceDensity {

    /** @return Σ(R) for R &gt; 0 (+∞ at R = 0 for cuspy profiles, never NaN) */
    double sigma(double radius);

    /** @return Σ̄(R), the mean surface density inside R */
    double meanSigma(double radius);

    /** @return ΔΣ(R) = Σ̄(R) − Σ(R); override where a direct form is more accurate */
    default double deltaSigma(double radius) {
        return meanSigma(radius) - sigma(radius);
    }
}
