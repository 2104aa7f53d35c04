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
