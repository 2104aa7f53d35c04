package org.autoknots.config;

/**
 * The AutoKnots settings of a tabulating stage ({@code tabulate} or {@code project}).
 *
 * @param lower         range start a
 * @param upper         range end b &gt; a
 * @param spacing       knot scale (default linear)
 * @param asinhScale    s in u = asinh(x/s), only for asinh (default 1)
 * @param rel           relative tolerance
 * @param abs           absolute tolerance (default 0)
 * @param spline        spline kind id (default {@code not-a-knot})
 * @param maxKnots      knot budget (default {@link #DEFAULT_MAX_KNOTS})
 * @param initialKnots  initial knot count, or null for the engine's default
 * @param maxSpacing    largest allowed knot spacing in the scale's coordinate, or null for none
 * @param refineRounds  plateau-guard rounds, or null for the engine's default
 * @param concurrency   parallel evaluations, or null for one per processor
 * @param mode          {@code graded} (default) or {@code paper}
 */
public record Refinement(double lower, double upper, KnotSpacing spacing, double asinhScale, double rel, double abs,
        String spline, int maxKnots, Integer initialKnots, Double maxSpacing, Integer refineRounds,
        Integer concurrency, String mode) {

    /**
     * The default knot budget, the same for pipeline stages and {@code autoknots tabulate}: ample
     * for any tolerance double precision can meet on a smooth function (a cubic at rel 1e-14
     * needs some 10^4 knots per feature), small enough that a hopeless table stops in seconds.
     */
    public static final int DEFAULT_MAX_KNOTS = 1_000_000;
    /**
     * The largest knot budget accepted: a refinement keeps several arrays per knot (measured:
     * out of memory near 3·10^5 knots in a 300 MB heap, roughly 0.5–1 KB per knot), so 5·10^7
     * knots would need tens of gigabytes of heap.
     */
    public static final int MAX_KNOTS_LIMIT = 50_000_000;
    /**
     * The smallest relative tolerance accepted when {@code abs} is 0: about 45 ulp of a double.
     * Rounding in f and in the spline's evaluation costs a few ulp (measured up to 1.3e-15 of |f|
     * on a table made at rel 1e-15, whose worst error then exceeded the tolerance); at 1e-14 it
     * takes a tenth of the tolerance at most.
     */
    public static final double MIN_REL = 1.0e-14;
    /** The default spline kind. */
    public static final String DEFAULT_SPLINE = "not-a-knot";
}
