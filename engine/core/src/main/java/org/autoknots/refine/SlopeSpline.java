package org.autoknots.refine;

import org.autoknots.api.CubicSpline;
import org.autoknots.api.Spline;
import org.autoknots.spline.CubicNotAKnotSpline;

/**
 * The not-a-knot spline of one pass as the engine's graded plan uses it: the knots, values and
 * knot slopes only, each interval's cubic formed when it is evaluated, with the arithmetic of
 * {@link CubicSpline#hermite} and {@link CubicSpline#value(int, double)}, so every value is bit
 * for bit that of the full spline. A pass needs the spline only at a few points per interval
 * (the old spline at the new points, the dip tests); building the records of every interval each
 * pass cost more than the slopes themselves. The full {@link CubicSpline} is built on first use
 * of anything else ({@link #full}), once, for the result.
 */
final class SlopeSpline implements Spline {

    private final double[] x;
    private final double[] y;
    private final double[] m;
    private CubicSpline full;

    private SlopeSpline(double[] x, double[] y, double[] m) {
        this.x = x;
        this.y = y;
        this.m = m;
    }

    /**
     * The not-a-knot slopes of valid knots (increasing, finite) and finite values; work is
     * reusable scratch of length ≥ x.length.
     *
     * @throws IllegalArgumentException as {@link CubicSpline#hermite} does, when a slope overflows
     */
    static SlopeSpline notAKnot(double[] x, double[] y, double[] work) {
        double[] m = CubicNotAKnotSpline.slopes(x, y, work);
        for (double v : m) {
            if (!(Math.abs(v) <= Double.MAX_VALUE)) {
                CubicSpline.hermite(x, y, m); // throws, naming the knot
            }
        }
        return new SlopeSpline(x, y, m);
    }

    /** @return the full spline (its records built on the first call) */
    CubicSpline full() {
        CubicSpline f = full;
        if (f == null) {
            f = CubicSpline.hermite(x, y, m);
            full = f;
        }
        return f;
    }

    @Override
    public double value(int i, double xv) {
        int n = x.length;
        if (i == n - 1) {
            // the right end's degenerate record
            return y[i];
        }
        double x0 = x[i];
        double x1 = x[i + 1];
        double h = x1 - x0;
        double dy = y[i + 1] - y[i];
        double s0 = m[i] * h;
        double s1 = m[i + 1] * h;
        double c = 3 * dy - 2 * s0 - s1;
        double d = s0 + s1 - 2 * dy;
        double t = h > 0 ? (xv - x0) / h : 0.0;
        return y[i] + t * (m[i] * h + t * (c + t * d));
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
    public int size() {
        return x.length;
    }

    @Override
    public double value(double xv) {
        return full().value(xv);
    }

    @Override
    public double derivative(double xv) {
        return full().derivative(xv);
    }

    @Override
    public double secondDerivative(double xv) {
        return full().secondDerivative(xv);
    }

    @Override
    public double integral(double u, double v) {
        return full().integral(u, v);
    }

    @Override
    public double intervalIntegral(int interval) {
        return full().intervalIntegral(interval);
    }

    @Override
    public double knotAt(int i) {
        return full().knotAt(i);
    }

    @Override
    public double[] knots() {
        return full().knots();
    }

    @Override
    public double[] values() {
        return full().values();
    }
}
