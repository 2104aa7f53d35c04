package org.autoknots.refine;

import java.util.Arrays;
import java.util.Objects;
import org.autoknots.api.Spline;

/**
 * The outcome of a refinement.
 *
 * @param spline          the spline through every evaluated point
 * @param evaluations     evaluations of f (every one of them is a knot)
 * @param passes          refinement passes run
 * @param refineRounds    plateau "refine" rounds that reopened intervals
 * @param knots           knots of the spline
 * @param converged       true when every interval met the tolerance: false when the knot limit
 *                        stopped the work or some interval was left unresolved
 * @param unresolved      locations (x) of intervals that could not be split further while still
 *                        failing the tolerance (probable discontinuities or noise); empty when none
 * @param worstErrorRatio the largest |f − s|/(abs + rel·|f|) over the test points of the last pass
 * @param functionNanos   time spent inside f, summed over all evaluating threads
 * @param engineNanos     wall time of the engine itself (everything but the evaluation phases)
 */
public record RefinementResult(Spline spline, long evaluations, int passes, int refineRounds, int knots,
        boolean converged, double[] unresolved, double worstErrorRatio, long functionNanos, long engineNanos) {

    public RefinementResult {
        Objects.requireNonNull(spline, "spline");
        unresolved = unresolved == null ? new double[0] : unresolved.clone();
    }

    /** @return a copy of the unresolved locations */
    @Override
    public double[] unresolved() {
        return unresolved.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RefinementResult r && r.spline.equals(spline) && r.evaluations == evaluations
                && r.passes == passes && r.refineRounds == refineRounds && r.knots == knots && r.converged == converged
                && Arrays.equals(r.unresolved, unresolved)
                && Double.compare(r.worstErrorRatio, worstErrorRatio) == 0 && r.functionNanos == functionNanos
                && r.engineNanos == engineNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(spline, evaluations, passes, knots, converged, Arrays.hashCode(unresolved));
    }

    @Override
    public String toString() {
        return "RefinementResult[knots=" + knots + ", evaluations=" + evaluations + ", passes=" + passes
                + ", refineRounds=" + refineRounds + ", converged=" + converged + ", unresolved="
                + Arrays.toString(unresolved) + ", worstErrorRatio=" + worstErrorRatio + ", functionNanos="
                + functionNanos + ", engineNanos=" + engineNanos + "]";
    }
}
