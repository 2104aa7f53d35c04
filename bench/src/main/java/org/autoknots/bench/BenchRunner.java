package org.autoknots.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.autoknots.refine.AutoKnots;
import org.autoknots.refine.KnotScale;
import org.autoknots.refine.Limits;
import org.autoknots.refine.Numbers;
import org.autoknots.refine.RefinementMode;
import org.autoknots.refine.RefinementOptions;
import org.autoknots.refine.RefinementResult;

/**
 * Runs the battery: every case, at every tolerance tier, in every mode; measures evaluations
 * against N* and verifies each spline on the independent jittered grid.
 */
public final class BenchRunner {

    private BenchRunner() {
    }

    /**
     * A tolerance tier: {@code table} keeps each case's tolerance from the table;
     * a number replaces rel by it, and abs by it where abs is non-zero.
     *
     * @param name "table" or the number as written
     * @param rel the number, NaN for "table"
     */
    public record Tier(String name, double rel) {

        /** What a tier may be, for the messages. */
        private static final String VALID = "valid: 'table' or a relative tolerance from "
                + Numbers.shortest(Limits.MIN_REL) + " to below 1, e.g. --tolerances table,1e-10";

        /**
         * @param text "table" or a relative tolerance from {@link Limits#MIN_REL} (the floor of
         *             pipelines and {@code autoknots tabulate}: double precision cannot attain
         *             less) to below 1, such as 1e-10
         * @throws IllegalArgumentException naming {@code --tolerances} and saying what is valid
         */
        public static Tier parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("table")) {
                return new Tier("table", Double.NaN);
            }
            double v;
            try {
                v = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--tolerances: tier '" + text.trim() + "' is neither 'table' nor a number; "
                        + VALID);
            }
            if (v > 0 && v < Limits.MIN_REL) {
                throw new IllegalArgumentException("--tolerances: tier " + text.trim() + " is below what double precision"
                        + " can attain; " + VALID);
            }
            if (!(v > 0 && v < 1)) {
                throw new IllegalArgumentException("--tolerances: tier " + text.trim() + " is out of range; " + VALID);
            }
            return new Tier(t, v);
        }

        /** @return the case at this tier's tolerance */
        public BenchCase apply(BenchCase c) {
            return Double.isNaN(rel) ? c : c.withRel(rel);
        }
    }

    /** @return engine options for a case: its range, scale and tolerance, the given mode */
    public static RefinementOptions options(BenchCase c, RefinementMode mode, int concurrency) {
        return RefinementOptions.builder(c.a(), c.b())
                .scale(c.log() ? KnotScale.LOG : KnotScale.LINEAR)
                .rel(c.rel())
                .abs(c.abs())
                .mode(mode)
                .concurrency(concurrency)
                .build();
    }

    /** Tabulates one case in one mode and verifies it. */
    public static BenchResult run(BenchCase c, RefinementMode mode, int concurrency, int verifyPoints,
            int nstarPoints) {
        long t0 = System.nanoTime();
        RefinementResult r = AutoKnots.tabulate(c.f(), options(c, mode, concurrency));
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double nstar = NStar.of(c, nstarPoints);
        Verifier.Verification v = Verifier.verify(c, c.f(), r.spline(), verifyPoints);
        return new BenchResult(c, mode, r, nstar, v, seconds);
    }

    /** Runs every case × tier × mode, in that nesting order (modes side by side). */
    public static List<BenchResult> run(List<BenchCase> cases, List<Tier> tiers, List<RefinementMode> modes,
            int concurrency, int verifyPoints, int nstarPoints) {
        List<BenchResult> out = new ArrayList<>();
        for (Tier tier : tiers) {
            for (BenchCase base : cases) {
                BenchCase c = tier.apply(base);
                for (RefinementMode m : modes) {
                    out.add(run(c, m, concurrency, verifyPoints, nstarPoints));
                }
            }
        }
        return out;
    }

    /** @return the rows as a Markdown table, with a header line explaining the columns */
    public static String markdown(List<BenchResult> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| case | scale | rel | abs | mode | evaluations | N* | evals/N* | budget | err/tol | passes"
                + " | converged | verified |\n");
        sb.append("|---|---|---|---|---|---:|---:|---:|---|---:|---:|---|---|\n");
        for (BenchResult r : rows) {
            BenchCase c = r.c();
            boolean hasN = !Double.isNaN(r.nstar());
            String budget;
            if (!hasN) {
                budget = "–";
            } else {
                budget = (r.withinBudget() ? "≤ " : "**> ") + fmt(r.budgetRatio(), "%.1f") + (r.withinBudget() ? "" : "**");
            }
            sb.append("| ").append(c.id())
                    .append(" | ").append(c.scaleName())
                    .append(" | ").append(sci(c.rel()))
                    .append(" | ").append(c.abs() == 0 ? "0" : sci(c.abs()))
                    .append(" | ").append(r.mode().id())
                    .append(" | ").append(r.result().evaluations())
                    .append(" | ").append(hasN ? fmt(r.nstar(), "%.1f") : "–")
                    .append(" | ").append(hasN ? fmt(r.ratio(), "%.2f") : "–")
                    .append(" | ").append(budget)
                    .append(" | ").append(r.verified() ? fmt(r.verification().worstRatio(), "%.2f")
                            : "**" + fmt(r.verification().worstRatio(), "%.3g") + "**")
                    .append(" | ").append(r.result().passes())
                    .append(" | ").append(r.result().converged() ? "yes" : "**no**")
                    .append(" | ").append(r.verified() ? "yes" : "**NO** (" + r.verification().failures()
                            + " points, worst at x = " + fmt(r.verification().worstX(), "%.6g") + ")")
                    .append(" |\n");
        }
        return sb.toString();
    }

    static String fmt(double v, String f) {
        return String.format(Locale.ROOT, f, v);
    }

    static String sci(double v) {
        String s = String.format(Locale.ROOT, "%.0e", v);
        return s.replace("e-0", "e-").replace("e+0", "e");
    }
}
