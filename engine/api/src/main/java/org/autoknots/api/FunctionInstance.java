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

    /** @return the closed forms of Σ and Σ̄ for this profile, if it has them */
    default Optional<SurfaceDensity> surfaceDensity() {
        return Optional.empty();
    }
}
