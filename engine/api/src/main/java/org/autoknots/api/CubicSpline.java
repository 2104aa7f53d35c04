package org.autoknots.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable piecewise cubic, C¹ by construction, stored as one polynomial per interval in
 * the interval's own unit coordinate: s(x) = aᵢ + bᵢ·t + cᵢ·t² + dᵢ·t³ with
 * t = (x − xᵢ)/hᵢ ∈ [0, 1], hᵢ = xᵢ₊₁ − xᵢ. All four coefficients are in the units of y, so no
 * power of hᵢ is ever formed: knots spanning hundreds of decades (x from 1e-300 to 1e300) neither
 * overflow nor underflow.
 *
 * <p>Every cubic spline kind is a cubic Hermite interpolant for some choice of knot slopes
 * mᵢ = s′(xᵢ): not-a-knot and natural splines choose them by solving a tridiagonal system
 * (which makes s C²), Akima and Steffen by local formulas. {@link #hermite} builds the
 * polynomials from (x, y, m) in O(n); evaluation finds the interval by a guide table (O(1)
 * expected, O(log n) at worst), or not at all when the interval is known
 * ({@link #value(int, double)}); integrals are exact, from prefix sums of the interval integrals
 * (built on the first call of {@link #integral}).
 *
 * <p>Storage: the knots in one compact array and one record of four doubles per interval (aᵢ,
 * mᵢ, cᵢ, dᵢ, with bᵢ = mᵢhᵢ formed on use); the guide table's entries carry the knots next to
 * their bucket, so that evaluating at a random point of a large spline reads one 32-byte guide
 * entry and one 32-byte record, not one line in each of six arrays. {@link #values(double[],
 * double[])} evaluates many points with their memory accesses overlapped.
 */
public final class CubicSpline implements Spline {

    /** Points within this many ulp of an end are clamped to it. */
    private static final double CLAMP_ULPS = 4.0;

    /**
     * Doubles per interval record in {@link #p}: aᵢ, mᵢ, cᵢ, dᵢ (bᵢ = mᵢhᵢ is formed on use, the
     * same product as in the construction). 32 bytes: with {@link #PAD}, one record never
     * straddles two cache lines when the array starts on a cache line, as large arrays do on
     * HotSpot (G1 places them at the start of a heap region); otherwise it may, harmlessly.
     */
    private static final int STRIDE = 4;
    /** Doubles before the first record: the array header (16 bytes) plus this make 32. */
    private static final int PAD = 2;
    /** Doubles per guide entry (gₖ, x_gₖ, x_gₖ₊₁, x_gₖ₊₂), placed like the records: 32 bytes. */
    private static final int ENTRY = 4;
    /** Below this many knots there is no guide table: a binary search over so few is as fast. */
    private static final int GUIDE_MIN_KNOTS = 16;
    /**
     * Points per block of {@link #values(double[], double[])}: enough independent memory accesses
     * per sweep to keep the memory system busy; 8 and 16 were slower at 10⁶ knots, 32 to 256 the
     * same (docs/benchmarks.md, "Batch evaluation").
     */
    private static final int BLOCK = 32;

    /**
     * The interval records, {@link #STRIDE} doubles each from index {@link #PAD}; record n − 1
     * describes the right end (yₙ₋₁, mₙ₋₁, 0, 0).
     */
    private final double[] p;
    /**
     * The knots, and xₙ₋₁ once more at index n (so record n − 1 has zero width and evaluation
     * there gives yₙ₋₁). Compact (8 bytes a knot), for the interval search: its comparisons
     * read a small array that stays in cache far longer than the records, so they resolve
     * quickly, and the same cache line gives the interval's ends xᵢ, xᵢ₊₁.
     */
    private final double[] xs;
    private final int n;
    private final double lowerEnd;
    private final double upperEnd;
    private final double clampSlack;
    /** cumulative[i] = ∫ s over [x₀, xᵢ]; built on the first {@link #integral} (volatile, published once). */
    private volatile double[] cumulative;
    /**
     * Guide table for the interval search, built on the first search: bucket k of n equal
     * buckets of a key of x starts in interval gₖ. The key is x itself, or the order-preserving
     * integer image of x's bits (roughly log |x|: suits knots graded over decades), whichever
     * spreads the knots more evenly. One entry of {@link #ENTRY} doubles per bucket (and one
     * more, for the last interval), from index {@link #PAD}: gₖ (exact as a double), then the
     * knots x_gₖ, x_gₖ₊₁, x_gₖ₊₂ (+∞ past the last knot). Most points of a bucket lie in interval
     * gₖ or gₖ + 1, and the entry holds both intervals' ends: one 32-byte entry settles the
     * search and gives the interval's ends, so evaluation then reads only the record (the knot
     * array is read only when a bucket holds more intervals). Volatile: built lazily, published
     * once (the other guide fields are written before it).
     */
    private volatile double[] guide;
    private double guideScale;
    private int guideBuckets;
    private boolean guideOnBits;
    private double guideOrigin;

    /** Takes ownership of the records (allocated and filled by {@link #hermite}). */
    private CubicSpline(double[] p, double[] xs, int n) {
        this.p = p;
        this.xs = xs;
        this.n = n;
        this.lowerEnd = xs[0];
        this.upperEnd = xs[n - 1];
        this.clampSlack = CLAMP_ULPS * Math.ulp(Math.max(Math.abs(lowerEnd), Math.abs(upperEnd)));
    }

    /**
     * The cubic Hermite interpolant with values y and slopes m at the knots x (the arrays are
     * copied). Each interval's polynomial in t = (x − xᵢ)/hᵢ follows from the Hermite basis:
     * a = yᵢ, b = mᵢhᵢ, c = 3Δy − 2mᵢhᵢ − mᵢ₊₁hᵢ, d = mᵢhᵢ + mᵢ₊₁hᵢ − 2Δy (de Boor, <i>A Practical
     * Guide to Splines</i>, ch. IV). One pass: validation, coefficients and storage together.
     *
     * @param x strictly increasing, finite, at least 2 knots
     * @param y finite values
     * @param m finite slopes
     * @throws IllegalArgumentException naming the first offending index and value
     */
    public static CubicSpline hermite(double[] x, double[] y, double[] m) {
        int n = x.length;
        if (y.length != n || n < 2 || m.length != n) {
            checkKnots(x, y, 2);
            throw new IllegalArgumentException("slopes: expected " + n + " values, got " + m.length);
        }
        double[] p = new double[PAD + STRIDE * n];
        double x0 = x[0];
        double y0 = y[0];
        double m0 = m[0];
        boolean ok = Math.abs(x0) <= Double.MAX_VALUE & Math.abs(y0) <= Double.MAX_VALUE
                & Math.abs(m0) <= Double.MAX_VALUE;
        for (int i = 0, o = PAD; i + 1 < n; i++, o += STRIDE) {
            double x1 = x[i + 1];
            double y1 = y[i + 1];
            double m1 = m[i + 1];
            // strictly increasing and finite (NaN fails every comparison); checked once, after the loop
            ok &= x1 > x0 & Math.abs(x1) <= Double.MAX_VALUE & Math.abs(y1) <= Double.MAX_VALUE
                    & Math.abs(m1) <= Double.MAX_VALUE;
            double h = x1 - x0;
            double dy = y1 - y0;
            double s0 = m0 * h;
            double s1 = m1 * h;
            p[o] = y0;
            p[o + 1] = m0;
            p[o + 2] = 3 * dy - 2 * s0 - s1;
            p[o + 3] = s0 + s1 - 2 * dy;
            x0 = x1;
            y0 = y1;
            m0 = m1;
        }
        if (!ok) {
            // the same messages, in the same order, as checking knots, then slopes
            checkKnots(x, y, 2);
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(m[i])) {
                    throw new IllegalArgumentException("slope at knot " + i + " (x = " + x[i] + ") is " + m[i]);
                }
            }
        }
        // the last record describes the right end: value there, used by clamped evaluation
        int o = PAD + STRIDE * (n - 1);
        p[o] = y0;
        p[o + 1] = m0;
        double[] xs = Arrays.copyOf(x, n + 1);
        xs[n] = x0;
        return new CubicSpline(p, xs, n);
    }

    /**
     * Checks knots and values: equal lengths, at least {@code minKnots}, finite, x strictly
     * increasing. Spline kinds call it before building.
     *
     * @throws IllegalArgumentException naming the first offending index and value
     */
    public static void checkKnots(double[] x, double[] y, int minKnots) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("knots and values differ in length: " + x.length + " vs " + y.length);
        }
        if (x.length < minKnots) {
            throw new IllegalArgumentException("need at least " + minKnots + " knots, got " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("knot " + i + " is " + x[i]);
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("value at knot " + i + " (x = " + x[i] + ") is " + y[i]);
            }
            if (i > 0 && !(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("knots must increase strictly: x[" + (i - 1) + "] = " + x[i - 1]
                        + ", x[" + i + "] = " + x[i]);
            }
        }
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public double lower() {
        return lowerEnd;
    }

    @Override
    public double upper() {
        return upperEnd;
    }

    @Override
    public double knotAt(int i) {
        // xs has one more entry (a copy of the last knot): keep the bounds of the knots themselves
        return xs[Objects.checkIndex(i, n)];
    }

    @Override
    public double[] knots() {
        return Arrays.copyOf(xs, n);
    }

    @Override
    public double[] values() {
        return column(0);
    }

    /** @return a copy of the knot slopes s′(xᵢ) */
    public double[] slopes() {
        return column(1);
    }

    private double[] column(int k) {
        double[] out = new double[n];
        for (int i = 0, o = PAD + k; i < n; i++, o += STRIDE) {
            out[i] = p[o];
        }
        return out;
    }

    /**
     * @return the index i of the interval [xᵢ, xᵢ₊₁] holding x (the last interval for the right
     *         end), after clamping points within a few ulp of an end
     * @throws IllegalArgumentException when x is outside the range or NaN
     */
    public int interval(double xv) {
        if (xv >= lowerEnd && xv <= upperEnd) {
            return search(xv);
        }
        if (xv < lowerEnd && lowerEnd - xv <= clampSlack) {
            return 0;
        }
        if (xv > upperEnd && xv - upperEnd <= clampSlack) {
            return n - 2;
        }
        throw new IllegalArgumentException("x = " + xv + " is outside the spline's range [" + lowerEnd + ", " + upperEnd
                + "]");
    }

    /**
     * The interval of x₀ ≤ x ≤ xₙ₋₁ by a guide table (a bucket index into the knots, as in
     * Devroye's guide-table search, <i>Non-Uniform Random Variate Generation</i>, 1986, §III.2.4):
     * O(1) expected for knots of bounded grading, otherwise a binary search confined to the
     * bucket, never worse than a plain binary search.
     */
    private int search(double xv) {
        double[] e = guide;
        if (e == null) {
            if (n < GUIDE_MIN_KNOTS) {
                return Math.min(floorRecord(0, n - 1, xv), n - 2);
            }
            e = buildGuide();
        }
        int o = entry(xv);
        // interval gₖ or the next (never past n − 2: x = xₙ₋₁ belongs to the last interval)
        int i = Math.min((int) e[o] + (xv >= e[o + 2] ? 1 : 0), n - 2);
        return settle(i, (int) e[o + ENTRY] + 1, xv);
    }

    /** @return the offset in {@link #guide} of the entry of x₀ ≤ xv ≤ xₙ₋₁ (the guide must be built) */
    private int entry(double xv) {
        double key = guideOnBits ? (double) orderedBits(xv) : xv;
        int k = (int) ((key - guideOrigin) * guideScale);
        return PAD + ENTRY * Math.max(0, Math.min(guideBuckets - 1, k));
    }

    /**
     * @param i a guess for the interval of xv with xᵢ ≤ xv (the guide's)
     * @param last one past the last interval of xv's bucket
     * @return the interval holding xv: the guess, confirmed or corrected from the knots
     */
    private int settle(int i, int last, double xv) {
        double[] x = xs;
        // defensive: keys are monotone in x, so xᵢ ≤ xv already
        while (i > 0 && x[i] > xv) {
            i--;
        }
        if (last - i > 8) {
            i = Math.min(floorRecord(i, Math.min(last, n - 1), xv), n - 2);
        }
        while (i < n - 2 && x[i + 1] <= xv) {
            i++;
        }
        return i;
    }

    /** @return the largest i in [lo, hi] with xᵢ ≤ xv (lo when none), by bisection */
    private int floorRecord(int lo, int hi, double xv) {
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (xs[mid] <= xv) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** @return the bits of v as a long that orders like v (−0.0 just below +0.0) */
    private static long orderedBits(double v) {
        long b = Double.doubleToRawLongBits(v);
        return b >= 0 ? b : b ^ Long.MAX_VALUE;
    }

    private synchronized double[] buildGuide() {
        if (guide != null) {
            return guide;
        }
        double[] keyLin = new double[n];
        double[] keyBits = new double[n];
        for (int i = 0; i < n; i++) {
            keyLin[i] = xs[i];
            keyBits[i] = orderedBits(keyLin[i]);
        }
        double costLin = guideCost(keyLin, n);
        double costBits = guideCost(keyBits, n);
        boolean onBits = costBits < costLin;
        double[] key = onBits ? keyBits : keyLin;
        int buckets = n;
        double origin = key[0];
        double scale = buckets / (key[n - 1] - origin);
        if (!(scale > 0 && Double.isFinite(scale))) {
            // a span beyond the double range: one bucket, i.e. a plain binary search
            buckets = 1;
            scale = 0;
        }
        double[] e = new double[PAD + ENTRY * (buckets + 1)];
        int i = 0;
        for (int k = 0; k <= buckets; k++) {
            // first knot whose bucket is ≥ k, minus one: the interval holding the bucket's start
            while (k < buckets && i < n - 2 && (int) ((key[i + 1] - origin) * scale) < k) {
                i++;
            }
            int g = k < buckets ? i : n - 2;
            int o = PAD + ENTRY * k;
            e[o] = g;
            e[o + 1] = xs[g];
            e[o + 2] = xs[g + 1];
            e[o + 3] = g + 2 < n ? xs[g + 2] : Double.POSITIVE_INFINITY;
        }
        guideBuckets = buckets;
        guideScale = scale;
        guideOrigin = origin;
        guideOnBits = onBits;
        guide = e;
        return e;
    }

    /** @return the mean squared bucket occupancy of n equal buckets over the keys (∞ if unusable) */
    private static double guideCost(double[] key, int buckets) {
        double scale = buckets / (key[key.length - 1] - key[0]);
        if (!(scale > 0 && Double.isFinite(scale))) {
            return Double.POSITIVE_INFINITY;
        }
        double cost = 0;
        int run = 0;
        int current = 0;
        for (double kv : key) {
            int b = (int) ((kv - key[0]) * scale);
            if (b != current) {
                cost += (double) run * run;
                run = 0;
                current = b;
            }
            run++;
        }
        cost += (double) run * run;
        return cost / key.length;
    }

    private double clamp(double xv) {
        return Math.max(lowerEnd, Math.min(upperEnd, xv));
    }

    @Override
    public double value(double xv) {
        if (xv >= lowerEnd && xv < upperEnd) {
            // inside the range (the common case): no clamping needed
            double[] e = guide;
            if (e == null) {
                if (n < GUIDE_MIN_KNOTS) {
                    return value(search(xv), xv);
                }
                e = buildGuide();
            }
            return inside(e, entry(xv), xv);
        }
        if (xv >= upperEnd && xv - upperEnd <= clampSlack) {
            // the right end (or within a few ulp of it): the value there, exactly
            return p[PAD + STRIDE * (n - 1)];
        }
        int i = interval(xv);
        return value(i, clamp(xv));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Software-pipelined, for splines larger than the caches: a single {@code value(x)} waits
     * for two memory accesses in a row (its guide entry, then its record), so on such a spline
     * its time is two memory latencies. Here the points go in blocks of {@value #BLOCK}, and each
     * block in four sweeps: (1) each point's guide entry, by arithmetic; (2) the entries, read
     * together, giving each point's interval gₖ or gₖ + 1; (3) those intervals' records, read
     * together; (4) the values, from data now in cache, by the same code as {@link #value(double)}
     * (so the results are the same, bit for bit). Within sweep 2, and again within sweep 3, the
     * block's loads are independent, so their cache misses overlap: a block waits for about two
     * memory latencies, not two per point (at 10⁶ knots 0.3–0.45 of the time of one
     * {@code value(x)} per point; docs/benchmarks.md, "Batch evaluation"). Points
     * outside [x₀, xₙ₋₁), NaN and the right end go through {@link #value(double)} itself
     * (clamping, the end value, the exception). Splines with fewer than 16 knots (no guide table)
     * are evaluated point by point.
     */
    @Override
    public void values(double[] x, double[] out) {
        double[] e = guide;
        if (e == null && n >= GUIDE_MIN_KNOTS) {
            e = buildGuide();
        }
        if (e == null || x.length != out.length) {
            // tiny splines, and the interface's length check
            Spline.super.values(x, out);
            return;
        }
        int[] at = new int[BLOCK];
        int[] guess = new int[BLOCK];
        // the records' first coefficients, read in sweep 3 only to bring the records into the
        // cache; kept in an array so that the compiler keeps the loads
        double[] touched = new double[BLOCK];
        for (int start = 0; start < x.length; start += BLOCK) {
            int m = Math.min(BLOCK, x.length - start);
            // 1. guide entries (−1: leave the point to value(x))
            for (int j = 0; j < m; j++) {
                double xv = x[start + j];
                at[j] = xv >= lowerEnd && xv < upperEnd ? entry(xv) : -1;
            }
            // 2. read the entries: interval gₖ or gₖ + 1
            for (int j = 0; j < m; j++) {
                int o = at[j];
                guess[j] = o < 0 ? 0 : (int) e[o] + (x[start + j] >= e[o + 2] ? 1 : 0);
            }
            // 3. read the records
            for (int j = 0; j < m; j++) {
                touched[j] = p[PAD + STRIDE * guess[j]];
            }
            // 4. values
            for (int j = 0; j < m; j++) {
                double xv = x[start + j];
                int o = at[j];
                out[start + j] = o < 0 ? value(xv) : inside(e, o, xv);
            }
        }
    }

    /**
     * s(xv) for x₀ ≤ xv &lt; xₙ₋₁ whose guide entry starts at o: from the entry's knots when xv
     * lies in interval gₖ or gₖ + 1 (then the knot array is not read), else by {@link #settle}.
     */
    private double inside(double[] e, int o, double xv) {
        int c = xv >= e[o + 2] ? 1 : 0;
        int i = (int) e[o] + c;
        double x0 = e[o + 1 + c];
        double x1 = e[o + 2 + c];
        if (x0 <= xv && xv < x1) {
            return piece(i, x0, x1, xv);
        }
        // the bucket holds more intervals
        return value(settle(i, (int) e[o + ENTRY] + 1, xv), xv);
    }

    @Override
    public double value(int i, double xv) {
        return piece(i, xs[i], xs[i + 1], xv);
    }

    /** s(xv) on interval i, whose ends x0 = xᵢ and x1 = xᵢ₊₁ the caller has read. */
    private double piece(int i, double x0, double x1, double xv) {
        double h = x1 - x0;
        // the last record's degenerate width: t = 0
        double t = h > 0 ? (xv - x0) / h : 0.0;
        int o = PAD + STRIDE * i;
        return p[o] + t * (p[o + 1] * h + t * (p[o + 2] + t * p[o + 3]));
    }

    @Override
    public double derivative(double xv) {
        int i = interval(xv);
        double x0 = xs[i];
        double h = xs[i + 1] - x0;
        double t = (clamp(xv) - x0) / h;
        int o = PAD + STRIDE * i;
        return (p[o + 1] * h + t * (2 * p[o + 2] + t * 3 * p[o + 3])) / h;
    }

    @Override
    public double secondDerivative(double xv) {
        int i = interval(xv);
        double x0 = xs[i];
        double h = xs[i + 1] - x0;
        double t = (clamp(xv) - x0) / h;
        int o = PAD + STRIDE * i;
        return (2 * p[o + 2] + 6 * p[o + 3] * t) / h / h;
    }

    /** ∫ s over [xᵢ, xᵢ + t·hᵢ]. */
    private double pieceIntegral(int i, double t) {
        double h = xs[i + 1] - xs[i];
        int o = PAD + STRIDE * i;
        return h * (t * (p[o] + t * (p[o + 1] * h / 2 + t * (p[o + 2] / 3 + t * p[o + 3] / 4))));
    }

    /** (x − xᵢ)/hᵢ; 0 for the last record's degenerate width. */
    private double unit(int i, double xv) {
        double h = xs[i + 1] - xs[i];
        return h > 0 ? (xv - xs[i]) / h : 0.0;
    }

    private double[] cumulative() {
        double[] c = cumulative;
        if (c == null) {
            c = new double[n];
            for (int i = 0; i + 1 < n; i++) {
                c[i + 1] = c[i] + pieceIntegral(i, 1.0);
            }
            cumulative = c; // idempotent: racing threads compute the same array
        }
        return c;
    }

    @Override
    public double integral(double u, double v) {
        if (u == v) {
            interval(u);
            return 0.0;
        }
        if (v < u) {
            return -integral(v, u);
        }
        int i = interval(u);
        int j = interval(v);
        double tu = unit(i, clamp(u));
        double tv = unit(j, clamp(v));
        if (i == j) {
            return pieceIntegral(i, tv) - pieceIntegral(i, tu);
        }
        double[] cum = cumulative();
        return (cum[j] - cum[i + 1]) + (pieceIntegral(i, 1.0) - pieceIntegral(i, tu)) + pieceIntegral(j, tv);
    }

    @Override
    public double intervalIntegral(int i) {
        return pieceIntegral(i, 1.0);
    }

    @Override
    public String toString() {
        return "CubicSpline[" + n + " knots on [" + lowerEnd + ", " + upperEnd + "]]";
    }
}
