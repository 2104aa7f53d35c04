package org.autoknots.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.autoknots.config.KnotSpacing;
import org.autoknots.refine.Numbers;
import org.autoknots.refine.RefinementResult;

/** What the stages of a run produced, for the summary, the plots and the tests. */
public final class Outcomes {

    private Outcomes() {
    }

    /**
     * One AutoKnots table.
     *
     * @param stage               the stage id
     * @param quantity            the projected quantity key, or null for a tabulate stage
     * @param abscissa            {@code x} or {@code R}
     * @param column              the value column's name in the CSV
     * @param spacing             the knot scale
     * @param result              the engine's result
     * @param csv                 the written table
     * @param seconds             wall time of the table
     * @param densityEvaluations  ρ evaluations spent by a numeric projection (0 otherwise)
     */
    public record Table(String stage, String quantity, String abscissa, String column, KnotSpacing spacing,
            RefinementResult result, Path csv, double seconds, long densityEvaluations) {
    }

    /**
     * The error of one quantity in a validation.
     *
     * @param maxRelError the largest |s − ref| / |ref| (|s − ref| where ref = 0)
     * @param at          the abscissa where it occurred
     * @param x           the compared abscissae
     * @param relError    the error at each of them
     */
    public record QuantityError(double maxRelError, double at, double[] x, double[] relError) {
    }

    /**
     * A validation's figures.
     *
     * @param input        the validated stage
     * @param against      {@code analytic} or the reference file
     * @param maxAllowed   the threshold
     * @param points       compared points per quantity
     * @param skippedRows  reference rows outside the range
     * @param passed       every quantity within the threshold
     * @param quantities   per quantity key ({@code value} for a tabulate stage)
     */
    public record Validation(String input, String against, double maxAllowed, int points, int skippedRows,
            boolean passed, Map<String, QuantityError> quantities) {
    }

    /**
     * A finished stage.
     *
     * @param tables     its tables (none for a validation)
     * @param validation its figures (null unless a validation)
     */
    public record StageResult(String id, String type, String method, double seconds, List<Table> tables,
            Validation validation) {
    }

    /** {@code 1 pass}, {@code 2 passes}. */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /**
     * How the options are spelled where the user typed them ({@code max-knots} in a pipeline
     * file, {@code --max-knots} on the command line).
     */
    record Names(String maxKnots, String rel, String abs) {
        static final Names PIPELINE = new Names("max-knots", "tolerance.rel", "tolerance.abs");
        static final Names COMMAND_LINE = new Names("--max-knots", "--rel", "--abs");
    }

    /**
     * Why a table did not converge, with the advice that fits the cause: f crossing or touching
     * 0 where the tolerance is purely relative (abs = 0: no spline can meet |f − s| ≤ rel·|f| at
     * a zero), an interval that could not be resolved elsewhere (a discontinuity, pole or noise),
     * or the knot limit reached. The zeros are read off the knot values (a sign change between
     * neighbours or an exact 0); an unresolved location counts as a zero when the knot interval
     * holding it or a neighbour brackets one.
     *
     * @param r        a result that did not converge
     * @param abs      the absolute tolerance used
     * @param maxKnots the knot limit used
     * @param names    how the options are spelled for the user
     * @return one line, without a leading capital or a final period
     */
    static String diagnosis(RefinementResult r, double abs, int maxKnots, Names names) {
        double[] x = r.spline().knots();
        double[] y = r.spline().values();
        List<Double> zeros = new ArrayList<>();
        boolean[] zeroAt = new boolean[Math.max(0, x.length - 1)];
        if (abs == 0) {
            // a sign change counts as a zero where |f| is small there (below its median over the knots),
            // not at a pole or a jump, where |f| is large on both sides
            double[] mag = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                mag[i] = Math.abs(y[i]);
            }
            java.util.Arrays.sort(mag);
            double median = mag.length == 0 ? 0 : mag[mag.length / 2];
            for (int i = 0; i + 1 < x.length; i++) {
                boolean small = Math.max(Math.abs(y[i]), Math.abs(y[i + 1])) < median;
                boolean z = y[i] == 0 || y[i + 1] == 0
                        || small && ((y[i] < 0 && y[i + 1] > 0) || (y[i] > 0 && y[i + 1] < 0));
                zeroAt[i] = z;
                if (z && (zeros.isEmpty() || i == 0 || !zeroAt[i - 1])) {
                    zeros.add(y[i] == 0 ? x[i] : y[i + 1] == 0 ? x[i + 1] : 0.5 * (x[i] + x[i + 1]));
                }
            }
        }
        if (!zeros.isEmpty()) {
            // f = 0 at an end is a problem only where the engine found the relative error unbounded there
            double[] flagged = r.endZeros();
            double lo = x[0];
            double hi = x[x.length - 1];
            zeros.removeIf(z -> (z == lo || z == hi) && java.util.Arrays.stream(flagged).noneMatch(e -> e == z));
        }
        double[] engineZeros = abs == 0 ? r.zeroCrossings() : new double[0];
        if (engineZeros.length > 0) {
            // the engine located them (exact zeros at the ends included): its list wins
            zeros.clear();
            for (double z : engineZeros) {
                zeros.add(z);
            }
        }
        // stretches where f is 0 at every knot (f = 0, or underflowing to 0): with abs = 0 the tolerance
        // is 0 there, which is meaningless rather than a zero to cross; the zeros inside them are theirs
        List<double[]> flats = abs == 0 ? List.of(r.zeroStretches()) : List.of();
        boolean allZero = flats.size() == 1 && x.length > 0 && flats.get(0)[0] == x[0]
                && flats.get(0)[1] == x[x.length - 1];
        zeros.removeIf(z -> within(flats, z));
        List<Double> atZero = new ArrayList<>();
        List<Double> other = new ArrayList<>();
        for (double u : r.unresolved()) {
            int i = java.util.Arrays.binarySearch(x, u);
            i = i >= 0 ? Math.min(i, x.length - 2) : Math.max(0, Math.min(-i - 2, x.length - 2));
            boolean near = false;
            for (int k = Math.max(0, i - 1); k <= Math.min(zeroAt.length - 1, i + 1); k++) {
                near |= zeroAt[k];
            }
            double lo = x[Math.max(0, i - 1)];
            double hi = x[Math.min(x.length - 1, i + 2)];
            for (double z : engineZeros) {
                near |= z >= lo && z <= hi;
            }
            if (!near) {
                other.add(u);
            } else if (!within(flats, u)) {
                atZero.add(u);
            }
        }
        boolean unresolved = r.unresolved().length > 0;
        // what f does at its zeros ("f is 0 at every knot", "f crosses 0 near x ≈ 3.14", or both), and why it matters
        String subject = zeroSubject(unresolved ? atZero : zeros, flats, allZero, x[0], x[x.length - 1]);
        String verdict = flats.isEmpty() ? "can't hold" : "is meaningless";
        String said = subject + (flats.isEmpty() ? ": " : ", so ") + "a pure relative tolerance (" + names.abs() + " = 0) "
                + verdict + " there";
        List<String> parts = new ArrayList<>();
        String setAbs = "set " + names.abs() + " > 0 (an error allowance where f is near 0)";
        if (unresolved && !subject.isEmpty()) {
            parts.add(said + "; " + setAbs);
        }
        if (!other.isEmpty()) {
            parts.add("unresolved near x ≈ " + list(other) + " (probable discontinuity, pole or noise): check f there,"
                    + " or split the range around it");
        }
        // the engine stops at the limit when the next pass would not fit: a pass adds at most a few
        // points per open interval, so far below the limit it was some other reason
        boolean limitHit = !unresolved && r.knots() > maxKnots / 8;
        if (!unresolved && !limitHit) {
            // values near the smallest doubles, in the engine's words with the user's option name
            String engine = Double.isNaN(r.tooSmallFrom()) ? null : r.tooSmallAdvice(names.abs());
            parts.add(!subject.isEmpty() ? said + "; " + setAbs
                    : engine != null ? engine
                    : String.format(Locale.ROOT, "worst error/tolerance %.3g after %s", r.worstErrorRatio(),
                            count(r.passes(), "pass", "passes")));
        }
        if (limitHit) {
            // a pass adds a knot or more to each open interval: the table stops below the limit when the
            // next pass would not fit, so say how many knots it holds
            String limit = String.format(Locale.ROOT, "stopped at the knot limit %s = %d (%d knots: the next pass"
                    + " would not fit)", names.maxKnots(), maxKnots, r.knots())
                    + (Double.isFinite(r.worstErrorRatio())
                            ? String.format(Locale.ROOT, " with worst error/tolerance %.3g", r.worstErrorRatio()) : "");
            if (r.noisy()) {
                // more knots cannot help: say so, with the size of the noise and a tolerance above it
                // a relative tolerance of 0.1 or more is no precision at all: then only abs is suggested
                String advice = 10 * r.noiseRel() < 0.1
                        ? String.format(Locale.ROOT, "loosen %s to about %s (or set %s to about %s)", names.rel(),
                                decadeAbove(10 * r.noiseRel()), names.abs(), decadeAbove(10 * r.noiseAbs()))
                        : String.format(Locale.ROOT, "set %s to about %s", names.abs(), decadeAbove(10 * r.noiseAbs()));
                parts.add(limit + String.format(Locale.ROOT, "; f looks noisy: the error at the points each pass added"
                        + " stopped falling as the knots grew (|f − s| ≈ %.2g, %.2g of |f|), so more knots won't help: %s",
                        r.noiseAbs(), r.noiseRel(), advice)
                        + (subject.isEmpty() ? "" : "; " + subject.replaceFirst("^f ", "f also ") + ", where a pure"
                                + " relative tolerance " + verdict + ": " + setAbs));
            } else if (!subject.isEmpty()) {
                parts.add(limit + "; " + subject + " with " + names.abs() + " = 0, where a pure relative tolerance " + verdict
                        + ": " + setAbs + (zeros.isEmpty() ? "" : " (else raise " + names.maxKnots() + " or loosen "
                        + names.rel() + ")"));
            } else {
                parts.add(limit + ": raise " + names.maxKnots() + " or loosen " + names.rel());
            }
        }
        return String.join("; ", parts);
    }

    /**
     * @param points   where f crosses 0, outside the stretches
     * @param flats    the stretches where f is 0 at every knot
     * @param allZero  the one stretch is the whole range
     * @param lo       the range's lower end (a zero there is f vanishing at the end, not crossing)
     * @param hi       the upper end
     * @return "f is 0 at every knot", "f is 0 at every knot on [a, b]", "f crosses 0 near x ≈ …",
     *         "f vanishes at the end x = …" or several of them joined by "and"; "" when f has no zero
     */
    private static String zeroSubject(List<Double> points, List<double[]> flats, boolean allZero, double lo, double hi) {
        List<String> what = new ArrayList<>();
        if (allZero) {
            what.add("is 0 at every knot");
        } else if (!flats.isEmpty()) {
            StringBuilder on = new StringBuilder("is 0 at every knot on ");
            for (int k = 0; k < Math.min(flats.size(), 3); k++) {
                on.append(k > 0 ? ", " : "").append('[').append(Numbers.format(flats.get(k)[0], 6)).append(", ")
                        .append(Numbers.format(flats.get(k)[1], 6)).append(']');
            }
            if (flats.size() > 3) {
                on.append(" and ").append(flats.size() - 3).append(" more stretches");
            }
            what.add(on.toString());
        }
        List<Double> inside = new ArrayList<>();
        List<Double> ends = new ArrayList<>();
        for (double p : points) {
            (p == lo || p == hi ? ends : inside).add(p);
        }
        if (!inside.isEmpty()) {
            what.add("crosses 0 near x ≈ " + list(inside));
        }
        if (!ends.isEmpty()) {
            what.add("vanishes at the end x = " + list(ends));
        }
        return what.isEmpty() ? "" : "f " + String.join(" and ", what);
    }

    private static boolean within(List<double[]> stretches, double v) {
        for (double[] s : stretches) {
            if (v >= s[0] && v <= s[1]) {
                return true;
            }
        }
        return false;
    }

    /** @return the power of ten at or above v > 0, as "1e-8" (v itself when not finite and positive) */
    static String decadeAbove(double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            return String.valueOf(v);
        }
        int e = (int) Math.ceil(Math.log10(v) - 1e-9);
        return e == 0 ? "1" : "1e" + e;
    }

    private static String list(List<Double> xs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(xs.size(), 3); i++) {
            sb.append(i > 0 ? ", " : "").append(Numbers.format(xs.get(i), 6));
        }
        if (xs.size() > 3) {
            sb.append(" and ").append(xs.size() - 3).append(" more");
        }
        return sb.toString();
    }

    /**
     * Spells the engine's option names ({@code maxKnots}, {@code initialKnots}, …) as the user
     * typed them.
     *
     * @param dashes true for command-line options ({@code --max-knots}), false for pipeline keys
     */
    static String userWords(String message, boolean dashes) {
        if (message == null) {
            return null;
        }
        String d = dashes ? "--" : "";
        return message.replace("maxKnots", d + "max-knots").replace("initialKnots", d + "initial-knots")
                .replace("asinhScale", d + "asinh-scale").replace("maxSpacing", d + "max-spacing")
                .replace("refineRounds", d + "refine-rounds").replace("refineK", "refine-k");
    }
}
