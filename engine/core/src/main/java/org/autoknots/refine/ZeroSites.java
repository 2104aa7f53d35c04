package org.autoknots.refine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.autoknots.api.Spline;

/**
 * The verdict of a finished refinement about the places where f vanishes, and the one-line
 * diagnosis of a result that did not converge.
 *
 * <p>With a pure relative tolerance (abs = 0) the stated tolerance |f − s| ≤ rel·|f| is 0 where f
 * is 0 (design note {@code docs/graded-refinement.md}, "Known limits": ill-posed). The policy:
 * <ul>
 * <li><b>interior zero</b> (f changes sign between two knots, is exactly 0 at an interior knot,
 *     or the spline changes sign between two knots of equal sign): never converged. Between knots
 *     s(x₀) ≠ 0 = f(x₀) at the zero x₀ in general, so the tolerance fails there; a knot that
 *     happens to land on the zero would make it hold only by accident of representation, and the
 *     verdict must not depend on that (sin x and sin(x − 10⁻¹⁷) get the same answer). Where the
 *     spline changes sign and f does not, |s − f| ≥ |f| fails the tolerance too;</li>
 * <li><b>zero at an end</b> of the range (f(a) = 0 or f(b) = 0, no sign change): the end is
 *     always a knot, s = f = 0 there, and near it |s − f|/|f| tends to |s′ − f′|/|f′| for a
 *     simple zero, which refinement can make small: it is refined like any interval (with the
 *     bound of {@link Widths#intervalTolerance}) and converges when that succeeds (sin x on
 *     [0, 3]). Where it cannot (√x on [0, 1]: the relative error at the end does not shrink) the
 *     end interval reaches the width floor and is reported as a zero at the end, not as a
 *     discontinuity;</li>
 * <li>an interval left unresolved next to a place where f vanishes is reported as that zero,
 *     unless it jumps (the values across it, or across a neighbouring interval narrower than 10⁻⁹
 *     of the range, differ by more than {@value #JUMP} of max|f|): a jump
 *     through 0 is still reported as a probable discontinuity. "Next to" means within two knots
 *     of a knot where |f| ≤ {@value #JUMP}·max|f| or of a sign change.</li>
 * </ul>
 * With abs &gt; 0 the tolerance is positive everywhere and none of this applies.
 */
final class ZeroSites {

    /** an unresolved interval whose values differ by more than this fraction of max|f| jumps */
    static final double JUMP = 1e-3;

    private ZeroSites() {
    }

    /**
     * The classification of the zeros and unresolved intervals of one result.
     *
     * @param flats   (abs = 0) the stretches [first, last knot] where f is 0 at two or more knots
     *                in a row ({@link #flats}); the zeros inside them are not crossings
     * @param allZero (abs = 0) f is 0 at every knot
     */
    record Verdict(double[] zeros, boolean touchesOnly, double[] endZeros, double[] discontinuities,
            List<double[]> flats, boolean allZero) {

        /** @return the zeros that lie in no flat stretch: where f crosses or touches 0 */
        double[] pointZeros() {
            return Arrays.stream(zeros).filter(z -> !within(flats, z)).toArray();
        }
    }

    /**
     * The stretches where f is exactly 0 at two or more consecutive knots (f = 0, or a function
     * that underflows to 0 there): with abs = 0 the tolerance abs + rel·|f| is 0 on them, which
     * asks for no error at all, a meaningless demand rather than a zero to step over.
     *
     * @return [first knot, last knot] of each stretch, increasing
     */
    static List<double[]> flats(double[] x, double[] y) {
        List<double[]> out = new ArrayList<>();
        int i = 0;
        while (i < y.length) {
            int j = i;
            while (j + 1 < y.length && y[i] == 0 && y[j + 1] == 0) {
                j++;
            }
            if (j > i) {
                out.add(new double[] {x[i], x[j]});
            }
            i = j + 1;
        }
        return out;
    }

    /** @return true when v lies in one of the stretches */
    static boolean within(List<double[]> stretches, double v) {
        for (double[] s : stretches) {
            if (v >= s[0] && v <= s[1]) {
                return true;
            }
        }
        return false;
    }

    /** @return the stretches as "[a, b]", joined by ", " */
    static String stretches(List<double[]> flats) {
        StringBuilder sb = new StringBuilder();
        for (double[] f : flats) {
            sb.append(sb.length() > 0 ? ", " : "").append('[').append(fmt(f[0])).append(", ").append(fmt(f[1])).append(']');
        }
        return sb.toString();
    }

    /**
     * @param x, y, s    the final knots, values and spline
     * @param unresolved the plan's unresolved locations
     * @param abs        the absolute tolerance; zeros are looked for only when it is 0
     */
    static Verdict classify(double[] x, double[] y, Spline s, double[] unresolved, double abs) {
        int n = x.length;
        // the scale of f, needed only to classify unresolved intervals
        double maxAbs = 0;
        if (unresolved.length > 0) {
            for (double v : y) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        List<Double> zeros = new ArrayList<>();
        boolean touchesOnly = true;
        // knot index spans [lo, hi] of the zeros, to merge zeros with unresolved intervals
        List<int[]> spans = new ArrayList<>();
        if (abs == 0) {
            int i = 0;
            while (i < n - 1) {
                // a run of interior zero knots and sign changes, merged into one site
                int start = -1;
                int end = -1;
                boolean crossing = false;
                int j = i;
                while (j < n - 1) {
                    boolean zeroKnot = j > 0 && y[j] == 0;
                    boolean change = opposite(y[j], y[j + 1]);
                    boolean splineChange = !change && y[j] != 0 && y[j + 1] != 0 && Widths.mayDip(y, j)
                            && splineCrossing(x, y, s, j) >= 0;
                    if (!(zeroKnot || change || splineChange)) {
                        break;
                    }
                    if (start < 0) {
                        start = j;
                    }
                    end = j + 1;
                    crossing |= change || splineChange;
                    j++;
                }
                if (start < 0) {
                    i++;
                    continue;
                }
                zeros.add(site(x, y, s, start, end));
                spans.add(new int[] {start, end});
                touchesOnly &= !crossing && !opposite(outside(y, start, -1), outside(y, end, +1));
                i = Math.max(end, i + 1);
            }
        }
        List<Double> endZeros = new ArrayList<>();
        List<Double> discontinuities = new ArrayList<>();
        for (double u : unresolved) {
            int j = interval(x, u);
            // the cluster's location may fall on a knot next to the jumping interval: look at the
            // narrow intervals around it too
            boolean jump = false;
            for (int k = Math.max(0, j - 2); k <= Math.min(n - 2, j + 2); k++) {
                boolean narrow = k == j || x[k + 1] - x[k] <= 1e-9 * (x[n - 1] - x[0]);
                jump |= narrow && Math.abs(y[k + 1] - y[k]) > JUMP * maxAbs;
            }
            boolean vanishes = false;
            for (int k = Math.max(0, j - 2); k <= Math.min(n - 1, j + 3); k++) {
                vanishes |= Math.abs(y[k]) <= JUMP * maxAbs || k + 1 < n && opposite(y[k], y[k + 1]);
            }
            if (abs != 0 || jump || !vanishes) {
                discontinuities.add(u);
                // a zero inside a jump is the jump: do not report it twice
                removeNear(zeros, spans, j - 1, j + 2);
                continue;
            }
            if (near(spans, j - 1, j + 2)) {
                continue;
            }
            if (y[0] == 0 && small(y, 0, j + 1, JUMP * maxAbs)) {
                endZeros.add(x[0]);
            } else if (y[n - 1] == 0 && small(y, j, n - 1, JUMP * maxAbs)) {
                endZeros.add(x[n - 1]);
            } else {
                zeros.add(u);
                spans.add(new int[] {j, j + 1});
                touchesOnly = false;
            }
        }
        double[] z = zeros.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        List<double[]> flat = abs == 0 ? flats(x, y) : List.of();
        boolean allZero = flat.size() == 1 && flat.get(0)[0] == x[0] && flat.get(0)[1] == x[n - 1];
        return new Verdict(z, touchesOnly && z.length > 0,
                endZeros.stream().mapToDouble(Double::doubleValue).distinct().toArray(),
                discontinuities.stream().mapToDouble(Double::doubleValue).toArray(), flat, allZero);
    }

    /**
     * @return what the zeros of f are, as the subject of a sentence: "f is 0 at every knot", "f
     *         is 0 at every knot on [a, b]", "f crosses 0 near x ≈ …", "f vanishes near x ≈ …", or
     *         two of these joined by "and"; "" when there are none
     */
    static String zeroSubject(Verdict v) {
        List<String> what = new ArrayList<>();
        if (v.allZero()) {
            what.add("is 0 at every knot");
        } else if (!v.flats().isEmpty()) {
            what.add("is 0 at every knot on " + stretches(v.flats()));
        }
        double[] points = v.pointZeros();
        if (points.length > 0) {
            what.add((v.touchesOnly() ? "vanishes" : "crosses 0") + " near x ≈ " + list(points));
        }
        return what.isEmpty() ? "" : "f " + String.join(" and ", what);
    }

    /** @return the one-line diagnosis of a result ("" when it converged) */
    static String diagnosis(Verdict v, boolean limitHit, int knots, double worstRatio) {
        List<String> parts = new ArrayList<>();
        if (v.zeros().length > 0) {
            parts.add(zeroSubject(v) + (v.flats().isEmpty()
                    ? ": a pure relative tolerance (abs = 0) cannot hold where f is 0"
                    : ", so a pure relative tolerance (abs = 0) is meaningless there")
                    + "; set an absolute tolerance (abs > 0)");
        }
        if (v.endZeros().length > 0) {
            parts.add("f vanishes at the end x = " + list(v.endZeros())
                    + " and the relative error does not shrink there (abs = 0); set an absolute tolerance (abs > 0)");
        }
        if (v.discontinuities().length > 0) {
            parts.add("unresolved (probable discontinuity or noise) at x ≈ " + list(v.discontinuities()));
        }
        if (limitHit) {
            parts.add(Double.isNaN(worstRatio)
                    ? String.format(Locale.ROOT, "knot limit reached at %d knots, before the first pass", knots)
                    : String.format(Locale.ROOT, "knot limit reached at %d knots with worst error/tolerance %.3g", knots,
                            worstRatio));
        }
        return String.join("; ", parts);
    }

    /** The advice for a knot limit reached on noise, in the engine's terms. */
    static String noise(NoiseWatch.Noise n) {
        return String.format(Locale.ROOT, "the error at the points each pass added stopped falling as the knots grew"
                + " (|f − s| ≈ %.2g, %.2g of |f|, at the last pass's points): f looks noisy at about that size, and"
                + " more knots cannot beat noise; loosen the tolerance above it (rel or abs)", n.absError(), n.relError());
    }

    /** Up to 5 values, then "and N more". */
    static String list(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(v.length, 5); i++) {
            sb.append(i > 0 ? " " : "").append(fmt(v[i]));
        }
        if (v.length > 5) {
            sb.append(" and ").append(v.length - 5).append(" more");
        }
        return sb.toString();
    }

    static String fmt(double v) {
        return Numbers.format(v);
    }

    /** @return true when |y[k]| ≤ bound for every k in [from, to] */
    private static boolean small(double[] y, int from, int to, double bound) {
        for (int k = from; k <= to; k++) {
            if (Math.abs(y[k]) > bound) {
                return false;
            }
        }
        return true;
    }

    private static boolean opposite(double a, double b) {
        return a < 0 && b > 0 || a > 0 && b < 0;
    }

    /** @return the first nonzero value from knot k on in direction dir (0 if none) */
    private static double outside(double[] y, int k, int dir) {
        for (int j = k; j >= 0 && j < y.length; j += dir) {
            if (y[j] != 0) {
                return y[j];
            }
        }
        return 0;
    }

    /** @return t of the place in interval i where s reaches 0 though y[i], y[i+1] have one sign, or −1 */
    private static double splineCrossing(double[] x, double[] y, Spline s, int i) {
        double[] dip = Widths.splineDip(x, y, s, i);
        return dip[2] != 0 ? dip[1] : -1;
    }

    /**
     * The location of a merged zero site over knots start..end: the knot if only one is 0, the
     * spline's root if one interval changes sign, the middle of the run otherwise.
     */
    private static double site(double[] x, double[] y, Spline s, int start, int end) {
        if (end == start + 1) {
            if (y[start] == 0 && start > 0) {
                return x[start];
            }
            if (y[end] == 0) {
                return x[end];
            }
            if (opposite(y[start], y[end])) {
                return root(x, y, s, start);
            }
            return x[start] + splineCrossing(x, y, s, start) * (x[end] - x[start]);
        }
        if (end == start + 2 && y[start + 1] == 0) {
            return x[start + 1];
        }
        return 0.5 * x[start] + 0.5 * x[end];
    }

    /** The zero of the spline piece i, whose end values differ in sign, by bisection on s (no f evaluation). */
    private static double root(double[] x, double[] y, Spline s, int i) {
        double lo = x[i];
        double hi = x[i + 1];
        boolean loNegative = y[i] < 0;
        for (int k = 0; k < 200; k++) {
            double mid = 0.5 * lo + 0.5 * hi;
            if (!(mid > lo && mid < hi)) {
                break;
            }
            double v = s.value(i, mid);
            if (v == 0) {
                return mid;
            }
            if (v < 0 == loNegative) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * lo + 0.5 * hi;
    }

    private static int interval(double[] x, double u) {
        int k = Arrays.binarySearch(x, u);
        int j = k >= 0 ? k : -k - 2;
        return Math.max(0, Math.min(x.length - 2, j));
    }

    private static boolean near(List<int[]> spans, int lo, int hi) {
        for (int[] sp : spans) {
            if (sp[0] <= hi && sp[1] >= lo) {
                return true;
            }
        }
        return false;
    }

    private static void removeNear(List<Double> zeros, List<int[]> spans, int lo, int hi) {
        for (int k = spans.size() - 1; k >= 0; k--) {
            int[] sp = spans.get(k);
            if (sp[0] <= hi && sp[1] >= lo) {
                spans.remove(k);
                zeros.remove(k);
            }
        }
    }
}
