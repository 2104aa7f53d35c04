/**
 * Adaptive tabulation: {@link org.autoknots.refine.AutoKnots} places knots until a cubic spline meets
 * a stated tolerance, after S. D. P. Vitenti and M. Penna-Lima, "AutoKnots: Adaptive Knot Allocation
 * for Spline Interpolation", arXiv:2412.13423, with the guards and the graded mode described in
 * {@code docs/autoknots.md} and {@code docs/graded-refinement.md}. Settings:
 * {@link org.autoknots.refine.RefinementOptions}; outcome: {@link org.autoknots.refine.RefinementResult}.
 */
package org.autoknots.refine;
