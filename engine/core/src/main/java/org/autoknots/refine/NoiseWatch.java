package org.autoknots.refine;

import java.util.Arrays;

/**
 * Watches, pass by pass, how far the spline missed f at the points each pass added, to tell a
 * knot limit reached on noise from one reached on a function that merely needs more knots.
 *
 * <p>At a point that a pass adds, |f − s| is the error of the spline before the point was
 * added. For a smooth f it falls like h⁴ as the intervals it is measured on shrink: a pass that
 * halves the widths where it refines meets errors about 16 times smaller at its new points than
 * the pass before it. For f = smooth + noise it stops falling at the noise level, however narrow
 * the intervals. Each pass records the median error ratio |f − s|/(abs + rel·|f|), the median
 * |f − s| and the median |f − s|/|f| over an evenly strided sample of its points (at most
 * {@link #SAMPLE}: the cost is independent of the pass's size).
 */
final class NoiseWatch {

    /** Points per pass that are looked at. */
    static final int SAMPLE = 255;
    /**
     * Points a pass must add for its errors to count: a pass that refines only next to a few
     * jumps or poles (few points, errors that do not shrink either) is not noise.
     */
    static final int MIN_POINTS = 64;
    /**
     * Noise-like: the median error ratio at the new points fell by less than this factor from
     * the pass before (a smooth f: about 16 per halving of the widths; measured 16–17 in the paper
     * mode and 300 or more in the graded mode, whose passes jump further) ...
     */
    static final double MAX_FALL_ONE_PASS = 6;
    /** ... or by less than this over the last two passes (a smooth f: about 256). */
    static final double MAX_FALL_TWO_PASSES = 36;
    /** ... while the latest pass's points still missed the tolerance by this factor or more. */
    static final double MIN_RATIO = 2;
    /**
     * ... and were small beside f: at most this share of the largest |f| among the points looked
     * at. Noise is a small blur on f; errors as large as f itself mean intervals still wider
     * than f's features (an oscillation not yet resolved also misses by a steady amount from
     * pass to pass, until the widths fall below its period).
     */
    static final double MAX_SHARE_OF_F = 1e-3;

    /** What the last three passes measured; index 2 is the latest. */
    private final double[] ratio = {Double.NaN, Double.NaN, Double.NaN};
    private final double[] absError = {Double.NaN, Double.NaN, Double.NaN};
    private final double[] relError = {Double.NaN, Double.NaN, Double.NaN};
    private final int[] points = new int[3];
    /** The largest |f| among the latest pass's points looked at. */
    private double scale = Double.NaN;
    /** The largest error ratio among all the latest pass's points. */
    private double maxRatio = Double.NaN;

    private final double rel;
    private final double abs;

    NoiseWatch(double rel, double abs) {
        this.rel = rel;
        this.abs = abs;
    }

    /**
     * Records one pass.
     *
     * @param fp f at the pass's points
     * @param sp the spline before the pass at the same points
     */
    void pass(double[] fp, double[] sp) {
        int m = fp.length;
        int k = Math.min(m, SAMPLE);
        double[] r = new double[k];
        double[] a = new double[k];
        double[] q = new double[k];
        double top = 0;
        for (int j = 0; j < k; j++) {
            // evenly strided over the pass, which is ordered by x: the sample spans the range refined
            int i = (int) ((long) j * m / k);
            double e = Math.abs(fp[i] - sp[i]);
            double f = Math.abs(fp[i]);
            top = Math.max(top, f);
            r[j] = e / (abs + rel * f);
            a[j] = e;
            q[j] = f > 0 ? e / f : Double.POSITIVE_INFINITY;
        }
        for (int i = 0; i < 2; i++) {
            ratio[i] = ratio[i + 1];
            absError[i] = absError[i + 1];
            relError[i] = relError[i + 1];
            points[i] = points[i + 1];
        }
        ratio[2] = median(r);
        absError[2] = median(a);
        relError[2] = median(q);
        points[2] = m;
        scale = top;
        double worst = 0;
        for (int i = 0; i < m; i++) {
            double e = Math.abs(fp[i] - sp[i]) / (abs + rel * Math.abs(fp[i]));
            worst = e > worst || e != e ? e : worst;
        }
        maxRatio = worst;
    }

    /**
     * @return the noise the last passes met, or null when their errors still fell as a smooth
     *         f's do (or too few passes or points to tell)
     */
    Noise verdict() {
        if (points[1] < MIN_POINTS || points[2] < MIN_POINTS || !(ratio[2] >= MIN_RATIO)
                || !(absError[2] <= MAX_SHARE_OF_F * scale)) {
            return null;
        }
        boolean flat = ratio[2] * MAX_FALL_ONE_PASS > ratio[1]
                || points[0] >= MIN_POINTS && ratio[2] * MAX_FALL_TWO_PASSES > ratio[0];
        return flat ? new Noise(absError[2], relError[2]) : null;
    }

    /** @return the largest error ratio at any of the latest pass's points (NaN before any pass) */
    double lastMaxRatio() {
        return maxRatio;
    }

    /**
     * Noise met at the points of the last pass.
     *
     * @param absError the median |f − s| there
     * @param relError the median |f − s|/|f| there
     */
    record Noise(double absError, double relError) {
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
