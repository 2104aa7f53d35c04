package org.autoknots.api;

/**
 * An immutable interpolating spline on knots x₀ &lt; x₁ &lt; … &lt; xₙ₋₁.
 *
 * <p>Evaluation outside [x₀, xₙ₋₁] is an {@link IllegalArgumentException}, except within a few
 * ulp of an end, where the point is clamped to the end.
 */
public interface Spline {

    /** @return the number of knots */
    int size();

    /** @return x₀ */
    double lower();

    /** @return xₙ₋₁ */
    double upper();

    /** @return a copy of the knots */
    double[] knots();

    /** @return a copy of the values at the knots */
    double[] values();

    /** @return s(x) */
    double value(double x);

    /** @return s′(x) */
    double derivative(double x);

    /** @return s″(x) */
    double secondDerivative(double x);

    /** @return the exact integral of s over [u, v] (negative when v &lt; u) */
    double integral(double u, double v);

    /**
     * s(x) for an x known to lie in [xᵢ, xᵢ₊₁]: no search. The engine uses it at test points.
     */
    default double value(int interval, double x) {
        return value(x);
    }

    /** @return the exact integral of s over the whole interval [xᵢ, xᵢ₊₁] */
    default double intervalIntegral(int interval) {
        return integral(knotAt(interval), knotAt(interval + 1));
    }

    /** @return xᵢ without copying */
    double knotAt(int i);
}
