package org.autoknots.api;

import org.pf4j.ExtensionPoint;

/**
 * Extension point: a way to build an interpolating spline through knots, e.g. cubic
 * not-a-knot, natural cubic, Akima, Steffen. Plugins annotate implementations with
 * {@code @org.pf4j.Extension}.
 *
 * <p>Piecewise-cubic kinds only need to compute one slope per knot and return
 * {@link CubicSpline#hermite(double[], double[], double[])}.
 */
public interface SplineKind extends ExtensionPoint {

    /** @return the id users write as {@code spline:} (e.g. {@code not-a-knot}, {@code akima}) */
    String id();

    /** @return one line with the method and its source */
    String description();

    /** @return the fewest knots the kind can interpolate */
    int minKnots();

    /**
     * Builds the spline in O(n). The arrays are not modified and not kept.
     *
     * @param x strictly increasing finite knots, at least {@link #minKnots()}
     * @param y finite values, same length
     */
    Spline build(double[] x, double[] y);
}
