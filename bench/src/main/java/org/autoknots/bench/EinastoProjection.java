package org.autoknots.bench;

import org.autoknots.api.RealFunction;

/**
 * An expensive but real f for the parallel speed-up: the surface density of an Einasto profile
 * ρ(r) = exp(−(2/α)(r^α − 1)) (ρ₋₂ = r₋₂ = 1), Σ(R) = 2∫₀^∞ ρ(√(R² + z²)) dz, computed with
 * z = R·sinh t (so Σ = 2R ∫₀^T ρ(R cosh t) cosh t dt, T = arccosh(r_max/R), r_max = 10⁷·max(1, R),
 * where ρ is below 1e-50 of its central values) and composite Gauss–Legendre panels. The panel
 * count sets the cost; far more accurate than needed, on purpose.
 */
public final class EinastoProjection implements RealFunction {

    private static final GaussLegendre RULE = new GaussLegendre(20);

    private final double alpha;
    private final int panels;

    /**
     * @param alpha Einasto shape, e.g. 0.18
     * @param panels 20-point panels per evaluation (about 1 ms at 1000 on a 2020s core)
     */
    public EinastoProjection(double alpha, int panels) {
        this.alpha = alpha;
        this.panels = panels;
    }

    /** @return ρ(r) */
    public double density(double r) {
        return Math.exp(-(2.0 / alpha) * (Math.pow(r, alpha) - 1.0));
    }

    @Override
    public double value(double bigR) {
        double rMax = 1e7 * Math.max(1.0, bigR);
        double tMax = Functions.acosh(rMax / bigR);
        return 2.0 * bigR * RULE.integrate(t -> {
            double ch = Math.cosh(t);
            return density(bigR * ch) * ch;
        }, 0.0, tMax, panels);
    }
}
