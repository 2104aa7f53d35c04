package org.autoknots.refine;

import java.util.Optional;

/**
 * The limits a user's settings must keep, the same for a pipeline file, {@code autoknots
 * tabulate} and {@code autoknots bench}, and the one wording of each problem. Every check
 * returns what was wrong and what would be valid, or nothing; the caller puts where in front
 * (a pipeline's {@code file:line:col: stages[0].concurrency: }, a command's {@code --concurrency: })
 * and, where a message names another setting, passes that setting's name as the user spells it.
 * Numbers are shown with {@link Numbers#shortest}.
 */
public final class Limits {

    /**
     * The smallest relative tolerance accepted when the absolute tolerance is 0: about 45 ulp of a
     * double. Rounding in f and in the spline's evaluation costs a few ulp (measured up to 1.3e-15
     * of |f| on a table made at rel 1e-15, whose worst error then exceeded the tolerance); at 1e-14
     * it takes a tenth of the tolerance at most.
     */
    public static final double MIN_REL = 1.0e-14;
    /**
     * The default knot budget of a pipeline stage and of {@code autoknots tabulate}: ample for any
     * tolerance double precision can meet on a smooth function (a cubic at rel 1e-14 needs some
     * 10^4 knots per feature), small enough that a hopeless table stops in seconds. (The engine's
     * own default, {@link RefinementOptions#DEFAULT_MAX_KNOTS}, is for programs.)
     */
    public static final int DEFAULT_MAX_KNOTS = 1_000_000;
    /**
     * The largest knot budget accepted: a refinement keeps several arrays per knot (measured: out
     * of memory near 3·10^5 knots in a 300 MB heap, roughly 0.5–1 KB per knot), so 5·10^7 knots
     * would need tens of gigabytes of heap.
     */
    public static final int MAX_KNOTS = 50_000_000;
    /** The smallest knot budget that could ever hold two initial knots and one pass. */
    public static final int MIN_MAX_KNOTS = 3;
    /** The fewest initial knots. */
    public static final int MIN_INITIAL_KNOTS = 2;
    /** The most threads a refinement may use. */
    public static final int MAX_CONCURRENCY = 4096;
    /** The most plateau-guard rounds. */
    public static final int MAX_REFINE_ROUNDS = 1000;

    private Limits() {
    }

    /** @return the problem with a relative tolerance on its own: it must be finite, ≥ 0 and below 1 */
    public static Optional<String> rel(double rel) {
        return rel >= 0 && rel < 1 ? Optional.empty()
                : Optional.of("expected a number from 0 to below 1 (e.g. 1e-8), got " + Numbers.shortest(rel));
    }

    /** @return the problem with an absolute tolerance on its own: it must be finite and ≥ 0 */
    public static Optional<String> abs(double abs) {
        return abs >= 0 && Double.isFinite(abs) ? Optional.empty()
                : Optional.of("expected a finite number >= 0, got " + Numbers.shortest(abs));
    }

    /**
     * @param relName how the user spells the relative tolerance ({@code rel}, {@code --rel})
     * @param absName how the user spells the absolute tolerance
     * @return the problem when both tolerances are 0 (nothing could meet that)
     */
    public static Optional<String> bothZero(double rel, double abs, String relName, String absName) {
        return rel == 0 && abs == 0
                ? Optional.of(relName + " and " + absName + " are both 0: nothing could meet that; give " + relName
                        + " > 0 or " + absName + " > 0")
                : Optional.empty();
    }

    /**
     * @return the problem when a purely relative tolerance (abs = 0) is below {@link #MIN_REL},
     *         which double precision cannot attain
     */
    public static Optional<String> belowFloor(double rel, double abs, String relName, String absName) {
        return abs == 0 && rel > 0 && rel < MIN_REL
                ? Optional.of(relName + " " + Numbers.shortest(rel) + " with " + absName + " 0 is below what double"
                        + " precision can attain: the smallest allowed is " + Numbers.shortest(MIN_REL) + " (or give "
                        + absName + " > 0)")
                : Optional.empty();
    }

    /** @return the problem with a knot budget on its own: a whole number from {@value #MIN_MAX_KNOTS} to {@value #MAX_KNOTS} */
    public static Optional<String> maxKnots(double n) {
        return wholeNumber(n, MIN_MAX_KNOTS, MAX_KNOTS);
    }

    /** @return the problem with an initial knot count on its own: a whole number from {@value #MIN_INITIAL_KNOTS} to {@value #MAX_KNOTS} */
    public static Optional<String> initialKnots(double n) {
        return wholeNumber(n, MIN_INITIAL_KNOTS, MAX_KNOTS);
    }

    /** @return the problem with a thread count: a whole number from 1 to {@value #MAX_CONCURRENCY} */
    public static Optional<String> concurrency(double n) {
        return wholeNumber(n, 1, MAX_CONCURRENCY);
    }

    /** @return the problem with a count of plateau-guard rounds: a whole number from 0 to {@value #MAX_REFINE_ROUNDS} */
    public static Optional<String> refineRounds(double n) {
        return wholeNumber(n, 0, MAX_REFINE_ROUNDS);
    }

    /** @return the problem with a setting that must be a finite number above 0 (a spacing, a scale) */
    public static Optional<String> positive(double v) {
        return v > 0 && Double.isFinite(v) ? Optional.empty()
                : Optional.of("expected a finite number > 0, got " + Numbers.shortest(v));
    }

    /** @return the problem when v is not a whole number from min to max */
    public static Optional<String> wholeNumber(double v, long min, long max) {
        return v == Math.rint(v) && v >= min && v <= max ? Optional.empty()
                : Optional.of("expected a whole number from " + min + " to " + max + ", got " + Numbers.shortest(v));
    }

    /**
     * The fewest knots a refinement can hold after its first pass: the initial knots and one new
     * knot in each of their intervals (a pass adds at least that: every interval is open before
     * the first pass, in either mode). A knot limit below it can never run a pass.
     *
     * @param initial the initial knot count
     * @return 2·initial − 1
     */
    public static long firstPassKnots(long initial) {
        return 2 * initial - 1;
    }

    /**
     * @param maxKnots     the knot budget
     * @param initial      the initial knot count
     * @param maxKnotsName how the user spells the knot budget ({@code max-knots}, {@code --max-knots})
     * @param initialNote  where the initial count comes from, appended after it (e.g.
     *                     {@code " (from initial-knots, max-spacing and the spline kind's minimum)"}), or ""
     * @return the problem when the budget cannot hold the initial knots and one pass
     *         ({@link #firstPassKnots})
     */
    public static Optional<String> knotBudget(long maxKnots, long initial, String maxKnotsName, String initialNote) {
        long need = firstPassKnots(initial);
        if (maxKnots >= need) {
            return Optional.empty();
        }
        String said = maxKnotsName + " " + maxKnots + " is below the " + need + " knots that " + initial
                + " initial knots" + initialNote + " and one refinement pass need (a pass adds at least a knot to"
                + " each interval): ";
        // beyond the largest budget, raising it cannot help: the initial knots must be fewer
        return Optional.of(said + (need <= MAX_KNOTS ? "give " + maxKnotsName + " " + need + " or more"
                : "that is above the largest budget, " + MAX_KNOTS + "; ask for fewer initial knots"
                        + (initialNote.isEmpty() ? "" : " (a larger spacing)")));
    }
}
