package org.autoknots.refine;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** {@link #flags} bits: forced open, unresolved, the dip test can apply, estimated this pass */
    private static final byte FORCED = 1;
    private static final byte UNRESOLVED = 2;
    private static final byte DIP = 4;
    private static final byte FRESH = 8;

    /**
     * The per-interval state carried from pass to pass (shifted by {@link #observe}; 25 bytes an
     * interval, since the copy is what a pass over a million knots mostly waits for): F4 of the
     * parent, the error measured at creation, the knot-based ratio 2Eᵢ/tolᵢ, and the flags. The
     * ratio and the {@link #DIP} flag are incremental estimates, recomputed only for the intervals
     * marked dirty: those whose knots i − 3 … i + 4 (every knot Eᵢ, tolᵢ and the dip test read)
     * include a new one, and the first two and last six (the end factors and the windows near the
     * ends depend on the knot count).
     */
    private double[] f4par = new double[0];
    private double[] emid = new double[0];
    private double[] ratioBuf = new double[0];
    private byte[] flags = new byte[0];

    /** the next pass's per-interval state, written by {@link #observe} (swapped with the above) */
    private double[] f4parNext = new double[0];
    private double[] emidNext = new double[0];
    private double[] ratioNext = new double[0];
    private byte[] flagsNext = new byte[0];

    /**
     * Eᵢ and F4ᵢ of the intervals estimated in this pass's {@link #predict} (flag {@link #FRESH});
     * not carried: for any other interval they are recomputed from its knots when needed (the dip
     * test, the F4 a rejected interval hands to its children), with the same result, since none
     * of the knots they read has changed since.
     */
    private double[] eBuf = new double[0];
    private double[] f4now = new double[0];
    /** per proposed point: its fraction t of the parent interval in u, and the parent's F4 */
    private double[] tProp = new double[0];
    private double[] f4Prop = new double[0];
    /**
     * Scratch reused across passes (the arrays above and these are only ever grown, so a pass
     * allocates no per-knot arrays beyond the proposal itself): dirty marks, rejected intervals
     * and their pieces and F4, the divided-difference table, the scaled proposal errors, and the
     * windows and result of one recomputed estimate.
     */
    private boolean[] dirty = new boolean[0];
    private boolean allDirty = true;
    private int[] qBuf = new int[0];
    private int[] piecesBuf = new int[0];
    private double[] rejF4Buf = new double[0];
    private double[] tableBuf = new double[0];
    private double[] scaledErrBuf = new double[0];
    private final double[] oneTable = new double[4];
    private final double[] oneF4 = new double[1];
    /** the helper thread's scratch: its table for {@link #predictRange}, and for one recomputed estimate */
    private double[] helperTableBuf = new double[0];
    private final double[] helperTable = new double[4];
    private final double[] helperF4 = new double[1];
    /** the second thread, or null (concurrency 1) */
    private ExecutorService helper;
    /** the estimates being shared with the helper, while {@link #prepare} runs */
    private volatile PredictJob job;

    /** Intervals from which the sweeps of a pass are shared with the helper. */
    static final int PARALLEL_MIN_INTERVALS = 50_000;
    /** the knots {@link #prepare} last estimated (the next propose for them skips predict) */
    private double[] preparedFor;
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
        ratioBuf = new double[m];
        flags = new byte[m];
        Arrays.fill(f4par, Double.POSITIVE_INFINITY);
        Arrays.fill(emid, Double.POSITIVE_INFINITY);
        Arrays.fill(flags, FORCED);
        allDirty = true;
        open = m;
    }

    @Override
    public void prepare(double[] x, double[] y) {
        predict(x, y, true);
        preparedFor = x;
    }

    /**
     * Lets the plan use a second thread for its own sweeps (from {@value #PARALLEL_MIN_INTERVALS}
     * intervals): the engine calls it at concurrency ≥ 2. The results do not change.
     */
    void useHelper(ExecutorService pool) {
        this.helper = pool;
    }

    @Override
    public Proposal propose(double[] x, double[] y, Spline s) {
        int m = x.length - 1;
        if (preparedFor != x) {
            predict(x, y);
        }
        preparedFor = null;
        // the rejected intervals, increasing, their pieces and F4
        int[] rejIdx = qBuf = grow(qBuf, m);
        int[] rejPieces = piecesBuf = grow(piecesBuf, m);
        double[] rejF4 = rejF4Buf = grow(rejF4Buf, m);
        int total;
        int rejected;
        double worstRatio;
        if (helper != null && m >= PARALLEL_MIN_INTERVALS) {
            // two halves at once (the helper takes the upper one, its list written from index mid);
            // the same decisions as one sweep, joined in order
            int mid = m / 2;
            Future<Scan> upper = helper.submit(() -> scan(x, y, s, mid, m, mid, helperTable, helperF4));
            Scan lower = scan(x, y, s, 0, mid, 0, oneTable, oneF4);
            Scan up = get(upper);
            System.arraycopy(rejIdx, mid, rejIdx, lower.rejected(), up.rejected());
            System.arraycopy(rejPieces, mid, rejPieces, lower.rejected(), up.rejected());
            System.arraycopy(rejF4, mid, rejF4, lower.rejected(), up.rejected());
            rejected = lower.rejected() + up.rejected();
            total = lower.total() + up.total();
            worstRatio = Math.max(lower.worstRatio(), up.worstRatio());
        } else {
            Scan all = scan(x, y, s, 0, m, 0, oneTable, oneF4);
            rejected = all.rejected();
            total = all.total();
            worstRatio = all.worstRatio();
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
            worst = worstRatio / 2;
            return Proposal.EMPTY;
        }
        double[] px = new double[total];
        int[] pi = new int[total];
        double[] pt = tProp = grow(tProp, total);
        double[] pf = f4Prop = grow(f4Prop, total);
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
                    pf[k] = rejF4[r];
                    prev = v;
                    k++;
                }
            }
            if (k == first) {
                flags[i] |= UNRESOLVED;
            } else if (x0 < 0 && x1 > 0) {
                snapToZero(px, first, k, x0, x1);
            }
        }
        open = rejected;
        return k == total ? new Proposal(px, pi) : new Proposal(Arrays.copyOf(px, k), Arrays.copyOf(pi, k));
    }

    /** What {@link #scan} found in its range of intervals. */
    private record Scan(int rejected, int total, double worstRatio) {
    }

    /**
     * Accepts or rejects the intervals from ≤ i &lt; to: the rejected ones, increasing, with their
     * pieces and the F4 they hand to their children, go to {@link #qBuf}, {@link #piecesBuf},
     * {@link #rejF4Buf} from index {@code at}; unresolved ones are flagged. Touches only its own
     * intervals and the scratch passed in, so two ranges can run at once.
     */
    private Scan scan(double[] x, double[] y, Spline s, int from, int to, int at, double[] tScratch,
            double[] f4Scratch) {
        double[] r0 = ratioBuf;
        byte[] fl = flags;
        int[] rejIdx = qBuf;
        int[] rejPieces = piecesBuf;
        double[] rejF4 = rejF4Buf;
        int total = 0;
        int rejected = at;
        double worstRatio = 0;
        for (int i = from; i < to; i++) {
            int f = fl[i];
            double ratio = r0[i];
            boolean forcedOpen = (f & FORCED) != 0;
            if (!forcedOpen && ratio <= 1 && (f & DIP) != 0) {
                // the dip test reads the spline, which every pass rebuilds: never cached
                double ei = (f & FRESH) != 0 ? eBuf[i] : recompute(x, y, i, tScratch, f4Scratch);
                ratio = Widths.ratio(2 * ei, w.dipTolerance(x, y, s, i, w.intervalTolerance(y[i], y[i + 1])));
            }
            boolean accept = !forcedOpen && ratio <= 1;
            if (!accept && (f & UNRESOLVED) != 0) {
                continue;
            }
            if (accept) {
                // (the largest ratio, halved once at the end: the same as the largest half)
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                }
                continue;
            }
            double u0 = w.u(x[i]);
            double u1 = w.u(x[i + 1]);
            int pieces = pieces(ratio);
            // jittered pieces are at least 0.8/q of the interval: keep them above the width floor
            pieces = w.maxPieces(x[i], x[i + 1], u0, u1, pieces, 0.8);
            if (pieces < 2) {
                fl[i] |= UNRESOLVED;
                continue;
            }
            rejIdx[rejected] = i;
            rejPieces[rejected] = pieces;
            total += pieces - 1;
            rejected++;
        }
        // the F4 each rejected interval hands to its children
        for (int r = at; r < rejected; r++) {
            int i = rejIdx[r];
            if ((fl[i] & FRESH) != 0) {
                rejF4[r] = f4now[i];
            } else {
                recompute(x, y, i, tScratch, f4Scratch);
                rejF4[r] = f4Scratch[0];
            }
        }
        return new Scan(rejected - at, total, worstRatio);
    }

    /** The result of a helper's task; what it threw is rethrown as it was. */
    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while refining", e);
        } catch (ExecutionException e) {
            throw ParallelEvaluator.rethrow(e.getCause());
        }
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

    private static byte[] grow(byte[] a, int size) {
        return a.length >= size ? a : new byte[Math.max(size, a.length + (a.length >> 1))];
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
     * Predicted error Eᵢ of every dirty interval (kink guard applied), into {@link #eBuf}, with
     * F4ᵢ in {@link #f4now}, the ratio and the flags.
     * Each window's divided difference is used as D_j = L_j⁴·f[x_j…x_{j+4}] (its value in the
     * window's unit coordinate), so hᵢ⁴·f[x_j…x_{j+4}] = (hᵢ/L_j)⁴·D_j never overflows. D_j comes
     * from the ordinary divided-difference table in x when that is safely inside the double range
     * (the common case, 4 divisions per knot) and is otherwise recomputed in the unit coordinate,
     * so knots over hundreds of decades neither overflow nor underflow.
     */
    private void predict(double[] x, double[] y) {
        predict(x, y, false);
    }

    /**
     * @param share whether the helper may take part ({@link #assist}): the dirty intervals are then
     *              done in chunks, each by whichever thread claims it
     */
    private void predict(double[] x, double[] y, boolean share) {
        int n = x.length;
        int m = n - 1;
        tableBuf = grow(tableBuf, m);
        eBuf = grow(eBuf, m);
        f4now = grow(f4now, m);
        boolean[] d = dirty = grow(dirty, m);
        if (allDirty) {
            allDirty = false;
            Arrays.fill(d, 0, m, true);
        } else {
            for (int i = 0; i < Math.min(2, m); i++) {
                d[i] = true;
            }
            for (int i = Math.max(0, m - 6); i < m; i++) {
                d[i] = true;
            }
        }
        if (!share || helper == null || m < PARALLEL_MIN_INTERVALS) {
            predictRange(x, y, 0, m, tableBuf);
            return;
        }
        helperTableBuf = grow(helperTableBuf, m);
        PredictJob j = new PredictJob(x, y, m);
        job = j;
        j.work(tableBuf);
        j.awaitAll();
        job = null;
    }

    /**
     * The estimates of one pass in chunks of intervals, claimed by the engine's thread and, once
     * it has built the spline, the helper ({@link #assist}); each chunk writes only its own
     * intervals' entries (and its thread's own table scratch).
     */
    private final class PredictJob {
        private static final int CHUNK = 1 << 14;
        private final double[] x;
        private final double[] y;
        private final int m;
        private final int chunks;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();

        PredictJob(double[] x, double[] y, int m) {
            this.x = x;
            this.y = y;
            this.m = m;
            this.chunks = (m + CHUNK - 1) / CHUNK;
        }

        void work(double[] t) {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                predictRange(x, y, c * CHUNK, Math.min(m, (c + 1) * CHUNK), t);
                done.incrementAndGet();
            }
        }

        /** Waits for chunks the helper is still on (at most one, a fraction of a millisecond). */
        void awaitAll() {
            while (done.get() < chunks) {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void assist() {
        PredictJob j = job;
        if (j != null) {
            j.work(helperTableBuf);
        }
    }

    /**
     * The dirty intervals in lo ≤ i &lt; hi (cleared as they are done), with their windows in t; a
     * run of dirty intervals that crosses lo or hi is cut there (each part computes the windows it
     * reads).
     */
    private void predictRange(double[] x, double[] y, int lo, int hi, double[] t) {
        int m = x.length - 1;
        int windows = Math.max(x.length - 4, 0);
        boolean[] d = dirty;
        int i = lo;
        while (i < hi) {
            if (!d[i]) {
                i++;
                continue;
            }
            int a = i;
            while (i < hi && d[i]) {
                d[i] = false;
                i++;
            }
            // windows a − 3 … i − 1 (those the intervals a … i − 1 can use)
            int j0 = Math.max(0, a - 3);
            int j1 = Math.min(i - 1, windows - 1);
            if (j0 <= j1) {
                table(x, y, t, 0, j0, j1);
            }
            for (int k = a; k < i; k++) {
                store(x, y, t, k, m, windows);
            }
        }
    }

    /** Estimates interval i from the windows in t and keeps Eᵢ, F4ᵢ, the ratio and the flags. */
    private void store(double[] x, double[] y, double[] t, int i, int m, int windows) {
        double ei = estimate(x, y, t, 0, i, m, windows, f4now, i);
        eBuf[i] = ei;
        double y0 = y[i];
        double y1 = y[i + 1];
        ratioBuf[i] = Widths.ratio(2 * ei, w.intervalTolerance(y0, y1));
        boolean dip = !(rel == 0 || y0 == 0 || y1 == 0 || (y0 < 0) != (y1 < 0)) && Widths.mayDip(y, i);
        flags[i] = (byte) ((flags[i] & (FORCED | UNRESOLVED)) | FRESH | (dip ? DIP : 0));
    }

    /**
     * Eᵢ of interval i (returned) and F4ᵢ (f4Scratch[0]) recomputed from its knots alone, for an
     * interval not estimated in this pass: the same windows and operations as {@link #predict},
     * so the same values.
     */
    private double recompute(double[] x, double[] y, int i, double[] tScratch, double[] f4Scratch) {
        int n = x.length;
        int windows = Math.max(n - 4, 0);
        int jlo = Math.max(0, i - 3);
        int jhi = Math.min(i, windows - 1);
        if (jlo <= jhi) {
            table(x, y, tScratch, jlo, jlo, jhi);
        }
        return estimate(x, y, tScratch, jlo, i, n - 1, windows, f4Scratch, 0);
    }

    /**
     * t[j − off] for j0 ≤ j ≤ j1 (needs knots j0 … j1 + 4): |f[x_j…x_{j+4}]| where that is safely inside
     * the double range, NaN where the window needs the unit-coordinate fallback. One sweep: at knot
     * p the newest entry of each level, f[x_{p−1},x_p], f[x_{p−2}…x_p], f[x_{p−3}…x_p],
     * f[x_{p−4}…x_p], each from the previous knot's entry one level down (the operations of the
     * level-by-level divided-difference table, 4 divisions per window; each window's value depends
     * on its own five knots only, wherever the sweep starts).
     */
    private static void table(double[] x, double[] y, double[] t, int off, int j0, int j1) {
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
            t[p - 4 - off] = scaled > 1e-280 && scaled < 1e280 && a > 1e-280 && a < 1e280 ? a : Double.NaN;
            d1 = n1;
            d2 = n2;
            d3 = n3;
        }
    }

    /**
     * @return Eᵢ of interval i from the windows in t (window j at t[j − off]); F4ᵢ goes to
     *         f4Out[f4At]
     */
    private double estimate(double[] x, double[] y, double[] t, int off, int i, int m, int windows, double[] f4Out,
            int f4At) {
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
            double rj = t[j - off];
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
                double dd = unitDifference(x, y, t[j - off], j, len);
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
        f4Out[f4At] = f4;
        return ei;
    }

    /**
     * D_j = L_j⁴·|f[x_j…x_{j+4}]|, the window's divided difference in its unit coordinate: from the
     * table entry a when that was safe (not NaN), else computed in the unit coordinate.
     */
    private static double unitDifference(double[] x, double[] y, double a, int j, double l) {
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
        // the divided-difference scratch is free here (the next propose recomputes what it needs)
        double[] widths = tableBuf = grow(tableBuf, m);
        double sum = 0;
        int count = 0;
        double uPrev = w.u(x[0]);
        for (int i = 0; i < m; i++) {
            double u = w.u(x[i + 1]);
            widths[i] = u - uPrev;
            uPrev = u;
            if ((flags[i] & UNRESOLVED) == 0) {
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
            if ((flags[i] & UNRESOLVED) == 0) {
                double d = widths[i] - mean;
                var += d * d;
            }
        }
        double threshold = mean + refineK * Math.sqrt(var / count);
        int n = 0;
        for (int i = 0; i < m; i++) {
            if ((flags[i] & UNRESOLVED) == 0 && widths[i] > threshold) {
                flags[i] |= FORCED;
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
        double[] nRatio = ratioNext = grow(ratioNext, size);
        byte[] nFlags = flagsNext = grow(flagsNext, size);
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
                nPar[j] = f4Prop[first];
                nEmid[j] = em;
                // the ratio is estimated anew (dirty below) before it is read
                nRatio[j] = 0;
                nFlags[j] = 0;
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
        ratioNext = ratioBuf;
        flagsNext = flags;
        f4par = nPar;
        emid = nEmid;
        ratioBuf = nRatio;
        flags = nFlags;
        worst = worstPass;
    }

    /**
     * Copies the state of {@code run} untouched intervals from index {@code from} of the current
     * arrays to index {@code to} of the next pass's arrays (set up at the start of observe).
     */
    private void copyUntouched(int from, int to, int run) {
        System.arraycopy(f4par, from, f4parNext, to, run);
        System.arraycopy(emid, from, emidNext, to, run);
        System.arraycopy(ratioBuf, from, ratioNext, to, run);
        // FRESH marks this pass's estimates (eBuf, f4now are not carried): cleared on the way
        byte[] a = flags;
        byte[] b = flagsNext;
        for (int k = 0; k < run; k++) {
            b[to + k] = (byte) (a[from + k] & ~FRESH);
        }
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
        int m = x.length - 1;
        boolean[] flagged = new boolean[m];
        for (int i = 0; i < m; i++) {
            flagged[i] = (flags[i] & UNRESOLVED) != 0;
        }
        return w.clusters(x, flagged);
    }

    @Override
    public int refineRounds() {
        return refineRounds;
    }
}
