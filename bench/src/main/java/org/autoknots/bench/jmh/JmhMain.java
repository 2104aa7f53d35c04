package org.autoknots.bench.jmh;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeMap;
import org.autoknots.refine.AutoKnots;
import org.autoknots.refine.RefinementResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the two JMH benchmarks with short, fixed settings (1 fork, 2 warm-up and 5 measured
 * iterations) and prints Markdown tables: engine overhead in ns per knot (tabulation time minus
 * the time of f at as many points, over the knots) and spline evaluation in ns per point (one
 * {@code value(x)} call per point, and the batch {@code values(x, out)}). On a
 * shared machine other processes only add time, so the tables give the fastest iteration and
 * the median; JMH's own summary (mean ± 99.9 % interval) is printed above them.
 * Argument: optional iteration time in seconds (default 1).
 */
public final class JmhMain {

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private JmhMain() {
    }

    public static void main(String[] args) throws RunnerException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        TimeValue t = TimeValue.milliseconds((long) (seconds * 1000));
        Options opt = new OptionsBuilder()
                .include(EngineOverheadBenchmark.class.getSimpleName())
                .include(SplineEvaluationBenchmark.class.getSimpleName())
                .forks(1).warmupIterations(2).warmupTime(t).measurementIterations(5).measurementTime(t)
                .jvmArgsAppend("-Xmx2g")
                .build();
        Collection<RunResult> results = new Runner(opt).run();
        System.out.print(markdown(results));
    }

    static String markdown(Collection<RunResult> results) {
        // rows by (knots, concurrency)
        TreeMap<Long, double[]> tab = new TreeMap<>();
        // per "scale knots": value(x) fastest, median; values(x, out) fastest, median (NaN: not run)
        TreeMap<String, double[]> evalTab = new TreeMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            // on a shared machine other processes only ever add time: report the fastest
            // measured iteration (and the median, to show the spread)
            double[] it = r.getBenchmarkResults().stream()
                    .flatMap(b -> b.getIterationResults().stream())
                    .mapToDouble(x -> x.getPrimaryResult().getScore()).sorted().toArray();
            double score = it[0];
            double err = it[it.length / 2];
            int knots = Integer.parseInt(r.getParams().getParam("knots"));
            if (label.contains("SplineEvaluationBenchmark.")) {
                double[] row = evalTab.computeIfAbsent(r.getParams().getParam("scale") + " " + knots,
                        k -> new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
                int at = label.endsWith(".values") ? 2 : 0;
                row[at] = score;
                row[at + 1] = err;
            } else {
                int concurrency = Integer.parseInt(r.getParams().getParam("concurrency"));
                double[] row = tab.computeIfAbsent(knots * 100L + concurrency, k -> new double[4]);
                if (label.endsWith(".tabulate")) {
                    row[0] = score;
                    row[1] = err;
                } else {
                    row[2] = score;
                    row[3] = err;
                }
            }
        }
        StringBuilder eval = new StringBuilder();
        eval.append("| spline | knots | ns per value(x), fastest iteration | median iteration"
                + " | ns per point, values(x, out), fastest iteration | median iteration |\n|---|---:|---:|---:|---:|---:|\n");
        for (var e : evalTab.entrySet()) {
            String[] key = e.getKey().split(" ");
            double[] row = e.getValue();
            eval.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.1f |%n", key[0], key[1], row[0], row[1],
                    row[2], row[3]));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| requested knots | concurrency | knots | evaluations | tabulation ms, fastest (median) | f alone ms"
                + " (one thread) | engine ns/knot (JMH, f subtracted) | engine ns/knot (engineNanos, best run) | engine CPU"
                + " ns/knot (thread CPU time − time in f, over ≥ 2 s of runs; concurrency 1 only) |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var e : tab.entrySet()) {
            EngineOverheadBenchmark b = new EngineOverheadBenchmark();
            b.knots = (int) (e.getKey() / 100);
            b.concurrency = (int) (e.getKey() % 100);
            b.setup();
            // the engine's own account, best of 5 after 3 warm-up runs in this JVM
            RefinementResult r = null;
            long warmUntil = System.nanoTime() + 3_000_000_000L;
            for (int rep = 0; rep < 5 || System.nanoTime() < warmUntil; rep++) {
                RefinementResult t = AutoKnots.tabulate(EngineOverheadBenchmark.SIN, b.options);
                if (r == null || t.engineNanos() < r.engineNanos()) {
                    r = t;
                }
            }
            // thread CPU time has a coarse clock on some systems: sum over runs of at least 2 s (the
            // calling thread's time: meaningful at concurrency 1 only)
            long cpu = 0;
            long fn = 0;
            long knotsDone = 0;
            long until = System.nanoTime() + 2_000_000_000L;
            do {
                long c0 = THREADS.getCurrentThreadCpuTime();
                RefinementResult t = AutoKnots.tabulate(EngineOverheadBenchmark.SIN, b.options);
                cpu += THREADS.getCurrentThreadCpuTime() - c0;
                fn += t.functionNanos();
                knotsDone += t.knots();
            } while (b.concurrency == 1 && System.nanoTime() < until);
            double cpuPerKnot = b.concurrency == 1 ? (double) (cpu - fn) / knotsDone : Double.NaN;
            double[] row = e.getValue();
            double perKnot = (row[0] - row[2]) * 1e6 / r.knots();
            sb.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %.2f (%.2f) | %.2f | %.0f | %.0f | %s |%n",
                    b.knots, b.concurrency, r.knots(), r.evaluations(), row[0], row[1], row[2], perKnot,
                    (double) r.engineNanos() / r.knots(),
                    Double.isNaN(cpuPerKnot) ? "–" : String.format(Locale.ROOT, "%.0f", cpuPerKnot)));
        }
        eval.append("\n| spline | knots | CPU ns per value(x) (thread CPU time, best of 5 × 20 sweeps) |\n|---|---:|---:|\n");
        for (String scale : new String[] {"linear", "log"}) {
            for (int knots : new int[] {10_000, 1_000_000}) {
                SplineEvaluationBenchmark b = new SplineEvaluationBenchmark();
                b.knots = knots;
                b.scale = scale;
                b.setup();
                double best = Double.POSITIVE_INFINITY;
                double sink = 0;
                for (int rep = 0; rep < 10; rep++) {
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    for (int sweep = 0; sweep < 20; sweep++) {
                        sink += b.value();
                    }
                    double ns = (double) (THREADS.getCurrentThreadCpuTime() - c0) / (20.0 * SplineEvaluationBenchmark.POINTS);
                    if (rep >= 5) {
                        best = Math.min(best, ns);
                    }
                }
                eval.append(String.format(Locale.ROOT, "| %s | %d | %.1f |%n", scale, b.spline.size(), best));
                if (sink == 0.123) {
                    eval.append(' ');
                }
            }
        }
        return "## Engine overhead\n\n" + sb + "\n## Spline evaluation\n\n" + eval;
    }
}
