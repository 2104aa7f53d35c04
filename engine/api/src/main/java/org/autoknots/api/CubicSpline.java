package org.autoknots.api;

import java.util.Arrays;

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
 * polynomials from (x, y, m) in O(n); evaluation is O(log n) by binary search, or O(1) when
 * the interval is known ({@link #value(int, double)}); integrals are exact, from prefix sums
 * of the interval integrals.
 */
public final class CubicSpline implements Spline {

    /** Points within this many ulp of an end are clamped to it. */
    private static final double CLAMP_ULPS = 4.0;

    private final double[] x;
    /** widths hᵢ = xᵢ₊₁ − xᵢ (0 in the last row) */
    private final double[] h;
    private final double[] a;
    private final double[] b;
    private final double[] c;
    private final double[] d;
    /** slopes at the knots */
    private final double[] m;
    /** cumulative[i] = ∫ s over [x₀, xᵢ]. */
    private final double[] cumulative;
    private final double clampSlack;
    /**
     * Guide table for the interval search, built on the first search: bucket k of n equal
     * buckets of a key of x starts in interval guide[k]. The key is x itself, or the order-
     * preserving integer image of x's bits (roughly log |x|: suits knots graded over decades),
     * whichever spreads the knots more evenly. Volatile: built lazily, published once (the
     * other guide fields are written before it).
     */
    private volatile int[] guide;
    private double guideScale;
    private boolean guideOnBits;
    private double guideOrigin;

    private CubicSpline(double[] x, double[] h, double[] a, double[] b, double[] c, double[] d, double[] m) {
        this.x = x;
        this.h = h;
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
        this.m = m;
        int n = x.length;
        this.cumulative = new double[n];
        for (int i = 0; i + 1 < n; i++) {
            cumulative[i + 1] = cumulative[i] + pieceIntegral(i, 1.0);
        }
        this.clampSlack = CLAMP_ULPS * Math.ulp(Math.max(Math.abs(x[0]), Math.abs(x[n - 1])));
    }

    /**
     * The cubic Hermite interpolant with values y and slopes m at the knots x.
     *
     * @param x strictly increasing, finite, at least 2 knots
     * @param y finite values
     * @param m finite slopes
     * @throws IllegalArgumentException naming the first offending index and value
     */
    public static CubicSpline hermite(double[] x, double[] y, double[] m) {
        int n = x.length;
        checkKnots(x, y, 2);
        if (m.length != n) {
            throw new IllegalArgumentException("slopes: expected " + n + " values, got " + m.length);
        }
        double[] xs = x.clone();
        double[] ms = m.clone();
        double[] h = new double[n];
        double[] a = y.clone();
        double[] b = new double[n];
        double[] c = new double[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(ms[i])) {
                throw new IllegalArgumentException("slope at knot " + i + " (x = " + x[i] + ") is " + ms[i]);
            }
        }
        for (int i = 0; i + 1 < n; i++) {
            double hi = xs[i + 1] - xs[i];
            h[i] = hi;
            double dy = a[i + 1] - a[i];
            double s0 = ms[i] * hi;
            double s1 = ms[i + 1] * hi;
            b[i] = s0;
            c[i] = 3 * dy - 2 * s0 - s1;
            d[i] = s0 + s1 - 2 * dy;
        }
        // the last row describes the right end: value there, used by clamped evaluation
        return new CubicSpline(xs, h, a, b, c, d, ms);
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
        return x.length;
    }

    @Override
    public double lower() {
        return x[0];
    }

    @Override
    public double upper() {
        return x[x.length - 1];
    }

    @Override
    public double knotAt(int i) {
        return x[i];
    }

    @Override
    public double[] knots() {
        return x.clone();
    }

    @Override
    public double[] values() {
        return a.clone();
    }

    /** @return a copy of the knot slopes s′(xᵢ) */
    public double[] slopes() {
        return m.clone();
    }

    /**
     * @return the index i of the interval [xᵢ, xᵢ₊₁] holding x (the last interval for the right
     *         end), after clamping points within a few ulp of an end
     * @throws IllegalArgumentException when x is outside the range or NaN
     */
    public int interval(double xv) {
        int n = x.length;
        if (xv >= x[0] && xv <= x[n - 1]) {
            return search(xv);
        }
        if (xv < x[0] && x[0] - xv <= clampSlack) {
            return 0;
        }
        if (xv > x[n - 1] && xv - x[n - 1] <= clampSlack) {
            return n - 2;
        }
        throw new IllegalArgumentException("x = " + xv + " is outside the spline's range [" + x[0] + ", " + x[n - 1] + "]");
    }

    /**
     * The interval of x₀ ≤ x ≤ xₙ₋₁ by a guide table (a bucket index into the knots, as in
     * Devroye's guide-table search, <i>Non-Uniform Random Variate Generation</i>, 1986, §III.2.4):
     * O(1) expected for knots of bounded grading, otherwise a binary search confined to the
     * bucket, never worse than a plain binary search.
     */
    private int search(double xv) {
        int n = x.length;
        int[] g = guide;
        if (g == null) {
            if (n < 16) {
                int k = Arrays.binarySearch(x, xv);
                return Math.min(k >= 0 ? k : -k - 2, n - 2);
            }
            g = buildGuide();
        }
        int buckets = g.length - 1;
        double key = guideOnBits ? (double) orderedBits(xv) : xv;
        int k = (int) ((key - guideOrigin) * guideScale);
        k = Math.max(0, Math.min(buckets - 1, k));
        int lo = g[k];
        int hi = g[k + 1] + 1;
        // the bucket of xv and the buckets' left edges are both rounded: step back if needed
        while (lo > 0 && x[lo] > xv) {
            lo--;
        }
        int i = lo;
        if (hi - lo > 8) {
            int kk = Arrays.binarySearch(x, lo, Math.min(hi + 1, n), xv);
            i = Math.max(lo, Math.min(kk >= 0 ? kk : -kk - 2, n - 2));
        }
        while (i < n - 2 && x[i + 1] <= xv) {
            i++;
        }
        return i;
    }

    /** @return the bits of v as a long that orders like v (−0.0 just below +0.0) */
    private static long orderedBits(double v) {
        long b = Double.doubleToRawLongBits(v);
        return b >= 0 ? b : b ^ Long.MAX_VALUE;
    }

    private synchronized int[] buildGuide() {
        if (guide != null) {
            return guide;
        }
        int n = x.length;
        double[] keyLin = new double[n];
        double[] keyBits = new double[n];
        for (int i = 0; i < n; i++) {
            keyLin[i] = x[i];
            keyBits[i] = orderedBits(x[i]);
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
        int[] g = new int[buckets + 1];
        int i = 0;
        for (int k = 0; k < buckets; k++) {
            // first knot whose bucket is ≥ k, minus one: the interval holding the bucket's start
            while (i < n - 2 && (int) ((key[i + 1] - origin) * scale) < k) {
                i++;
            }
            g[k] = i;
        }
        g[buckets] = n - 2;
        guideScale = scale;
        guideOrigin = origin;
        guideOnBits = onBits;
        guide = g;
        return g;
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
        return Math.max(x[0], Math.min(x[x.length - 1], xv));
    }

    /** @return (x − xᵢ)/hᵢ for the last row's degenerate width: 0 */
    private double unit(int i, double xv) {
        return h[i] > 0 ? (xv - x[i]) / h[i] : 0.0;
    }

    @Override
    public double value(double xv) {
        if (xv >= x[0] && xv <= x[x.length - 1]) {
            // inside the range (the common case): no clamping needed
            return value(search(xv), xv);
        }
        int i = interval(xv);
        return value(i, clamp(xv));
    }

    @Override
    public double value(int i, double xv) {
        double t = unit(i, xv);
        return a[i] + t * (b[i] + t * (c[i] + t * d[i]));
    }

    @Override
    public double derivative(double xv) {
        int i = interval(xv);
        double t = unit(i, clamp(xv));
        return (b[i] + t * (2 * c[i] + t * 3 * d[i])) / h[i];
    }

    @Override
    public double secondDerivative(double xv) {
        int i = interval(xv);
        double t = unit(i, clamp(xv));
        return (2 * c[i] + 6 * d[i] * t) / h[i] / h[i];
    }

    /** ∫ s over [xᵢ, xᵢ + t·hᵢ]. */
    private double pieceIntegral(int i, double t) {
        return h[i] * (t * (a[i] + t * (b[i] / 2 + t * (c[i] / 3 + t * d[i] / 4))));
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
        return (cumulative[j] - cumulative[i + 1]) + (pieceIntegral(i, 1.0) - pieceIntegral(i, tu))
                + pieceIntegral(j, tv);
    }

    @Override
    public double intervalIntegral(int i) {
        return pieceIntegral(i, 1.0);
    }

    @Override
    public String toString() {
        return "CubicSpline[" + x.length + " knots on [" + x[0] + ", " + x[x.length - 1] + "]]";
    }
}
