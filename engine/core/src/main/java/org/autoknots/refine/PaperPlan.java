package org.autoknots.refine;

import java.util.Arrays;
import org.autoknots.api.Spline;
import org.autoknots.spline.CubicNotAKnotSpline;

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
 *
 * <p><b>Checked variant</b> (every spline kind other than not-a-knot, in both modes). The
 * midpoint test alone is blind to the error of local kinds (Akima, Steffen): for a cubic
 * Hermite piece whose end slopes are off by e₀, e₁ the error is h·(e₀·t(1 − t)² − e₁·t²(1 − t)),
 * zero at t = ½ when e₀ ≈ e₁; and Akima's slopes are only first-order accurate where the knot
 * spacing changes, so an accepted interval gets worse when its neighbour is split. Three rules
 * that cost no evaluation are added (the successive-approximation error estimate: the spline
 * with the new knots stands in for f, de Boor, <i>A Practical Guide to Splines</i>, ch. XII):
 * <ul>
 * <li>acceptance: the children of a tested interval close only if, besides the point and
 *     integral tests, |s_old − s_new| ≤ tolerance at t = 0.2, 0.5, 0.8 of each child, s_new being
 *     the spline rebuilt with the pass's points. This sees the antisymmetric error the midpoint
 *     misses;</li>
 * <li>settled neighbours: the comparison is only trusted where the slopes at the parent's ends
 *     are settled too, so a passing pair next to a pair that failed by more than
 *     {@value #UNSETTLED}× stays open (measured: a steep step next to a coarse flat interval made
 *     the old and the new spline share a wrong end slope, and the pair closed at 1.5× the
 *     tolerance);</li>
 * <li>drift: each closed interval keeps the values of the spline at t = 0.2, 0.5, 0.8 at the
 *     moment it closed; when a later spline differs there by more than {@value #DRIFT} of the
 *     tolerance (new knots nearby changed its end slopes), the interval is reopened.</li>
 * </ul>
 * The midpoint in u is kept as the test point and knot (children stay equal in u, which keeps
 * the local kinds' slopes at their best order; a jittered first split, tried, cost Akima 4× more
 * evaluations on e^x through spacing jumps). Known limits: the paper method's blindness to
 * features aliased with the midpoints (sin x on [0, 20π], all midpoints at zeros) remains for
 * these kinds; and every 2:1 spacing jump costs the Akima kinds a cascade of reopened
 * neighbours, so they need several times the knots of an even grid (docs in the plugin's
 * refinement test).
 */
final class PaperPlan implements RefinementPlan {

    static final byte OPEN = 0;
    static final byte CLOSED = 1;
    static final byte UNRESOLVED = 2;

    /** fractions of a child interval (in x) where the checked variant compares splines */
    static final double[] CHECK = {0.2, 0.5, 0.8};
    /** drift of a closed interval's spline, as a fraction of the tolerance, that reopens it */
    static final double DRIFT = 0.5;
    /** checked variant: a neighbour pair failing by more than this keeps a passing pair open */
    static final double UNSETTLED = 8;

    /** true for every kind but not-a-knot: the checked variant (class comment) */
    private final boolean checked;
    /** checked variant: the spline the last proposal was tested against */
    private Spline previous;
    /** checked variant: first child index and point/integral ratio of each interval split last pass */
    private int[] pendingFirst = new int[0];
    private double[] pendingRatio = new double[0];
    /** checked variant: spline values at {@link #CHECK} of each closed interval when it closed */
    private double[] ref = new double[0];

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
        this.checked = !CubicNotAKnotSpline.ID.equals(o.spline().id());
    }

    @Override
    public void start(double[] x, double[] y, Spline s) {
        status = new byte[x.length - 1];
        ref = new double[CHECK.length * status.length];
    }

    @Override
    public Proposal propose(double[] x, double[] y, Spline s) {
        if (checked) {
            check(x, s);
        }
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
                return k == open ? new Proposal(px, pi) : new Proposal(Arrays.copyOf(px, k), Arrays.copyOf(pi, k));
            }
        }
    }

    /**
     * Checked variant: decides the children of last pass's tested intervals from the rebuilt
     * spline, then reopens closed intervals whose spline drifted.
     */
    private void check(double[] x, Spline s) {
        double worstFree = 0;
        boolean[] fresh = new boolean[status.length];
        double[] pairRatio = new double[pendingFirst.length];
        for (int p = 0; p < pendingFirst.length; p++) {
            int c = pendingFirst[p];
            double ratio = pendingRatio[p];
            for (int i = c; i < c + 2; i++) {
                for (double t : CHECK) {
                    double v = x[i] + t * (x[i + 1] - x[i]);
                    double sv = s.value(i, v);
                    double r = Widths.ratio(Math.abs(previous.value(v) - sv), w.tolerance(sv));
                    worstFree = Math.max(worstFree, r);
                    ratio = Math.max(ratio, r);
                }
            }
            pairRatio[p] = ratio;
            for (int i = c; i < c + 2; i++) {
                fresh[i] = true;
            }
        }
        // the rebuilt spline stands in for f only where the parent's neighbours are nearly resolved
        // too (their chords set the slopes at the parent's ends): a pair next to a pair that failed
        // by more than UNSETTLED stays open
        double[] neighbourRatio = new double[status.length];
        for (int p = 0; p < pendingFirst.length; p++) {
            neighbourRatio[pendingFirst[p]] = pairRatio[p];
            neighbourRatio[pendingFirst[p] + 1] = pairRatio[p];
        }
        for (int p = 0; p < pendingFirst.length; p++) {
            int c = pendingFirst[p];
            boolean unsettled = c > 0 && neighbourRatio[c - 1] > UNSETTLED
                    || c + 2 < status.length && neighbourRatio[c + 2] > UNSETTLED;
            byte child = pairRatio[p] <= 1 && !unsettled ? CLOSED : OPEN;
            for (int i = c; i < c + 2; i++) {
                status[i] = child;
                if (child == CLOSED) {
                    remember(x, s, i);
                }
            }
        }
        if (pendingFirst.length > 0) {
            worst = Math.max(worst, worstFree);
        }
        pendingFirst = new int[0];
        pendingRatio = new double[0];
        previous = null;
        for (int i = 0; i < status.length; i++) {
            if (status[i] != CLOSED || fresh[i]) {
                continue;
            }
            for (int k = 0; k < CHECK.length; k++) {
                double v = x[i] + CHECK[k] * (x[i + 1] - x[i]);
                double sv = s.value(i, v);
                if (Widths.ratio(Math.abs(sv - ref[CHECK.length * i + k]), w.tolerance(sv)) > DRIFT) {
                    status[i] = OPEN;
                    break;
                }
            }
        }
    }

    private void remember(double[] x, Spline s, int i) {
        for (int k = 0; k < CHECK.length; k++) {
            ref[CHECK.length * i + k] = s.value(i, x[i] + CHECK[k] * (x[i + 1] - x[i]));
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
        double[] nextRef = checked ? new double[CHECK.length * (n + p.size())] : ref;
        int[] pf = checked ? new int[p.size()] : pendingFirst;
        double[] pr = checked ? new double[p.size()] : pendingRatio;
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
                if (checked) {
                    // decided in the next propose, against the rebuilt spline
                    pf[k] = j;
                    pr[k] = Math.max(pointRatio, intRatio);
                    child = OPEN;
                }
                next[j++] = child;
                next[j++] = child;
                k++;
            } else {
                if (checked) {
                    System.arraycopy(ref, CHECK.length * i, nextRef, CHECK.length * j, CHECK.length);
                }
                next[j++] = status[i];
            }
        }
        status = next;
        worst = worstPass;
        if (checked) {
            ref = nextRef;
            pendingFirst = pf;
            pendingRatio = pr;
            previous = s;
        }
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
