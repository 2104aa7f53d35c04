package org.example.burkert;

import java.util.List;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.ParameterSpec;
import org.autoknots.api.Parameters;
import org.autoknots.api.TargetFunction;
import org.pf4j.Extension;

/**
 * The Burkert dark-matter halo density profile
 * ρ(r) = ρ₀ / [(1 + r/r₀)(1 + (r/r₀)²)]
 * (A. Burkert, "The structure of dark matter halos in dwarf galaxies", ApJ 447 (1995) L25),
 * a cored profile: ρ → ρ₀ at the centre, ρ ∝ r⁻³ far out.
 *
 * <p>This class is the whole plugin: an example of a function written outside the autoknots
 * project, against its published API artifact only. {@code @Extension} makes PF4J's annotation
 * processor list it in {@code META-INF/extensions.idx}, which is how autoknots finds it.
 */
@Extension
public final class BurkertProfile implements TargetFunction {

    @Override
    public String id() {
        return "burkert";
    }

    @Override
    public String description() {
        return "Burkert cored density rho_0 / [(1 + r/r_0)(1 + (r/r_0)^2)] (Burkert 1995, ApJ 447, L25)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.number("rho_0", "central density", "mass/length^3"),
                ParameterSpec.number("r_0", "core radius", "length"));
    }

    @Override
    public FunctionInstance create(Parameters parameters) {
        // positive(...) rejects missing, non-numeric, non-finite and non-positive values with a
        // message that names the parameter
        double rho0 = parameters.positive("rho_0");
        double r0 = parameters.positive("r_0");
        return new Instance(rho0, r0);
    }

    /** The profile with its parameters bound: immutable, so safe to call from many threads. */
    private record Instance(double rho0, double r0) implements FunctionInstance {

        /**
         * The domain r ≥ 0, checked on every tabulation range before anything is evaluated: a
         * range that starts below 0 is a configuration error with this message.
         */
        @Override
        public void checkDomain(double lower, double upper) {
            if (!(lower >= 0)) {
                throw new IllegalArgumentException("r must be >= 0 (its domain), got the range [" + lower + ", " + upper
                        + "]; start the range at 0 or above");
            }
        }

        /** @return ρ(r) for r ≥ 0; NaN for r &lt; 0 (a range there is refused by checkDomain) */
        @Override
        public double value(double r) {
            if (r < 0) {
                return Double.NaN;
            }
            double q = r / r0;
            return rho0 / ((1 + q) * (1 + q * q));
        }

        @Override
        public String toString() {
            return "burkert(rho_0=" + rho0 + ", r_0=" + r0 + ")";
        }
    }
}
