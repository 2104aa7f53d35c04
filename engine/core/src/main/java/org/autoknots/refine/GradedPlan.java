package org.autoknots.refine;

import java.util.Arrays;
import org.autoknots.api.Spline;

/**
 * Graded refinement from fourth divided differences (the rules of
 * {@code docs/graded-refinement.md}, after the a-priori error of cubic spline interpolation,
 * |f − s| ≈ (5/384)·h⁴·|f⁗|, C. de Boor, <i>A Practical Guide to Splines</i>, ch. IV–V, and
 * the AutoKnots framework of Vitenti &amp; Penna-Lima, arXiv:2412.13423).
 *
 * <p>Every pass, for every interval i (accepted ones too, since new knots nearby change the
 * estimates):
 * <ul>
 * <li>F4ᵢ = 24·max|f[x_j…x_{j+4}]| over the two 5-knot windows most centred on the interval
 *     (the interval is the window's 2nd or 3rd; near the ends, all windows that contain it):
 *     fourth divided differences in x (the spline is built in x whatever the knot scale, the
 *     scale is only used to place points). Taking all four containing windows, as the
 *     prototype did, spreads a steep feature's F4 over three neighbours on each side and cost
 *     5–20 % more evaluations for the same verified error (docs/benchmarks.md);</li>
 * <li>predicted error Eᵢ = hᵢ⁴·F4ᵢ/384·Bᵢ, Bᵢ = 16 for the end intervals, 6 for their neighbours,
 *     1 elsewhere (the not-a-knot end effect);</li>
 * <li>kink guard: when F4ᵢ &gt; 8·F4 of the parent the estimate is not converging (a kink, a jump),
 *     so Eᵢ = max(64·Eᵢ, emidᵢ), emid being the error measured when the interval was created;</li>
 * <li>accepted when not forced (the initial intervals are) and 2·Eᵢ ≤ tolᵢ = rel·min(|yᵢ|, |yᵢ₊₁|)
 *     + abs, lowered where the spline dips between the knots, and with abs = 0 at a zero of f
 *     replaced by rel·|yᵢ₊₁ − yᵢ|/4 ({@link Widths#intervalTolerance}, {@link Widths#dipTolerance});
 *     an interval below the width floor is never split and, if not accepted, is reported
 *     as unresolved;</li>
 * <li>a rejected interval is cut into q = clamp(⌈(2Eᵢ/tolᵢ)^¼⌉, 2, 4) pieces in the knot scale, at
 *     t = j/q + (0.1/q)·(2·frac(c·0.6180339887) − 1) (a small deterministic jitter against
 *     symmetric misses, c counting all inserted points); each child records
 *     emid = max|f − s|/(16t²(1 − t)²) over its new end points (s the spline before the pass)
 *     and the parent's F4.</li>
 * </ul>
 * A split interval straddling x = 0 gets a knot at exactly 0 when a jittered point lands near it.
 * When all intervals are accepted the plateau rounds of the paper method run as there: closed
 * intervals wider in u than mean + k·sd are forced open once more.
 */
final class GradedPlan implements RefinementPlan {

    private static final double GOLDEN = 0.6180339887498949;
    /**
     * Kink guard threshold: growth of F4 over the parent's F4 that marks a non-converging
     * estimate. 8 = the growth of a jump's F4 ∝ 1/h³ under one bisection; 2 (the prototype's
     * value) also fired on smooth features still being resolved and cost 5–15 % more
     * evaluations (docs/benchmarks.md).
     */
    static final double GUARD_GROWTH = 8;

    private final Widths w;
    private final double rel;
    private final double abs;
    private final double refineK;
    private int roundsLeft;
    private int refineRounds;
    private long counter;

    /** per interval: F4 of the parent, error measured at creation, forced open, unresolved */
    private double[] f4par = new double[0];
    private double[] emid = new double[0];
    private boolean[] forced = new boolean[0];
    private boolean[] unresolved = new boolean[0];

    /** the next pass's per-interval state, written by {@link #observe} (swapped with the above) */
    private double[] f4parNext = new double[0];
    private double[] emidNext = new double[0];
    private boolean[] forcedNext = new boolean[0];
    private boolean[] unresolvedNext = new boolean[0];

    /** per interval, from the last propose: current F4 (to hand to children) */
    private double[] f4now = new double[0];
    /** per proposed point: its fraction t of the parent interval in u (only the first ones are used) */
    private double[] tProp = new double[0];
    /**
     * Scratch reused across passes (the arrays above and these are only ever grown, so a pass
     * allocates no per-knot arrays beyond the proposal itself): predicted errors, pieces per
     * interval, the divided-difference table, the scaled proposal errors.
     */
    private double[] eBuf = new double[0];
    /**
     * Incremental estimates: per interval Eᵢ ({@link #eBuf}), F4ᵢ ({@link #f4now}), the knot-based
     * ratio 2Eᵢ/tolᵢ and whether the dip test can apply, kept from pass to pass (shifted by
     * {@link #observe}) and recomputed only for the intervals marked dirty: those whose knots
     * i − 3 … i + 4 (every knot Eᵢ, tolᵢ and the dip test read) include a new one, and the first
     * two and last six (the end factors and the windows near the ends depend on the knot count).
     */
    private double[] ratioBuf = new double[0];
    private boolean[] dipBuf = new boolean[0];
    private boolean[] dirty = new boolean[0];
    private boolean allDirty = true;
    private double[] eNext = new double[0];
    private double[] f4nowNext = new double[0];
    private double[] ratioNext = new double[0];
    private boolean[] dipNext = new boolean[0];
    private int[] qBuf = new int[0];
    private int[] piecesBuf = new int[0];
    private double[] tableBuf = new double[0];
    private double[] scaledErrBuf = new double[0];
    private int open;
    private double worst = Double.NaN;

    GradedPlan(RefinementOptions o) {
        this.w = new Widths(o);
        this.rel = o.rel();
        this.abs = o.abs();
        this.refineK = o.refineK();
        this.roundsLeft = o.refineRounds();
    }

    @Override
    public void start(double[] x, double[] y, Spline s) {
        int m = x.length - 1;
        f4par = new double[m];
        emid = new double[m];
        forced = new boolean[m];
        unresolved = new boolean[m];
        Arrays.fill(f4par, Double.POSITIVE_INFINITY);
        Arrays.fill(emid, Double.POSITIVE_INFINITY);
        Arrays.fill(forced, true);
        allDirty = true;
        open = m;
    }

    @Override
    public Proposal propose(double[] x, double[] y, Spline s) {
        int m = x.length - 1;
        double[] e = predict(x, y);
        double[] r0 = ratioBuf;
        boolean[] dipMay = dipBuf;
        // the rejected intervals, increasing, and their pieces
        int[] rejIdx = qBuf = grow(qBuf, m);
        int[] rejPieces = piecesBuf = grow(piecesBuf, m);
        int total = 0;
        int rejected = 0;
        double worstPredicted = 0;
        for (int i = 0; i < m; i++) {
            double ratio = r0[i];
            if (!forced[i] && ratio <= 1 && dipMay[i]) {
                // the dip test reads the spline, which every pass rebuilds: never cached
                ratio = Widths.ratio(2 * e[i], w.dipTolerance(x, y, s, i, w.intervalTolerance(y[i], y[i + 1])));
            }
            boolean accept = !forced[i] && ratio <= 1;
            if (!accept && unresolved[i]) {
                continue;
            }
            if (accept) {
                worstPredicted = Math.max(worstPredicted, ratio / 2);
                continue;
            }
            double u0 = w.u(x[i]);
            double u1 = w.u(x[i + 1]);
            int pieces = pieces(ratio);
            // jittered pieces are at least 0.8/q of the interval: keep them above the width floor
            pieces = w.maxPieces(x[i], x[i + 1], u0, u1, pieces, 0.8);
            if (pieces < 2) {
                unresolved[i] = true;
                continue;
            }
            rejIdx[rejected] = i;
            rejPieces[rejected] = pieces;
            total += pieces - 1;
            rejected++;
        }
        if (rejected == 0) {
            if (roundsLeft > 0) {
                roundsLeft--;
                if (forcePlateaus(x) > 0) {
                    refineRounds++;
                    return propose(x, y, s);
                }
            }
            open = 0;
            worst = worstPredicted;
            return Proposal.EMPTY;
        }
        double[] px = new double[total];
        int[] pi = new int[total];
        double[] pt = tProp = grow(tProp, total);
        int k = 0;
        for (int r = 0; r < rejected; r++) {
            int i = rejIdx[r];
            int pieces = rejPieces[r];
            double x0 = x[i];
            double x1 = x[i + 1];
            double u0 = w.u(x0);
            double u1 = w.u(x1);
            double prev = x0;
            int first = k;
            for (int j = 1; j < pieces; j++) {
                counter++;
                double frac = counter * GOLDEN - Math.floor(counter * GOLDEN);
                double t = (double) j / pieces + (0.1 / pieces) * (2 * frac - 1);
                double v = w.at(x0, x1, u0, u1, t);
                if (v > prev && v < x1) {
                    px[k] = v;
                    pi[k] = i;
                    pt[k] = t;
                    prev = v;
                    k++;
                }
            }
            if (k == first) {
                unresolved[i] = true;
            } else if (x0 < 0 && x1 > 0) {
                snapToZero(px, first, k, x0, x1);
            }
        }
        open = rejected;
        return k == total ? new Proposal(px, pi) : new Proposal(Arrays.copyOf(px, k), Arrays.copyOf(pi, k));
    }

    /**
     * The largest ratios r with Math.pow(r, 1/4) ≤ 2 and ≤ 3 (Math.pow is semi-monotonic, so
     * ⌈r^¼⌉ ≤ 2 exactly for r ≤ {@code POW_2} and ≤ 3 for r ≤ {@code POW_3}): {@link #pieces} gives
     * clamp(⌈(ratio)^¼⌉, 2, 4) bit for bit as the pow formula did, without a pow per interval.
     */
    private static final double POW_2 = largestWithQuarterPowAtMost(16, 2);
    private static final double POW_3 = largestWithQuarterPowAtMost(81, 3);

    private static double largestWithQuarterPowAtMost(double start, double limit) {
        double r = start;
        while (!(Math.pow(r, 0.25) <= limit)) {
            r = Math.nextDown(r);
        }
        while (Math.pow(Math.nextUp(r), 0.25) <= limit) {
            r = Math.nextUp(r);
        }
        return r;
    }

    /** @return clamp(⌈ratio^¼⌉, 2, 4), 4 when the ratio is not finite */
    static int pieces(double ratio) {
        if (!Double.isFinite(ratio)) {
            return 4;
        }
        return ratio <= POW_2 ? 2 : ratio <= POW_3 ? 3 : 4;
    }

    private static double[] grow(double[] a, int size) {
        return a.length >= size ? a : new double[Math.max(size, a.length + (a.length >> 1))];
    }

    private static int[] grow(int[] a, int size) {
        return a.length >= size ? a : new int[Math.max(size, a.length + (a.length >> 1))];
    }

    private static boolean[] grow(boolean[] a, int size) {
        return a.length >= size ? a : new boolean[Math.max(size, a.length + (a.length >> 1))];
    }

    /**
     * x = 0 is where sign-like features and |x|-like kinks sit: when a split interval straddles it,
     * the new point nearest to 0 moves to exactly 0 if that moves it by less than half its
     * distance to either neighbour. Then no knot ever creeps towards 0 from both sides (the
     * width floor keeps every other knot at least a floor away from it).
     */
    private static void snapToZero(double[] px, int first, int end, double x0, double x1) {
        int best = first;
        for (int k = first + 1; k < end; k++) {
            if (Math.abs(px[k]) < Math.abs(px[best])) {
                best = k;
            }
        }
        double left = best > first ? px[best - 1] : x0;
        double right = best + 1 < end ? px[best + 1] : x1;
        double d = Math.abs(px[best]);
        if (left < 0 && right > 0 && d < 0.5 * (px[best] - left) && d < 0.5 * (right - px[best])) {
            px[best] = 0.0;
        }
    }

    /**
     * Predicted error Eᵢ of every interval (kink guard applied); keeps F4ᵢ in {@link #f4now}.
     * Each window's divided difference is used as D_j = L_j⁴·f[x_j…x_{j+4}] (its value in the
     * window's unit coordinate), so hᵢ⁴·f[x_j…x_{j+4}] = (hᵢ/L_j)⁴·D_j never overflows. D_j comes
     * from the ordinary divided-difference table in x when that is safely inside the double range
     * (the common case, 4 divisions per knot) and is otherwise recomputed in the unit coordinate,
     * so knots over hundreds of decades neither overflow nor underflow.
     */
    private double[] predict(double[] x, double[] y) {
        int n = x.length;
        int m = n - 1;
        int windows = Math.max(n - 4, 0);
        double[] t = tableBuf = grow(tableBuf, m);
        eBuf = grow(eBuf, m);
        f4now = grow(f4now, m);
        ratioBuf = grow(ratioBuf, m);
        dipBuf = grow(dipBuf, m);
        dirty = grow(dirty, m);
        if (allDirty) {
            allDirty = false;
            if (windows > 0) {
                table(x, y, t, 0, windows - 1);
            }
            for (int i = 0; i < m; i++) {
                estimate(x, y, t, i, m, windows);
            }
            return eBuf;
        }
        boolean[] d = dirty;
        for (int i = 0; i < Math.min(2, m); i++) {
            d[i] = true;
        }
        for (int i = Math.max(0, m - 6); i < m; i++) {
            d[i] = true;
        }
        int i = 0;
        while (i < m) {
            if (!d[i]) {
                i++;
                continue;
            }
            int a = i;
            while (i < m && d[i]) {
                d[i] = false;
                i++;
            }
            // windows a − 3 … i − 1 (those the intervals a … i − 1 can use)
            int j0 = Math.max(0, a - 3);
            int j1 = Math.min(i - 1, windows - 1);
            if (j0 <= j1) {
                table(x, y, t, j0, j1);
            }
            for (int k = a; k < i; k++) {
                estimate(x, y, t, k, m, windows);
            }
        }
        return eBuf;
    }

    /**
     * t[j] for j0 ≤ j ≤ j1 (needs knots j0 … j1 + 4): |f[x_j…x_{j+4}]| where that is safely inside
     * the double range, NaN where the window needs the unit-coordinate fallback. One sweep: at knot
     * p the newest entry of each level, f[x_{p−1},x_p], f[x_{p−2}…x_p], f[x_{p−3}…x_p],
     * f[x_{p−4}…x_p], each from the previous knot's entry one level down (the operations of the
     * level-by-level divided-difference table, 4 divisions per window; each window's value depends
     * on its own five knots only, wherever the sweep starts).
     */
    private static void table(double[] x, double[] y, double[] t, int j0, int j1) {
        double d1 = (y[j0 + 1] - y[j0]) / (x[j0 + 1] - x[j0]);
        double n1 = (y[j0 + 2] - y[j0 + 1]) / (x[j0 + 2] - x[j0 + 1]);
        double d2 = (n1 - d1) / (x[j0 + 2] - x[j0]);
        d1 = n1;
        n1 = (y[j0 + 3] - y[j0 + 2]) / (x[j0 + 3] - x[j0 + 2]);
        double n2 = (n1 - d1) / (x[j0 + 3] - x[j0 + 1]);
        double d3 = (n2 - d2) / (x[j0 + 3] - x[j0]);
        d1 = n1;
        d2 = n2;
        for (int p = j0 + 4; p <= j1 + 4; p++) {
            double xp = x[p];
            n1 = (y[p] - y[p - 1]) / (xp - x[p - 1]);
            n2 = (n1 - d1) / (xp - x[p - 2]);
            double n3 = (n2 - d2) / (xp - x[p - 3]);
            double l = xp - x[p - 4];
            double a = Math.abs((n3 - d3) / l);
            double l2 = l * l;
            double scaled = a * (l2 * l2);
            t[p - 4] = scaled > 1e-280 && scaled < 1e280 && a > 1e-280 && a < 1e280 ? a : Double.NaN;
            d1 = n1;
            d2 = n2;
            d3 = n3;
        }
    }

    /**
     * Eᵢ and F4ᵢ of interval i from the windows in t, the knot-based ratio 2Eᵢ/tolᵢ and whether
     * the dip test can apply ({@link Widths#dipTolerance} returns tolᵢ itself otherwise).
     */
    private void estimate(double[] x, double[] y, double[] t, int i, int m, int windows) {
        double h = x[i + 1] - x[i];
        // the two windows most centred on the interval where they exist (interval 2nd or 3rd of
        // the window's four): the off-centre ones smear a steep feature's F4 onto 3 neighbours
        int jlo = Math.max(0, i - 3);
        int jhi = Math.min(i, windows - 1);
        if (jhi - jlo >= 2) {
            jlo = Math.max(jlo, i - 2);
            jhi = Math.min(jhi, i - 1);
        }
        double ends = (i == 0 || i == m - 1) ? 16 : (i == 1 || i == m - 2) ? 6 : 1;
        double f4;
        double ei;
        // fast path (no division): every candidate window came from the safe table, and h⁴ is
        // a normal number (h ≤ L_j, whose L_j⁴ is finite there)
        double bestRaw = jlo <= jhi ? -1 : Double.NaN;
        for (int j = jlo; j <= jhi; j++) {
            double rj = t[j];
            if (!(rj >= 0)) {
                bestRaw = Double.NaN;
                break;
            }
            bestRaw = Math.max(bestRaw, rj);
        }
        double h2 = h * h;
        double h4 = h2 * h2;
        if (bestRaw >= 0 && h4 > 1e-250) {
            f4 = 24 * bestRaw;
            ei = h4 * f4 / 384 * ends;
        } else {
            double bestScaled = -1;
            double bestDd = 0;
            double bestLen = 0;
            int best = -1;
            for (int j = jlo; j <= jhi; j++) {
                double len = x[j + 4] - x[j];
                double dd = unitDifference(x, y, t, j, len);
                double r = h / len;
                double scaled = r * r * r * r * dd;
                if (scaled > bestScaled || Double.isNaN(scaled)) {
                    bestScaled = scaled;
                    bestDd = dd;
                    bestLen = len;
                    best = j;
                }
            }
            if (best < 0 || !(bestScaled >= 0) || Double.isInfinite(bestScaled)) {
                f4 = Double.POSITIVE_INFINITY;
                ei = Double.POSITIVE_INFINITY;
            } else {
                double l2 = bestLen * bestLen;
                f4 = 24 * bestDd / (l2 * l2);
                ei = 24 * bestScaled / 384 * ends;
            }
        }
        if (f4 > GUARD_GROWTH * f4par[i]) {
            ei = Math.max(64 * ei, emid[i]);
        }
        eBuf[i] = ei;
        f4now[i] = f4;
        double y0 = y[i];
        double y1 = y[i + 1];
        ratioBuf[i] = Widths.ratio(2 * ei, w.intervalTolerance(y0, y1));
        dipBuf[i] = !(rel == 0 || y0 == 0 || y1 == 0 || (y0 < 0) != (y1 < 0)) && Widths.mayDip(y, i);
    }

    /**
     * D_j = L_j⁴·|f[x_j…x_{j+4}]|, the window's divided difference in its unit coordinate: from the
     * table entry when that was safe ({@code t[j]} not NaN), else computed in the unit coordinate.
     */
    private static double unitDifference(double[] x, double[] y, double[] t, int j, double l) {
        double a = t[j];
        if (a >= 0) {
            double l2 = l * l;
            return a * (l2 * l2);
        }
        double[] z = new double[5];
        double[] c = new double[5];
        for (int k = 0; k < 5; k++) {
            z[k] = (x[j + k] - x[j]) / l;
            c[k] = y[j + k];
        }
        for (int level = 1; level < 5; level++) {
            for (int k = 4; k >= level; k--) {
                c[k] = (c[k] - c[k - 1]) / (z[k] - z[k - level]);
            }
        }
        return Math.abs(c[4]);
    }

    /** Forces open the intervals wider in u than mean + k·sd; @return how many. */
    private int forcePlateaus(double[] x) {
        int m = x.length - 1;
        double[] widths = new double[m];
        double sum = 0;
        int count = 0;
        double uPrev = w.u(x[0]);
        for (int i = 0; i < m; i++) {
            double u = w.u(x[i + 1]);
            widths[i] = u - uPrev;
            uPrev = u;
            if (!unresolved[i]) {
                sum += widths[i];
                count++;
            }
        }
        if (count < 2) {
            return 0;
        }
        double mean = sum / count;
        double var = 0;
        for (int i = 0; i < m; i++) {
            if (!unresolved[i]) {
                double d = widths[i] - mean;
                var += d * d;
            }
        }
        double threshold = mean + refineK * Math.sqrt(var / count);
        int n = 0;
        for (int i = 0; i < m; i++) {
            if (!unresolved[i] && widths[i] > threshold) {
                forced[i] = true;
                n++;
            }
        }
        return n;
    }

    @Override
    public void observe(double[] x, double[] y, Spline s, Proposal p, double[] f, double[] sOld) {
        int m = x.length - 1;
        int size = m + p.size();
        double[] nPar = f4parNext = grow(f4parNext, size);
        double[] nEmid = emidNext = grow(emidNext, size);
        boolean[] nForced = forcedNext = grow(forcedNext, size);
        boolean[] nUnres = unresolvedNext = grow(unresolvedNext, size);
        double[] nE = eNext = grow(eNext, size);
        double[] nF4 = f4nowNext = grow(f4nowNext, size);
        double[] nRatio = ratioNext = grow(ratioNext, size);
        boolean[] nDip = dipNext = grow(dipNext, size);
        boolean[] d = dirty = grow(dirty, size);
        double worstPass = 0;
        double[] scaledErr = scaledErrBuf = grow(scaledErrBuf, p.size());
        for (int k = 0; k < p.size(); k++) {
            double err = Math.abs(f[k] - sOld[k]);
            worstPass = Math.max(worstPass, Widths.ratio(err, w.tolerance(f[k])));
            double t = tProp[k];
            double shape = 16 * t * t * (1 - t) * (1 - t);
            scaledErr[k] = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err / shape;
        }
        int[] interval = p.interval();
        int np = p.size();
        int k = 0;
        int j = 0;
        int from = 0;
        while (k < np) {
            int i = interval[k];
            // untouched intervals from .. i − 1 keep their state, shifted by the points before them
            int run = i - from;
            copyUntouched(from, j, run);
            j += run;
            int jFirst = j;
            int first = k;
            while (k < np && interval[k] == i) {
                k++;
            }
            // children c = 0 … (k − first): bounded by new points first + c − 1 and first + c
            for (int c = 0; c <= k - first; c++) {
                double em = 0;
                if (c > 0) {
                    em = Math.max(em, scaledErr[first + c - 1]);
                }
                if (c < k - first) {
                    em = Math.max(em, scaledErr[first + c]);
                }
                nPar[j] = f4now[i];
                nEmid[j] = em;
                nForced[j] = false;
                nUnres[j] = false;
                j++;
            }
            // the new knots are jFirst + 1 … j − 1: intervals within 4 of them are estimated anew
            Arrays.fill(d, Math.max(0, jFirst - 3), Math.min(size, j + 3), true);
            from = i + 1;
        }
        copyUntouched(from, j, m - from);
        // swap: the current arrays become the spare ones for the next pass
        f4parNext = f4par;
        emidNext = emid;
        forcedNext = forced;
        unresolvedNext = unresolved;
        eNext = eBuf;
        f4nowNext = f4now;
        ratioNext = ratioBuf;
        dipNext = dipBuf;
        eBuf = nE;
        f4now = nF4;
        ratioBuf = nRatio;
        dipBuf = nDip;
        f4par = nPar;
        emid = nEmid;
        forced = nForced;
        unresolved = nUnres;
        worst = worstPass;
    }

    /**
     * Copies the state of {@code run} untouched intervals from index {@code from} of the current
     * arrays to index {@code to} of the next pass's arrays (set up at the start of observe).
     */
    private void copyUntouched(int from, int to, int run) {
        System.arraycopy(f4par, from, f4parNext, to, run);
        System.arraycopy(emid, from, emidNext, to, run);
        System.arraycopy(forced, from, forcedNext, to, run);
        System.arraycopy(unresolved, from, unresolvedNext, to, run);
        System.arraycopy(eBuf, from, eNext, to, run);
        System.arraycopy(f4now, from, f4nowNext, to, run);
        System.arraycopy(ratioBuf, from, ratioNext, to, run);
        System.arraycopy(dipBuf, from, dipNext, to, run);
    }

    @Override
    public int openIntervals() {
        return open;
    }

    @Override
    public double worstErrorRatio() {
        return worst;
    }

    @Override
    public double[] unresolved(double[] x) {
        return w.clusters(x, Arrays.copyOf(unresolved, x.length - 1));
    }

    @Override
    public int refineRounds() {
        return refineRounds;
    }
}
