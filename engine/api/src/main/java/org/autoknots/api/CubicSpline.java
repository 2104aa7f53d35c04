package org.autoknots.api;

import java.util.Arrays;

/**
 * An immutable piecewise cubic, C¹ by construction, stored as one polynomial per interval:
 * s(x) = aᵢ + bᵢ·t + cᵢ·t² + dᵢ·t³ with t = x − xᵢ on [xᵢ, xᵢ₊₁].
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
    private final double[] a;
    private final double[] b;
    private final double[] c;
    private final double[] d;
    /** cumulative[i] = ∫ s over [x₀, xᵢ]. */
    private final double[] cumulative;
    private final double clampSlack;

    private CubicSpline(double[] x, double[] a, double[] b, double[] c, double[] d) {
        this.x = x;
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
        int n = x.length;
        this.cumulative = new double[n];
        for (int i = 0; i + 1 < n; i++) {
            cumulative[i + 1] = cumulative[i] + pieceIntegral(i, x[i + 1] - x[i]);
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
        double[] a = y.clone();
        double[] b = m.clone();
        double[] c = new double[n];
        double[] d = new double[n];
        for (int i = 0; i + 1 < n; i++) {
            if (!Double.isFinite(b[i])) {
                throw new IllegalArgumentException("slope at knot " + i + " (x = " + x[i] + ") is " + b[i]);
            }
            double h = xs[i + 1] - xs[i];
            double delta = (a[i + 1] - a[i]) / h;
            c[i] = (3 * delta - 2 * b[i] - b[i + 1]) / h;
            d[i] = (b[i] + b[i + 1] - 2 * delta) / (h * h);
        }
        if (!Double.isFinite(b[n - 1])) {
            throw new IllegalArgumentException("slope at knot " + (n - 1) + " (x = " + x[n - 1] + ") is " + b[n - 1]);
        }
        // the last row describes the right end: value and slope there, used by clamped evaluation
        c[n - 1] = 0;
        d[n - 1] = 0;
        return new CubicSpline(xs, a, b, c, d);
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
        return b.clone();
    }

    /**
     * @return the index i of the interval [xᵢ, xᵢ₊₁] holding x (the last interval for the right
     *         end), after clamping points within a few ulp of an end
     * @throws IllegalArgumentException when x is outside the range or NaN
     */
    public int interval(double xv) {
        int n = x.length;
        if (xv >= x[0] && xv <= x[n - 1]) {
            int k = Arrays.binarySearch(x, xv);
            int i = k >= 0 ? k : -k - 2;
            return Math.min(i, n - 2);
        }
        if (xv < x[0] && x[0] - xv <= clampSlack) {
            return 0;
        }
        if (xv > x[n - 1] && xv - x[n - 1] <= clampSlack) {
            return n - 2;
        }
        throw new IllegalArgumentException("x = " + xv + " is outside the spline's range [" + x[0] + ", " + x[n - 1] + "]");
    }

    private double clamp(double xv) {
        return Math.max(x[0], Math.min(x[x.length - 1], xv));
    }

    @Override
    public double value(double xv) {
        int i = interval(xv);
        return value(i, clamp(xv));
    }

    @Override
    public double value(int i, double xv) {
        double t = xv - x[i];
        return a[i] + t * (b[i] + t * (c[i] + t * d[i]));
    }

    @Override
    public double derivative(double xv) {
        int i = interval(xv);
        double t = clamp(xv) - x[i];
        return b[i] + t * (2 * c[i] + t * 3 * d[i]);
    }

    @Override
    public double secondDerivative(double xv) {
        int i = interval(xv);
        double t = clamp(xv) - x[i];
        return 2 * c[i] + 6 * d[i] * t;
    }

    private double pieceIntegral(int i, double t) {
        return t * (a[i] + t * (b[i] / 2 + t * (c[i] / 3 + t * d[i] / 4)));
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
        double cu = clamp(u) - x[i];
        double cv = clamp(v) - x[j];
        if (i == j) {
            return pieceIntegral(i, cv) - pieceIntegral(i, cu);
        }
        return (cumulative[j] - cumulative[i + 1]) + (pieceIntegral(i, x[i + 1] - x[i]) - pieceIntegral(i, cu))
                + pieceIntegral(j, cv);
    }

    @Override
    public double intervalIntegral(int i) {
        return pieceIntegral(i, x[i + 1] - x[i]);
    }

    @Override
    public String toString() {
        return "CubicSpline[" + x.length + " knots on [" + x[0] + ", " + x[x.length - 1] + "]]";
    }
}
