package org.autoknots.refine;

import org.autoknots.api.Spline;

/**
 * The published AutoKnots refinement (Vitenti &amp; Penna-Lima, "AutoKnots: Adaptive Knot
 * Allocation for Spline Interpolation", arXiv:2412.13423; NumCosmo's {@code ncm_spline_func}),
 * written from the description in {@code docs/autoknots.md}:
 * <ul>
 * <li>every open interval is tested at its midpoint in the knot scale u;</li>
 * <li>point test |f(m) − s(m)| ≤ abs + rel·|f(m)| against the previous pass's spline, and
 *     integral test: Simpson's rule on (x₀, m, x₁) (with the weights of the quadratic through an
 *     off-centre m) against the spline's exact integral over [x₀, x₁], tolerance
 *     abs·(x₁ − x₀) + rel·∫|f| (Simpson of |f|);</li>
 * <li>both pass: both halves close; otherwise both stay open. The midpoint is always kept;</li>
 * <li>plateau guard: when nothing is open, intervals wider in u than mean + k·sd of all widths
 *     are reopened, for a given number of rounds;</li>
 * <li>an interval below the width floor is marked unresolved instead of aborting.</li>
 * </ul>
 */
final class PaperPlan implements RefinementPlan {

    static final byte OPEN = 0;
    static final byte CLOSED = 1;
    static final byte UNRESOLVED = 2;

    private final Widths w;
    private final double refineK;
    private int roundsLeft;
    private int refineRounds;
    private byte[] status = new byte[0];
    private double worst = Double.NaN;

    PaperPlan(RefinementOptions o) {
        this.w = new Widths(o);
        this.refineK = o.refineK();
        this.roundsLeft = o.refineRounds();
    }

    @Override
    public void start(double[] x, double[] y, Spline s) {
        status = new byte[x.length - 1];
    }

    @Override
    public Proposal propose(double[] x, double[] y, Spline s) {
        while (true) {
            int open = openIntervals();
            if (open == 0) {
                if (roundsLeft == 0) {
                    return Proposal.EMPTY;
                }
                roundsLeft--;
                if (reopenPlateaus(x) == 0) {
                    return Proposal.EMPTY;
                }
                refineRounds++;
                open = openIntervals();
            }
            double[] px = new double[open];
            int[] pi = new int[open];
            int k = 0;
            for (int i = 0; i < status.length; i++) {
                if (status[i] != OPEN) {
                    continue;
                }
                double x0 = x[i];
                double x1 = x[i + 1];
                double u0 = w.u(x0);
                double u1 = w.u(x1);
                double m = w.belowFloor(x0, x1, u0, u1) ? x0 : w.at(x0, x1, u0, u1, 0.5);
                if (!(m > x0 && m < x1)) {
                    status[i] = UNRESOLVED;
                    continue;
                }
                px[k] = m;
                pi[k] = i;
                k++;
            }
            if (k > 0) {
                return k == open ? new Proposal(px, pi)
                        : new Proposal(java.util.Arrays.copyOf(px, k), java.util.Arrays.copyOf(pi, k));
            }
        }
    }

    /** Reopens the closed intervals wider in u than mean + k·sd; @return how many. */
    private int reopenPlateaus(double[] x) {
        int n = status.length;
        double[] widths = new double[n];
        double sum = 0;
        int count = 0;
        double uPrev = w.u(x[0]);
        for (int i = 0; i < n; i++) {
            double u = w.u(x[i + 1]);
            widths[i] = u - uPrev;
            uPrev = u;
            if (status[i] == CLOSED) {
                sum += widths[i];
                count++;
            }
        }
        if (count < 2) {
            return 0;
        }
        double mean = sum / count;
        double var = 0;
        for (int i = 0; i < n; i++) {
            if (status[i] == CLOSED) {
                double d = widths[i] - mean;
                var += d * d;
            }
        }
        double threshold = mean + refineK * Math.sqrt(var / count);
        int reopened = 0;
        for (int i = 0; i < n; i++) {
            if (status[i] == CLOSED && widths[i] > threshold) {
                status[i] = OPEN;
                reopened++;
            }
        }
        return reopened;
    }

    @Override
    public void observe(double[] x, double[] y, Spline s, Proposal p, double[] f, double[] sOld) {
        int n = status.length;
        byte[] next = new byte[n + p.size()];
        double worstPass = 0;
        int k = 0;
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (k < p.size() && p.interval()[k] == i) {
                double x0 = x[i];
                double x1 = x[i + 1];
                double m = p.x()[k];
                double fm = f[k];
                double pointRatio = Widths.ratio(Math.abs(fm - sOld[k]), w.tolerance(fm));
                double h0 = m - x0;
                double h1 = x1 - m;
                double hh = x1 - x0;
                // weights of the quadratic through (x0, m, x1) integrated over [x0, x1]
                double w0 = hh / 6 * (2 - h1 / h0);
                double wm = hh / 6 * (hh / h0) * (hh / h1);
                double w1 = hh / 6 * (2 - h0 / h1);
                double simpson = w0 * y[i] + wm * fm + w1 * y[i + 1];
                double simpsonAbs = Math.abs(w0 * Math.abs(y[i]) + wm * Math.abs(fm) + w1 * Math.abs(y[i + 1]));
                double intTol = w.abs() * hh + w.rel() * simpsonAbs;
                double intRatio = Widths.ratio(Math.abs(simpson - s.intervalIntegral(i)), intTol);
                worstPass = Math.max(worstPass, pointRatio);
                byte child = pointRatio <= 1 && intRatio <= 1 ? CLOSED : OPEN;
                next[j++] = child;
                next[j++] = child;
                k++;
            } else {
                next[j++] = status[i];
            }
        }
        status = next;
        worst = worstPass;
    }

    @Override
    public int openIntervals() {
        int c = 0;
        for (byte b : status) {
            if (b == OPEN) {
                c++;
            }
        }
        return c;
    }

    @Override
    public double worstErrorRatio() {
        return worst;
    }

    @Override
    public double[] unresolved(double[] x) {
        boolean[] flagged = new boolean[status.length];
        for (int i = 0; i < status.length; i++) {
            flagged[i] = status[i] == UNRESOLVED;
        }
        return w.clusters(x, flagged);
    }

    @Override
    public int refineRounds() {
        return refineRounds;
    }
}
