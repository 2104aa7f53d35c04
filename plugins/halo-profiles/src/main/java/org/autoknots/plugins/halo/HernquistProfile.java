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
 * The Hernquist profile ρ(r) = M a / [2π r (r + a)³] (Hernquist 1990, ApJ 356, 359), with
 * closed forms of Σ, Σ̄ and ΔΣ from the same paper, evaluated stably by {@link HaloFunctions}.
 */
@Extension
public final class HernquistProfile implements TargetFunction {

    @Override
    public String id() {
        return "hernquist";
    }

    @Override
    public String description() {
        return "Hernquist density M a / [2 pi r (r+a)^3] (Hernquist 1990); "
                + "closed-form Sigma, mean Sigma, Delta Sigma";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.number("M", "total mass M", "mass"),
                ParameterSpec.number("a", "scale length a (half the mass lies within (1+sqrt 2) a)", "length"));
    }

    @Override
    public FunctionInstance create(Parameters parameters) {
        return new Instance(parameters.positive("M"), parameters.positive("a"));
    }

    /**
     * ρ(r) with its surface densities; immutable.
     */
    static final class Instance implements FunctionInstance, SurfaceDensity {
        private final double mass;
        private final double a;
        /** M/(2πa³), the density unit */
        private final double rho0;
        /** M/(2πa²), the surface-density unit */
        private final double sigma0;

        Instance(double mass, double a) {
            this.mass = mass;
            this.a = a;
            this.sigma0 = mass / (2 * Math.PI * a * a);
            this.rho0 = sigma0 / a;
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
            double x = r / a;
            double y = 1 + x;
            return rho0 / x / (y * y * y);
        }

        @Override
        public Optional<SurfaceDensity> surfaceDensity() {
            return Optional.of(this);
        }

        @Override
        public double sigma(double radius) {
            return sigma0 * HaloFunctions.hernquistSigma(scaled(radius));
        }

        @Override
        public double meanSigma(double radius) {
            return 2 * sigma0 * HaloFunctions.hernquistMeanSigma(scaled(radius));
        }

        @Override
        public double deltaSigma(double radius) {
            return sigma0 * HaloFunctions.hernquistDeltaSigma(scaled(radius));
        }

        private double scaled(double radius) {
            if (!(radius >= 0) || Double.isInfinite(radius)) {
                throw new IllegalArgumentException("hernquist: projected radius R must be finite and >= 0, got "
                        + radius);
            }
            return radius / a;
        }

        @Override
        public String toString() {
            return "hernquist(M=" + mass + ", a=" + a + ")";
        }
    }
}
