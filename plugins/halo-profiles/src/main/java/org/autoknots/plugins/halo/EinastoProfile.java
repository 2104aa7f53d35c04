package org.autoknots.plugins.halo;

import java.util.List;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.ParameterSpec;
import org.autoknots.api.Parameters;
import org.autoknots.api.TargetFunction;
import org.pf4j.Extension;

/**
 * The Einasto profile ρ(r) = ρ₋₂ exp(−(2/α)[(r/r₋₂)^α − 1]) (Einasto 1965; in this form Navarro
 * et al. 2004, MNRAS 349, 1039). No closed-form Σ: its projections come from the numerical path.
 */
@Extension
public final class EinastoProfile implements TargetFunction {

    @Override
    public String id() {
        return "einasto";
    }

    @Override
    public String description() {
        return "Einasto density rho_2 exp(-(2/alpha)[(r/r_2)^alpha - 1]) (Einasto 1965; Navarro et al. 2004); "
                + "density only, project numerically";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.number("rho_2", "density rho_-2 at r_2", "mass/length^3"),
                ParameterSpec.number("r_2", "radius r_-2 where the log slope is -2", "length"),
                ParameterSpec.number("alpha", "shape alpha: how fast the log slope steepens (~0.17 for CDM haloes)",
                        "dimensionless"));
    }

    @Override
    public FunctionInstance create(Parameters parameters) {
        double rho2 = parameters.positive("rho_2");
        double r2 = parameters.positive("r_2");
        double alpha = parameters.positive("alpha");
        return new Instance(rho2, r2, alpha);
    }

    /**
     * ρ(r); immutable.
     */
    static final class Instance implements FunctionInstance {
        private final double rho2;
        private final double r2;
        private final double alpha;
        /** 2/α */
        private final double k;

        Instance(double rho2, double r2, double alpha) {
            this.rho2 = rho2;
            this.r2 = r2;
            this.alpha = alpha;
            this.k = 2 / alpha;
        }

        /**
         * The domain r ≥ 0 (ρ is finite at the centre, ρ₋₂ e^(2/α)), checked on a range before
         * anything is evaluated: autoknots calls it with every
         * tabulation range (docs/plugins.md).
         *
         * @throws IllegalArgumentException when the range reaches r &lt; 0
         */
        @Override
        public void checkDomain(double lower, double upper) {
            RadialDomain.requireNonNegative(lower, upper);
        }

        /** @return ρ(r); NaN for r &lt; 0 (no radius; (r/r₋₂)^α would be NaN or, for whole α, a wrong number) */
        @Override
        public double value(double r) {
            if (r < 0) {
                return Double.NaN;
            }
            return rho2 * Math.exp(-k * (Math.pow(r / r2, alpha) - 1));
        }

        @Override
        public String toString() {
            return "einasto(rho_2=" + rho2 + ", r_2=" + r2 + ", alpha=" + alpha + ")";
        }
    }
}
