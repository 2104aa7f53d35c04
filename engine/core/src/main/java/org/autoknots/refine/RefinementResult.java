package org.autoknots.refine;

import java.util.Arrays;
import java.util.Objects;
import org.autoknots.api.Spline;

/**
 * The outcome of a refinement.
 *
 * @param spline          the spline through every evaluated point
 * @param evaluations     evaluations of f: every one is a knot, except the probes of the
 *                        degenerate cases (knot values a cubic fits exactly; a zero at an end with
 *                        abs = 0), which are counted and not kept
 * @param passes          refinement passes run
 * @param refineRounds    plateau "refine" rounds that reopened intervals
 * @param knots           knots of the spline
 * @param converged       true when every interval met the tolerance: false when the knot limit
 *                        stopped the work, some interval was left unresolved, or (abs = 0) f crosses
 *                        or touches 0 inside the range, where a pure relative tolerance cannot hold
 * @param unresolved      locations (x) of intervals that could not be split further while still
 *                        failing the tolerance (probable discontinuities or noise); empty when none
 * @param worstErrorRatio the largest |f − s|/(abs + rel·|f|) over the test points of the last pass
 * @param functionNanos   time spent evaluating f, summed over all evaluating threads (each
 *                        evaluating loop timed as a whole)
 * @param engineNanos     wall time of the engine itself (everything but the evaluation phases)
 * @param zeroCrossings   with abs = 0: where f crosses or touches 0 inside the range (increasing),
 *                        each a reason for {@code converged = false}; empty otherwise
 * @param diagnosis       why the result did not converge, one user-facing line naming the places
 *                        and what to do (e.g. "f crosses 0 near x ≈ 0: a pure relative tolerance
 *                        (abs = 0) cannot hold where f is 0; set an absolute tolerance (abs &gt; 0)";
 *                        "unresolved (probable discontinuity or noise) at x ≈ 0.3"; "knot limit
 *                        reached at … knots …", joined by "; "); empty when converged
 * @param noiseAbs        when the knot limit was reached on what looks like noise (the error at
 *                        the points each pass added stopped falling as the knots grew): the median
 *                        |f − s| at the last pass's points, about the noise's size; NaN otherwise
 * @param noiseRel        the same noise relative to f: the median |f − s|/|f| there; NaN when
 *                        no noise was seen
 * @param endZeros        with abs = 0: the ends of the range where f is 0 and the relative error
 *                        next to them was found unbounded, each a reason for {@code converged =
 *                        false}; empty otherwise
 * @param tooSmallFrom    the first knot where f is so near the smallest doubles that the tolerance
 *                        cannot be told from rounding (a reason for {@code converged = false});
 *                        NaN when none
 */
public record RefinementResult(Spline spline, long evaluations, int passes, int refineRounds, int knots,
        boolean converged, double[] unresolved, double worstErrorRatio, long functionNanos, long engineNanos,
        double[] zeroCrossings, String diagnosis, double noiseAbs, double noiseRel, double[] endZeros,
        double tooSmallFrom) {

    public RefinementResult {
        Objects.requireNonNull(spline, "spline");
        endZeros = endZeros == null ? new double[0] : endZeros.clone();
        unresolved = unresolved == null ? new double[0] : unresolved.clone();
        zeroCrossings = zeroCrossings == null ? new double[0] : zeroCrossings.clone();
        diagnosis = diagnosis != null ? diagnosis : converged ? "" : "not converged";
    }

    /** The earlier ten-component form: no zero crossings, a generic diagnosis when not converged. */
    public RefinementResult(Spline spline, long evaluations, int passes, int refineRounds, int knots,
            boolean converged, double[] unresolved, double worstErrorRatio, long functionNanos, long engineNanos) {
        this(spline, evaluations, passes, refineRounds, knots, converged, unresolved, worstErrorRatio, functionNanos,
                engineNanos, null, null, Double.NaN, Double.NaN, null, Double.NaN);
    }

    /** The fourteen-component form: no end zeros or values too small found. */
    public RefinementResult(Spline spline, long evaluations, int passes, int refineRounds, int knots,
            boolean converged, double[] unresolved, double worstErrorRatio, long functionNanos, long engineNanos,
            double[] zeroCrossings, String diagnosis, double noiseAbs, double noiseRel) {
        this(spline, evaluations, passes, refineRounds, knots, converged, unresolved, worstErrorRatio, functionNanos,
                engineNanos, zeroCrossings, diagnosis, noiseAbs, noiseRel, null, Double.NaN);
    }

    /** The twelve-component form: no noise seen. */
    public RefinementResult(Spline spline, long evaluations, int passes, int refineRounds, int knots,
            boolean converged, double[] unresolved, double worstErrorRatio, long functionNanos, long engineNanos,
            double[] zeroCrossings, String diagnosis) {
        this(spline, evaluations, passes, refineRounds, knots, converged, unresolved, worstErrorRatio, functionNanos,
                engineNanos, zeroCrossings, diagnosis, Double.NaN, Double.NaN, null, Double.NaN);
    }

    /** @return true when the knot limit was reached on what looks like noise ({@link #noiseAbs}) */
    public boolean noisy() {
        return !Double.isNaN(noiseAbs);
    }

    /** @return a copy of the zero crossings */
    @Override
    public double[] zeroCrossings() {
        return zeroCrossings.clone();
    }

    /**
     * @return the stretches [first knot, last knot] where f is exactly 0 at two or more knots in a
     *         row (f = 0, or a function that underflows to 0 there), increasing; with abs = 0 the
     *         tolerance is 0 on them, so a pure relative tolerance is meaningless there (the zeros
     *         they hold are among {@link #zeroCrossings()})
     */
    public double[][] zeroStretches() {
        return ZeroSites.flats(spline.knots(), spline.values()).toArray(new double[0][]);
    }

    /** @return a copy of the ends where f is 0 and the relative error was found unbounded */
    @Override
    public double[] endZeros() {
        return endZeros.clone();
    }

    /**
     * @param absName how the user spells the absolute tolerance ({@code abs}, {@code --abs})
     * @return what {@link #tooSmallFrom} means and what to do, one line; empty when it is NaN
     */
    public String tooSmallAdvice(String absName) {
        if (Double.isNaN(tooSmallFrom)) {
            return "";
        }
        double[] x = spline.knots();
        int i = Math.max(0, Arrays.binarySearch(x, tooSmallFrom));
        return tooSmall(tooSmallFrom, spline.values()[i], absName);
    }

    /** The one wording of a tolerance below what doubles near f resolve, for the engine and the CLI. */
    static String tooSmall(double x, double f, String absName) {
        return "f is too small to hold the tolerance from x ≈ " + Numbers.format(x, 6) + " (|f| = "
                + Numbers.format(Math.abs(f), 3) + ", near the smallest doubles, whose steps are 4.9e-324);"
                + " rescale f (multiply it by a large constant) or set " + absName + " ≥ 5e-321";
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
                && Arrays.equals(r.unresolved, unresolved) && Arrays.equals(r.zeroCrossings, zeroCrossings)
                && r.diagnosis.equals(diagnosis) && Double.compare(r.noiseAbs, noiseAbs) == 0
                && Double.compare(r.noiseRel, noiseRel) == 0 && Arrays.equals(r.endZeros, endZeros)
                && Double.compare(r.tooSmallFrom, tooSmallFrom) == 0
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
                + functionNanos + ", engineNanos=" + engineNanos + ", zeroCrossings=" + Arrays.toString(zeroCrossings)
                + ", diagnosis=" + diagnosis + (noisy() ? ", noiseAbs=" + noiseAbs + ", noiseRel=" + noiseRel : "")
                + (endZeros.length > 0 ? ", endZeros=" + Arrays.toString(endZeros) : "")
                + (Double.isNaN(tooSmallFrom) ? "" : ", tooSmallFrom=" + tooSmallFrom) + "]";
    }
}
