package org.autoknots.bench;

import java.util.List;
import java.util.Locale;

/**
 * The benchmark battery of issue 6: ten cases with the tolerances of the table.
 * Each function is given twice, in doubles (tabulated) and on {@link Jet}s (for f⁗).
 */
public final class Battery {

    private Battery() {
    }

    private static final double PEAK_EPS = 1e-4;
    private static final double PEAK_X0 = 0.123;
    private static final double LOGISTIC_W = 0.005;
    private static final double POWERLAW_K0 = 0.02;

    /** @return all ten cases, in the order of the table */
    public static List<BenchCase> all() {
        return List.of(
                new BenchCase("exp", "e^x", -1, 1, false, 1e-6, 0,
                        Math::exp, Jet::exp),
                new BenchCase("runge", "1/(1+25x²)", -1, 1, false, 1e-6, 0,
                        x -> 1.0 / (1.0 + 25.0 * x * x),
                        x -> x.multiply(x).multiply(25.0).add(1.0).reciprocal(1.0)),
                new BenchCase("sin100", "sin(100x)", -1, 1, false, 1e-6, 1e-6,
                        x -> Math.sin(100.0 * x), x -> x.multiply(100.0).sin()),
                new BenchCase("tanh50", "tanh(50(x−0.3))", -1, 1, false, 1e-6, 1e-6,
                        x -> Math.tanh(50.0 * (x - 0.3)), x -> x.add(-0.3).multiply(50.0).tanh()),
                new BenchCase("peak", "x + 1e-4/(1e-4 + (x−0.123)²)", -1, 1, false, 1e-6, 1e-6,
                        x -> x + PEAK_EPS / (PEAK_EPS + (x - PEAK_X0) * (x - PEAK_X0)),
                        x -> {
                            Jet d = x.add(-PEAK_X0);
                            return x.add(d.multiply(d).add(PEAK_EPS).reciprocal(PEAK_EPS));
                        }),
                new BenchCase("logistic", "1/(1+exp(−(x−0.2)/0.005))", -1, 1, false, 1e-6, 1e-6,
                        x -> 1.0 / (1.0 + Math.exp(-(x - 0.2) / LOGISTIC_W)),
                        // 1/(1 + e^(−u)) = (1 + tanh(u/2))/2, which keeps the jet finite far out
                        x -> x.add(-0.2).multiply(0.5 / LOGISTIC_W).tanh().add(1.0).multiply(0.5)),
                new BenchCase("kink", "|x − 0.1234| + 1", -1, 1, false, 1e-6, 0,
                        x -> Math.abs(x - 0.1234) + 1.0, null),
                new BenchCase("powerlaw", "k/(1+(k/0.02)²)^1.5", 1e-5, 1e5, true, 1e-6, 0,
                        k -> k / Math.pow(1.0 + (k / POWERLAW_K0) * (k / POWERLAW_K0), 1.5),
                        k -> {
                            Jet u = k.divide(POWERLAW_K0);
                            return k.multiply(u.multiply(u).add(1.0).pow(-1.5));
                        }),
                new BenchCase("nfw-rho", "1/(r(1+r)²)", 1e-4, 1e4, true, 1e-8, 0,
                        r -> 1.0 / (r * (1.0 + r) * (1.0 + r)),
                        r -> r.multiply(r.add(1.0).multiply(r.add(1.0))).reciprocal(1.0)),
                new BenchCase("nfw-sigma", "NFW Σ(x), ρ_s = r_s = 1", 1e-4, 1e4, true, 1e-8, 0,
                        Functions::nfwSigma, Functions::nfwSigma));
    }

    /**
     * @param ids case ids, comma separated, or "all" (null: all)
     * @return the selected cases in battery order
     * @throws IllegalArgumentException naming an unknown id and listing the valid ones, or for
     *         no id at all ({@code --cases ""}), which is not taken for "all"
     */
    public static List<BenchCase> select(String ids) {
        List<BenchCase> all = all();
        if (ids == null || ids.trim().equalsIgnoreCase("all")) {
            return all;
        }
        if (ids.isBlank()) {
            throw new IllegalArgumentException("--cases '" + ids + "': no case given; give case ids, comma-separated, or"
                    + " all; valid: all, " + String.join(", ", all.stream().map(BenchCase::id).toList()));
        }
        List<String> wanted = List.of(ids.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        for (String w : wanted) {
            if (all.stream().noneMatch(c -> c.id().equals(w.trim()))) {
                throw new IllegalArgumentException("unknown bench case '" + w.trim() + "'; valid: all, "
                        + String.join(", ", all.stream().map(BenchCase::id).toList()));
            }
        }
        return all.stream().filter(c -> wanted.stream().anyMatch(w -> w.trim().equals(c.id()))).toList();
    }
}
