package org.autoknots.refine;

import org.autoknots.api.Spline;

/** Shared numerics of the plans: coordinates, width floor, tolerance. */
final class Widths {

    static final double EPS = Math.ulp(1.0);

    private final KnotScale scale;
    private final double s;
    private final double uSpan;
    private final double rel;
    private final double abs;

    Widths(RefinementOptions o) {
        this.scale = o.scale();
        this.s = o.asinhScale();
        this.uSpan = scale.toU(o.b(), s) - scale.toU(o.a(), s);
        this.rel = o.rel();
        this.abs = o.abs();
    }

    double u(double x) {
        // linear: u = x without the enum dispatch (the common case, called per rejected interval)
        return scale == KnotScale.LINEAR ? x : scale.toU(x, s);
    }

    double x(double u) {
        return scale.toX(u, s);
    }

    KnotScale scale() {
        return scale;
    }

    /**
     * The width floor: no interval narrower than 64·ε·max(|u₀|, |u₁|) + 10⁻¹⁴·(u_b − u_a) in u, or
     * than 64·ε·max(|x₀|, |x₁|) in x, is ever created, so an interval touching x = 0 cannot bisect
     * down to denormals.
     *
     * @return the largest number of equal pieces (at most {@code want}) the interval can be cut
     *         into with every piece, even shrunk by {@code slack}, still above the floor; below 2
     *         means the interval cannot be split
     */
    int maxPieces(double x0, double x1, double u0, double u1, int want, double slack) {
        double floorU = 64 * EPS * Math.max(Math.abs(u0), Math.abs(u1)) + 1e-14 * uSpan;
        double floorX = 64 * EPS * Math.max(Math.abs(x0), Math.abs(x1));
        double byU = slack * (u1 - u0) / floorU;
        double byX = slack * (x1 - x0) / floorX;
        double q = Math.min(byU, byX);
        if (!(q > 2)) {
            return q >= 2 ? 2 : 1;
        }
        return (int) Math.min(want, Math.floor(q));
    }

    /** @return true when the interval cannot be bisected with both halves above the floor */
    boolean belowFloor(double x0, double x1, double u0, double u1) {
        return maxPieces(x0, x1, u0, u1, 2, 1.0) < 2;
    }

    /** @return the u-span of the range */
    double uSpan() {
        return uSpan;
    }

    /** @return the point at fraction t of [u₀, u₁] in u, mapped to x */
    double at(double x0, double x1, double u0, double u1, double t) {
        if (scale == KnotScale.LINEAR) {
            return t == 0.5 ? 0.5 * x0 + 0.5 * x1 : x0 + t * (x1 - x0);
        }
        return x(u0 + t * (u1 - u0));
    }

    /**
     * The tolerance of knot interval i for the graded acceptance, from the knot values:
     * rel·min(|yᵢ|, |yᵢ₊₁|) + abs, and abs alone where f vanishes at a knot or changes sign between
     * the two knots (a zero site: |f| reaches 0 there). With abs = 0 that tolerance is 0 and cannot
     * be met; the interval is then held to rel·|yᵢ₊₁ − yᵢ|/4 instead, so that refinement stops once
     * the spline is as good as the relative tolerance of f's values next to the zero. For a simple
     * zero at a knot (f monotone on the interval) this bound also gives the relative tolerance
     * itself: s − f and f both vanish at the knot, so |s − f|/|f| ≤ max|s′ − f′|/min|f′| ≲
     * 4E/|yᵢ₊₁ − yᵢ|, E the predicted error. Whether an interior zero site still fails the result is
     * decided by the engine at the end ({@link ZeroSites}).
     */
    double intervalTolerance(double y0, double y1) {
        if (y0 == 0 || y1 == 0 || (y0 < 0) != (y1 < 0)) {
            return abs == 0 ? rel * Math.abs(y1 - y0) / 4 : abs;
        }
        return rel * Math.min(Math.abs(y0), Math.abs(y1)) + abs;
    }

    /**
     * |f| can dip between the knots (near a zero of f that no knot brackets yet), where the
     * knot-based tolerance is too loose: the tolerance of interval i lowered to rel·min|s| + abs,
     * min|s| taken exactly over the cubic piece ({@link #splineDip}); abs when the spline reaches 0
     * inside (it or f crosses or touches 0 there). Only where |y| has a local minimum at an end of
     * the interval (two to four spline evaluations); call it only for an interval about to be
     * accepted.
     *
     * @param tol the knot-based tolerance ({@link #intervalTolerance})
     */
    double dipTolerance(double[] x, double[] y, Spline s, int i, double tol) {
        double y0 = y[i];
        double y1 = y[i + 1];
        if (rel == 0 || y0 == 0 || y1 == 0 || (y0 < 0) != (y1 < 0)) {
            return tol;
        }
        if (!mayDip(y, i)) {
            return tol;
        }
        double[] dip = splineDip(x, y, s, i);
        return dip[2] != 0 ? abs : Math.min(tol, rel * dip[0] + abs);
    }

    /**
     * A dip of |s| between the knots shows as a local minimum of |y| at one end of the interval
     * (the knots beyond are larger); elsewhere |s| is smallest at a knot.
     */
    static boolean mayDip(double[] y, int i) {
        double a0 = Math.abs(y[i]);
        double a1 = Math.abs(y[i + 1]);
        return a0 <= a1 && (i == 0 || a0 <= Math.abs(y[i - 1]))
                || a1 <= a0 && (i + 2 >= y.length || a1 <= Math.abs(y[i + 2]));
    }

    /**
     * The smallest |s| over knot interval i of a piecewise cubic s: the cubic through s at
     * t = 0, ⅓, ⅔, 1 (Newton forward differences) gives the interior extrema, where s is then
     * evaluated.
     *
     * @return {min|s|, t of the minimum, 1 when s changes sign or vanishes inside else 0}
     */
    static double[] splineDip(double[] x, double[] y, Spline s, int i) {
        double x0 = x[i];
        double h = x[i + 1] - x0;
        double[] p = {y[i], s.value(i, x0 + h / 3), s.value(i, x0 + 2 * h / 3), y[i + 1]};
        double[] best = {Math.abs(p[0]), 0, 0};
        double sign = Math.signum(y[i]);
        for (int k = 1; k < 4; k++) {
            consider(best, p[k], k / 3.0, sign);
        }
        double c1 = (-11 * p[0] + 18 * p[1] - 9 * p[2] + 2 * p[3]) / 2;
        double c2 = 4.5 * (2 * p[0] - 5 * p[1] + 4 * p[2] - p[3]);
        double c3 = 4.5 * (-p[0] + 3 * p[1] - 3 * p[2] + p[3]);
        // s′ ∝ 3c₃t² + 2c₂t + c₁
        double qa = 3 * c3;
        double qb = 2 * c2;
        double[] roots = new double[2];
        int nr = 0;
        if (Math.abs(qa) <= 1e-12 * (Math.abs(qb) + Math.abs(c1))) {
            if (qb != 0) {
                roots[nr++] = -c1 / qb;
            }
        } else {
            double disc = qb * qb - 4 * qa * c1;
            if (disc >= 0) {
                double q = -0.5 * (qb + Math.copySign(Math.sqrt(disc), qb));
                roots[nr++] = q / qa;
                if (q != 0) {
                    roots[nr++] = c1 / q;
                }
            }
        }
        for (int k = 0; k < nr; k++) {
            double t = roots[k];
            if (t > 0 && t < 1) {
                consider(best, s.value(i, x0 + t * h), t, sign);
            }
        }
        return best;
    }

    private static void consider(double[] best, double v, double t, double sign) {
        if (sign == 0 || v == 0 || Math.signum(v) != sign) {
            if (best[2] == 0) {
                best[0] = 0;
                best[1] = t;
                best[2] = 1;
            }
            return;
        }
        if (best[2] == 0 && Math.abs(v) < best[0]) {
            best[0] = Math.abs(v);
            best[1] = t;
        }
    }

    /** @return abs + rel·|y| */
    double tolerance(double y) {
        return abs + rel * Math.abs(y);
    }

    double rel() {
        return rel;
    }

    double abs() {
        return abs;
    }

    /** @return err/tol, with 0/0 = 0, e/0 = +∞ and NaN (an overflowing spline) = +∞ */
    static double ratio(double err, double tol) {
        if (Double.isNaN(err)) {
            return Double.POSITIVE_INFINITY;
        }
        if (tol > 0) {
            return err / tol;
        }
        return err == 0 ? 0 : Double.POSITIVE_INFINITY;
    }

    /**
     * Clusters of flagged intervals, each reported at the middle of its x-span; clusters closer
     * than 10⁻⁹ of the range (in u) are one feature and are merged.
     */
    double[] clusters(double[] x, boolean[] flagged) {
        double[] out = new double[0];
        int count = 0;
        double start = 0;
        double end = 0;
        double endU = 0;
        int i = 0;
        while (i < flagged.length) {
            if (!flagged[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < flagged.length && flagged[j + 1]) {
                j++;
            }
            double u0 = u(x[i]);
            if (count > 0 && u0 - endU < 1e-9 * uSpan) {
                end = x[j + 1];
                out[count - 1] = 0.5 * start + 0.5 * end;
            } else {
                if (count == out.length) {
                    out = java.util.Arrays.copyOf(out, Math.max(4, 2 * count));
                }
                start = x[i];
                end = x[j + 1];
                out[count++] = 0.5 * start + 0.5 * end;
            }
            endU = u(x[j + 1]);
            i = j + 1;
        }
        return java.util.Arrays.copyOf(out, count);
    }
}
