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
 * @param maxKnots      knot budget (default {@link org.autoknots.refine.Limits#DEFAULT_MAX_KNOTS}; the limits
 *                      of every setting are those of {@link org.autoknots.refine.Limits}, the same for
 *                      {@code autoknots tabulate})
 * @param initialKnots  initial knot count, or null for the engine's default
 * @param maxSpacing    largest allowed knot spacing in the scale's coordinate, or null for none
 * @param refineRounds  plateau-guard rounds, or null for the engine's default
 * @param concurrency   parallel evaluations, or null for one per processor
 * @param mode          {@code graded} (default) or {@code paper}
 */
public record Refinement(double lower, double upper, KnotSpacing spacing, double asinhScale, double rel, double abs,
        String spline, int maxKnots, Integer initialKnots, Double maxSpacing, Integer refineRounds,
        Integer concurrency, String mode) {

    /** The default spline kind. */
    public static final String DEFAULT_SPLINE = "not-a-knot";
}
