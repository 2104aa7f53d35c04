/**
 * Interpolating cubic spline kinds built into the engine: {@link org.autoknots.spline.CubicNotAKnotSpline}
 * (the default, as in AutoKnots) and {@link org.autoknots.spline.NaturalCubicSpline}. Both solve a
 * tridiagonal system for the knot slopes in O(n) (C. de Boor, <i>A Practical Guide to Splines</i>,
 * ch. IV) and return an immutable {@link org.autoknots.api.CubicSpline}.
 */
package org.autoknots.spline;
