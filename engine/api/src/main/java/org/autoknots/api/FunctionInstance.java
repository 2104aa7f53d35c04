package org.autoknots.api;

import java.util.Optional;

/**
 * A target function bound to its parameter values: f(x) plus optional closed forms.
 *
 * <p>For a density profile ρ(r), {@link #surfaceDensity()} may publish closed forms of the
 * projected quantities Σ(R) and Σ̄(R); pipelines use them for {@code method: analytic} and for
 * {@code against: analytic} validation.
 */
@FunctionalInterface
public interface FunctionInstance extends RealFunction {

    /**
     * Checks that a tabulation range lies in the function's domain, before anything is
     * evaluated. autoknots calls it with the range of every {@code tabulate} stage and of
     * {@code autoknots tabulate}, and reports the message as a configuration error (with the
     * range's file:line:column in a pipeline). A function defined on part of the line only
     * overrides it; the default accepts every range, and the engine then stops at the first x
     * where f is NaN or infinite.
     *
     * @param lower the range's lower end
     * @param upper the range's upper end (lower &lt; upper)
     * @throws IllegalArgumentException when [lower, upper] is not inside the domain, with a
     *         one-line message in the function's own terms that says what would be valid (the
     *         halo profiles: "r must be &gt; 0 (its domain), got the range [-1.0, 10.0]; start the
     *         range above 0")
     */
    default void checkDomain(double lower, double upper) {
        // every range is in the domain
    }

    /** @return the closed forms of Σ and Σ̄ for this profile, if it has them */
    default Optional<SurfaceDensity> surfaceDensity() {
        return Optional.empty();
    }
}
