package org.autoknots.quadrature;

import java.util.Arrays;
import org.autoknots.api.RealFunction;

/**
 * Globally adaptive Gauss–Kronrod quadrature (7-point Gauss, 15-point Kronrod) with a max-heap
 * of subintervals ordered by their error estimate, in the manner of QUADPACK's QAGS/QAGI
 * (Piessens, de Doncker-Kapenga, Überhuber and Kahaner, <i>QUADPACK</i>, Springer 1983).
 *
 * <p><b>Method.</b> Each subinterval is integrated with the 15-point Kronrod rule K₁₅ and the
 * embedded 7-point Gauss rule G₇ (K₁₅ is exact for polynomials of degree 22, G₇ for degree
 * 13; nodes and weights from Kronrod (1965) and QUADPACK's QK15, checked in the tests by
 * polynomial exactness). The error of a subinterval is estimated as in QUADPACK:
 * e = I_asc · min(1, (200 |K₁₅ − G₇| / I_asc)^{3/2}), where I_asc = ∫|f − mean f| by K₁₅, and
 * never below 50 ε ∫|f| (the rounding floor). The subinterval with the largest estimate is
 * bisected until Σ e ≤ max(abs, rel·|I|).
 *
 * <p><b>Infinite ranges</b> are mapped to [0, 1) by x = a + u/(1 − u) (and x = b − u/(1 − u)
 * for (−∞, b]), dx = du/(1 − u)²; a doubly infinite range is split at 0. The integrand must
 * vanish at infinity; points whose image overflows to ±∞ contribute 0.
 *
 * <p><b>Endpoint singularities</b> (ln x, x^{−1/2} at 0) need no special treatment: no node lies
 * on an end, and bisection towards the singular end converges because each halving removes a
 * fixed fraction of the error.
 *
 * <p><b>Rounding and resolution.</b> A subinterval whose estimate is at its rounding floor is
 * set aside (halving cannot improve it). When the set-aside rounding error alone exceeds the
 * tolerance and the rest is no larger, the result is returned with its honest error estimate
 * although that exceeds the tolerance (the integral is then known as well as double precision
 * allows, e.g. a result that cancels to ~0 with {@code abs = 0}); callers compare
 * {@link QuadratureResult#errorEstimate()} with what they need. A subinterval too narrow to
 * bisect or to hold the 15 nodes between its ends (a singularity the doubles cannot resolve)
 * is distrusted entirely (its error is set to ∫|f| over it); if that leaves the tolerance out
 * of reach, or the evaluation cap is hit, the integration ends with a {@link QuadratureException}
 * naming the worst subinterval.
 *
 * <p>Instances are immutable and thread-safe: all working storage (primitive arrays) is
 * allocated per call.
 */
public final class GaussKronrodQuadrature {

    /** The evaluation cap used by {@link #of(double, double)}. */
    public static final int DEFAULT_MAX_EVALUATIONS = 100_000;

    private static final double EPS = Math.ulp(1.0);
    private static final double UFLOW = Double.MIN_NORMAL;

    /** Kronrod abscissae on [−1, 1]: XK[1], XK[3], XK[5] are the Gauss nodes, XK[7] = 0. */
    private static final double[] XK = {
        0.991455371120812639206854697526329,
        0.949107912342758524526189684047851,
        0.864864423359769072789712788640926,
        0.741531185599394439863864773280788,
        0.586087235467691130294144845693013,
        0.405845151377397166906606412076961,
        0.207784955007898467600689403773245,
        0.000000000000000000000000000000000,
    };

    /** Kronrod weights for XK. */
    private static final double[] WK = {
        0.022935322010529224963732008058970,
        0.063092092629978553290700663189204,
        0.104790010322250183839876322541518,
        0.140653259715525918745189590510238,
        0.169004726639267902826583426598550,
        0.190350578064785409913256402421014,
        0.204432940075298892414161999234649,
        0.209482141084727828012999174891714,
    };

    /** Gauss weights for XK[1], XK[3], XK[5], XK[7]. */
    private static final double[] WG = {
        0.129484966168869693270611432679082,
        0.279705391489276667901467771423780,
        0.381830050505118944950369775488975,
        0.417959183673469387755102040816327,
    };

    private static final int FINITE = 0;
    private static final int TO_PLUS_INFINITY = 1;
    private static final int FROM_MINUS_INFINITY = 2;

    private final double rel;
    private final double abs;
    private final int maxEvaluations;

    /**
     * @param rel            relative tolerance on the integral, ≥ 0
     * @param abs            absolute tolerance, ≥ 0 (not both 0)
     * @param maxEvaluations integrand evaluations allowed per integral, ≥ 15
     * @throws IllegalArgumentException naming the bad argument
     */
    public GaussKronrodQuadrature(double rel, double abs, int maxEvaluations) {
        if (!(rel >= 0) || !Double.isFinite(rel)) {
            throw new IllegalArgumentException("quadrature rel tolerance must be finite and >= 0, got " + rel);
        }
        if (!(abs >= 0) || !Double.isFinite(abs)) {
            throw new IllegalArgumentException("quadrature abs tolerance must be finite and >= 0, got " + abs);
        }
        if (rel == 0 && abs == 0) {
            throw new IllegalArgumentException("quadrature tolerances rel and abs are both 0: give at least one > 0");
        }
        if (maxEvaluations < 15) {
            throw new IllegalArgumentException("quadrature maxEvaluations must be >= 15 (one 15-point rule), got "
                    + maxEvaluations);
        }
        this.rel = rel;
        this.abs = abs;
        this.maxEvaluations = maxEvaluations;
    }

    /** @return a quadrature with tolerances rel, abs and {@link #DEFAULT_MAX_EVALUATIONS} */
    public static GaussKronrodQuadrature of(double rel, double abs) {
        return new GaussKronrodQuadrature(rel, abs, DEFAULT_MAX_EVALUATIONS);
    }

    public double rel() {
        return rel;
    }

    public double abs() {
        return abs;
    }

    public int maxEvaluations() {
        return maxEvaluations;
    }

    /**
     * ∫ₐᵇ f(x) dx; a may be −∞ and b may be +∞. Reversed limits give the negated integral.
     *
     * @throws QuadratureException when the tolerance cannot be reached or f is not finite
     */
    public QuadratureResult integrate(RealFunction f, double a, double b) {
        return integrate(f, new double[] {a, b});
    }

    /**
     * ∫ f over [p₀, pₙ₋₁] with breakpoints p₁ … pₙ₋₂ (increasing; only the ends may be
     * infinite). Breakpoints are where f has kinks, jumps or changes of scale: each piece
     * starts as its own subinterval and the tolerance applies to the total.
     *
     * @throws IllegalArgumentException when the points are not increasing or an inner one is infinite
     * @throws QuadratureException      when the tolerance cannot be reached or f is not finite
     */
    public QuadratureResult integrate(RealFunction f, double... points) {
        if (points.length < 2) {
            throw new IllegalArgumentException("quadrature needs at least 2 points (the limits), got " + points.length);
        }
        if (points.length == 2 && points[1] < points[0]) {
            QuadratureResult r = integrate(f, points[1], points[0]);
            return new QuadratureResult(-r.value(), r.errorEstimate(), r.evaluations());
        }
        for (int i = 0; i < points.length; i++) {
            double p = points[i];
            if (Double.isNaN(p)) {
                throw new IllegalArgumentException("quadrature limit/breakpoint " + i + " is NaN");
            }
            if (Double.isInfinite(p) && i > 0 && i < points.length - 1) {
                throw new IllegalArgumentException("quadrature breakpoint " + i + " is " + p
                        + ": only the first and last points may be infinite");
            }
            if (i > 0 && !(p > points[i - 1]) && !(p == points[i - 1] && points.length == 2)) {
                throw new IllegalArgumentException("quadrature points must increase: point " + (i - 1) + " = "
                        + points[i - 1] + ", point " + i + " = " + p);
            }
        }
        if (points.length == 2 && points[0] == points[1]) {
            return new QuadratureResult(0.0, 0.0, 0);
        }
        return new Run(f, points).run();
    }

    /** Per-call working state on primitive arrays; never shared between threads. */
    private final class Run {
        private final RealFunction f;
        /** Root pieces: kind and origin of the variable change. */
        private final int[] rootKind;
        private final double[] rootOrigin;

        // subinterval storage (in the mapped variable u)
        private double[] lo = new double[64];
        private double[] hi = new double[64];
        private double[] val = new double[64];
        private double[] err = new double[64];
        private int[] root = new int[64];
        private int count;
        /** max-heap of subinterval indices by err */
        private int[] heap = new int[64];
        private int heapSize;
        private boolean collapsed;

        private long evaluations;
        private double totalValue;
        private double totalError;

        // scratch for one rule application
        private final double[] left = new double[7];
        private final double[] right = new double[7];
        private double ruleValue;
        private double ruleError;
        private boolean ruleAtFloor;
        private boolean ruleClamped;
        /** error of the subintervals set aside at their rounding floor */
        private double floorError;
        /** error of the subintervals too narrow to bisect or to hold the nodes */
        private double collapsedError;

        Run(RealFunction f, double[] p) {
            this.f = f;
            int n = p.length - 1;
            boolean split = n == 1 && p[0] == Double.NEGATIVE_INFINITY && p[1] == Double.POSITIVE_INFINITY;
            int roots = split ? 2 : n;
            rootKind = new int[roots];
            rootOrigin = new double[roots];
            for (int r = 0; r < roots; r++) {
                double a = split ? (r == 0 ? Double.NEGATIVE_INFINITY : 0.0) : p[r];
                double b = split ? (r == 0 ? 0.0 : Double.POSITIVE_INFINITY) : p[r + 1];
                if (a == Double.NEGATIVE_INFINITY) {
                    rootKind[r] = FROM_MINUS_INFINITY;
                    rootOrigin[r] = b;
                    add(r, 0.0, 1.0);
                } else if (b == Double.POSITIVE_INFINITY) {
                    rootKind[r] = TO_PLUS_INFINITY;
                    rootOrigin[r] = a;
                    add(r, 0.0, 1.0);
                } else {
                    rootKind[r] = FINITE;
                    add(r, a, b);
                }
            }
        }

        QuadratureResult run() {
            double tolerance = tolerance(totalValue);
            while (totalError > tolerance) {
                if (heapSize == 0 || collapsedError > tolerance) {
                    break; // nothing left to bisect, or a piece that bisection cannot resolve
                }
                if (floorError > tolerance && totalError - floorError - collapsedError <= floorError) {
                    break; // rounding dominates: the result is as good as double precision allows
                }
                if (evaluations + 30 > maxEvaluations) {
                    throw notConverged("the evaluation cap of " + maxEvaluations + " was reached");
                }
                int i = pop();
                double a = lo[i];
                double b = hi[i];
                double m = 0.5 * (a + b);
                if (!(m > a && m < b)) {
                    collapsed = true;
                    collapsedError += err[i];
                    continue; // stays counted in the totals, never bisected again
                }
                double oldValue = val[i];
                double oldError = err[i];
                // reuse slot i for the left half
                rule(root[i], a, m);
                lo[i] = a;
                hi[i] = m;
                val[i] = ruleValue;
                err[i] = ruleError;
                settleOrPush(i);
                totalValue += ruleValue - oldValue;
                totalError += ruleError - oldError;
                add(root[i], m, b); // adds the right half to the totals
                tolerance = tolerance(totalValue);
                if (totalError <= tolerance) {
                    resum(); // remove the drift of the running sums before deciding
                    tolerance = tolerance(totalValue);
                }
            }
            resum();
            if (totalError > tolerance(totalValue) && collapsed) {
                throw notConverged("subintervals became too narrow to bisect (a non-integrable or strong singularity?)");
            }
            return new QuadratureResult(totalValue, totalError, evaluations);
        }

        private double tolerance(double value) {
            return Math.max(abs, rel * Math.abs(value));
        }

        private void resum() {
            // Neumaier summation of the subinterval values; plain sum of the errors
            double s = 0;
            double c = 0;
            double e = 0;
            for (int k = 0; k < count; k++) {
                double v = val[k];
                double t = s + v;
                c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
                s = t;
                e += err[k];
            }
            totalValue = s + c;
            totalError = e;
        }

        private QuadratureException notConverged(String why) {
            resum();
            int worst = 0;
            for (int k = 1; k < count; k++) {
                if (err[k] > err[worst]) {
                    worst = k;
                }
            }
            double x1 = toX(root[worst], lo[worst]);
            double x2 = toX(root[worst], hi[worst]);
            return new QuadratureException("quadrature did not converge: " + why + " after " + evaluations
                    + " evaluations and " + count + " subintervals; estimate " + totalValue + " ± " + totalError
                    + ", tolerance " + tolerance(totalValue) + " (rel " + rel + ", abs " + abs
                    + "); the largest error is on [" + Math.min(x1, x2) + ", " + Math.max(x1, x2)
                    + "]: loosen the tolerance, raise the evaluation cap, or split the range there");
        }

        private double toX(int r, double u) {
            return switch (rootKind[r]) {
                case TO_PLUS_INFINITY -> u >= 1 ? Double.POSITIVE_INFINITY : rootOrigin[r] + u / (1 - u);
                case FROM_MINUS_INFINITY -> u >= 1 ? Double.NEGATIVE_INFINITY : rootOrigin[r] - u / (1 - u);
                default -> u;
            };
        }

        /** Applies the rule on [a, b] of root r, stores the subinterval, pushes it unless at its floor. */
        private void add(int r, double a, double b) {
            rule(r, a, b);
            if (count == lo.length) {
                int n = 2 * count;
                lo = Arrays.copyOf(lo, n);
                hi = Arrays.copyOf(hi, n);
                val = Arrays.copyOf(val, n);
                err = Arrays.copyOf(err, n);
                root = Arrays.copyOf(root, n);
                heap = Arrays.copyOf(heap, n);
            }
            int k = count++;
            lo[k] = a;
            hi[k] = b;
            val[k] = ruleValue;
            err[k] = ruleError;
            root[k] = r;
            totalValue += ruleValue;
            totalError += ruleError;
            settleOrPush(k);
        }

        /** Queues subinterval k for bisection, or sets it aside when bisecting cannot improve it. */
        private void settleOrPush(int k) {
            if (ruleClamped) {
                collapsed = true;
                collapsedError += err[k];
            } else if (ruleAtFloor) {
                floorError += err[k];
            } else {
                push(k);
            }
        }

        /** The integrand in the mapped variable u of root r (dx/du included). */
        private double g(int r, double u) {
            int kind = rootKind[r];
            double x;
            double v = 1 - u;
            if (kind == FINITE) {
                x = u;
            } else {
                x = kind == TO_PLUS_INFINITY ? rootOrigin[r] + u / v : rootOrigin[r] - u / v;
                if (Double.isInfinite(x)) {
                    return 0.0; // beyond the largest double: the integrand must have vanished
                }
            }
            double fx = f.value(x);
            evaluations++;
            if (!Double.isFinite(fx)) {
                throw new QuadratureException("integrand is " + fx + " at x = " + x
                        + ": the quadrature needs finite values at every node");
            }
            if (kind == FINITE || fx == 0) {
                return fx;
            }
            double y = fx / (v * v);
            if (!Double.isFinite(y)) {
                throw new QuadratureException("integrand is " + fx + " at x = " + x
                        + ", too large for the infinite-range map to integrate: it must decay faster than 1/x");
            }
            return y;
        }

        /** G7–K15 on [a, b] of root r: sets ruleValue, ruleError, ruleAtFloor. */
        private void rule(int r, double a, double b) {
            double c = 0.5 * (a + b);
            double h = 0.5 * (b - a);
            double fc = g(r, c);
            double resK = fc * WK[7];
            double resG = fc * WG[3];
            double resAbs = Math.abs(resK);
            double[] f1 = left;
            double[] f2 = right;
            // on intervals a few ulp wide, nodes may round onto an end where f may be singular:
            // keep them strictly inside, and distrust the rule there (see below)
            boolean clamped = false;
            for (int j = 0; j < 7; j++) {
                double dx = h * XK[j];
                double x1 = c - dx;
                double x2 = c + dx;
                if (!(x1 > a)) {
                    x1 = Math.nextUp(a);
                    clamped = true;
                }
                if (!(x2 < b)) {
                    x2 = Math.nextDown(b);
                    clamped = true;
                }
                double y1 = g(r, x1);
                double y2 = g(r, x2);
                f1[j] = y1;
                f2[j] = y2;
                resK += WK[j] * (y1 + y2);
                resAbs += WK[j] * (Math.abs(y1) + Math.abs(y2));
                if ((j & 1) == 1) {
                    resG += WG[j >> 1] * (y1 + y2);
                }
            }
            double mean = 0.5 * resK;
            double resAsc = WK[7] * Math.abs(fc - mean);
            for (int j = 0; j < 7; j++) {
                resAsc += WK[j] * (Math.abs(f1[j] - mean) + Math.abs(f2[j] - mean));
            }
            double ah = Math.abs(h);
            resK *= h;
            resAbs *= ah;
            resAsc *= ah;
            double e = Math.abs((resK - resG * h));
            if (resAsc != 0 && e != 0) {
                e = resAsc * Math.min(1.0, Math.pow(200 * e / resAsc, 1.5));
            }
            double floor = 50 * EPS * resAbs;
            boolean atFloor = false;
            if (resAbs > UFLOW / (50 * EPS) && e <= floor) {
                e = floor;
                atFloor = true;
            }
            if (e == 0) {
                atFloor = true; // exact (e.g. a polynomial or a vanishing integrand): nothing to gain by bisecting
            }
            if (clamped) {
                // too few doubles in [a, b] to place the nodes: the whole piece is uncertain, and
                // bisecting cannot help
                e = Math.max(e, resAbs);
            }
            ruleClamped = clamped;
            ruleValue = resK;
            ruleError = e;
            ruleAtFloor = atFloor;
        }

        private void push(int k) {
            int i = heapSize++;
            heap[i] = k;
            while (i > 0) {
                int parent = (i - 1) >> 1;
                if (err[heap[parent]] >= err[heap[i]]) {
                    break;
                }
                int t = heap[parent];
                heap[parent] = heap[i];
                heap[i] = t;
                i = parent;
            }
        }

        private int pop() {
            int top = heap[0];
            heap[0] = heap[--heapSize];
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                if (l >= heapSize) {
                    break;
                }
                int m = l + 1 < heapSize && err[heap[l + 1]] > err[heap[l]] ? l + 1 : l;
                if (err[heap[i]] >= err[heap[m]]) {
                    break;
                }
                int t = heap[m];
                heap[m] = heap[i];
                heap[i] = t;
                i = m;
            }
            return top;
        }
    }
}
