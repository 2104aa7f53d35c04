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

    /**
     * Evaluates s at many points: {@code out[i] = value(x[i])} for every i, in order, with the
     * same clamping near the ends and the same exception for a point outside the range (or NaN)
     * as {@link #value(double)}. When it throws, the entries of {@code out} before the offending
     * point hold their values and the others are unchanged. {@code out} may be {@code x} itself.
     *
     * <p>This default calls {@link #value(double)} once per point. {@link CubicSpline}
     * overrides it with a software-pipelined evaluation (many points' memory accesses in flight
     * at once), which pays off on splines larger than the caches; its results are the same, bit
     * for bit.
     *
     * <p>Not to be confused with {@link #values()}, the values at the knots.
     *
     * @param x the points
     * @param out receives s(x[i]); as long as {@code x}
     * @throws IllegalArgumentException when the lengths differ, or for the first point outside
     *         the range (the message of {@link #value(double)}, naming the point)
     */
    default void values(double[] x, double[] out) {
        if (x.length != out.length) {
            throw new IllegalArgumentException("values: " + x.length + " points but an output array of length "
                    + out.length);
        }
        for (int i = 0; i < x.length; i++) {
            out[i] = value(x[i]);
        }
    }

    /**
     * s at many points, into a new array: see {@link #values(double[], double[])}.
     *
     * @param x the points
     * @return {@code value(x[i])} for every i
     */
    default double[] values(double[] x) {
        double[] out = new double[x.length];
        values(x, out);
        return out;
    }

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
