package org.autoknots.refine;

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
        return scale.toU(x, s);
    }

    double x(double u) {
        return scale.toX(u, s);
    }

    KnotScale scale() {
        return scale;
    }

    /**
     * The width floor: an interval is too small to split when its width in u is below
     * 64·ε·max(|u₀|, |u₁|) + 10⁻¹⁴·(u_b − u_a), or its width in x below 64·ε·max(|x₀|, |x₁|).
     */
    boolean belowFloor(double x0, double x1, double u0, double u1) {
        double floorU = 64 * EPS * Math.max(Math.abs(u0), Math.abs(u1)) + 1e-14 * uSpan;
        double floorX = 64 * EPS * Math.max(Math.abs(x0), Math.abs(x1));
        return !(u1 - u0 > floorU) || !(x1 - x0 > floorX);
    }

    /** @return the point at fraction t of [u₀, u₁] in u, mapped to x */
    double at(double x0, double x1, double u0, double u1, double t) {
        if (scale == KnotScale.LINEAR) {
            return t == 0.5 ? 0.5 * x0 + 0.5 * x1 : x0 + t * (x1 - x0);
        }
        return x(u0 + t * (u1 - u0));
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

    /** Clusters of consecutive flagged intervals, each reported at the middle of its x-span. */
    static double[] clusters(double[] x, boolean[] flagged) {
        int count = 0;
        for (int i = 0; i < flagged.length; i++) {
            if (flagged[i] && (i == 0 || !flagged[i - 1])) {
                count++;
            }
        }
        double[] out = new double[count];
        int k = 0;
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
            out[k++] = 0.5 * x[i] + 0.5 * x[j + 1];
            i = j + 1;
        }
        return out;
    }
}
