package org.autoknots.plugins.halo;

import java.util.List;
import java.util.Optional;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.ParameterSpec;
import org.autoknots.api.Parameters;
import org.autoknots.api.SurfaceDensity;
import org.autoknots.api.TargetFunction;
import org.pf4j.Extension;

/**
 * The Navarro–Frenk–White profile ρ(r) = ρ_s / [x (1 + x)²], x = r/r_s (Navarro, Frenk &amp;
 * White 1997, ApJ 490, 493), with closed forms of Σ, Σ̄ and ΔΣ (Wright &amp; Brainerd 2000,
 * ApJ 534, 34) evaluated stably by {@link HaloFunctions}.
 */
@Extension
public final class NfwProfile implements TargetFunction {

    @Override
    public String id() {
        return "nfw";
    }

    @Override
    public String description() {
        return "NFW density rho_s / [x (1+x)^2], x = r/r_s (Navarro, Frenk & White 1997); "
                + "closed-form Sigma, mean Sigma, Delta Sigma (Wright & Brainerd 2000)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.number("rho_s", "scale density rho_s (rho = rho_s/4 at r = r_s)", "mass/length^3"),
                ParameterSpec.number("r_s", "scale radius r_s, where the log slope is -2", "length"));
    }

    @Override
    public FunctionInstance create(Parameters parameters) {
        return new Instance(parameters.positive("rho_s"), parameters.positive("r_s"));
    }

    /**
     * ρ(r) with its surface densities; immutable.
     */
    static final class Instance implements FunctionInstance, SurfaceDensity {
        private final double rhoS;
        private final double rS;

        Instance(double rhoS, double rS) {
            this.rhoS = rhoS;
            this.rS = rS;
        }

        /**
         * The domain r &gt; 0, checked on a range before anything is evaluated: autoknots calls
         * it with every tabulation range (docs/plugins.md).
         *
         * @throws IllegalArgumentException when the range reaches r ≤ 0 (the pole, and negative
         *         densities below it)
         */
        @Override
        public void checkDomain(double lower, double upper) {
            RadialDomain.requirePositive(lower, upper);
        }

        /** @return ρ(r); NaN for r &lt; 0 (no radius), +∞ at r = 0 (the pole) */
        @Override
        public double value(double r) {
            if (r < 0) {
                return Double.NaN;
            }
            double x = r / rS;
            double y = 1 + x;
            return rhoS / x / (y * y);
        }

        @Override
        public Optional<SurfaceDensity> surfaceDensity() {
            return Optional.of(this);
        }

        @Override
        public double sigma(double radius) {
            return 2 * rhoS * rS * HaloFunctions.nfwSigma(scaled(radius));
        }

        @Override
        public double meanSigma(double radius) {
            return 4 * rhoS * rS * HaloFunctions.nfwMeanSigma(scaled(radius));
        }

        @Override
        public double deltaSigma(double radius) {
            return rhoS * rS * HaloFunctions.nfwDeltaSigma(scaled(radius));
        }

        private double scaled(double radius) {
            if (!(radius >= 0) || Double.isInfinite(radius)) {
                throw new IllegalArgumentException("nfw: projected radius R must be finite and >= 0, got " + radius);
            }
            return radius / rS;
        }

        @Override
        public String toString() {
            return "nfw(rho_s=" + rhoS + ", r_s=" + rS + ")";
        }
    }
}
