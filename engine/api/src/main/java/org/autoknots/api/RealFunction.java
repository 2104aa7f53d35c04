package org.autoknots.api;

/**
 * A real function of one real variable: the thing the engine tabulates.
 *
 * <p>Implementations must be safe to call from several threads at once: the engine evaluates
 * the test points of a pass in parallel.
 */
@FunctionalInterface
public interface RealFunction {

    /**
     * @param x the abscissa, always inside the tabulated range
     * @return f(x); NaN or an infinity is reported by the engine as an error naming x
     */
    double value(double x);
}
