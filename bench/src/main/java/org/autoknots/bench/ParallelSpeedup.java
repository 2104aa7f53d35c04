package org.autoknots.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.autoknots.refine.AutoKnots;
import org.autoknots.refine.KnotScale;
import org.autoknots.refine.RefinementMode;
import org.autoknots.refine.RefinementOptions;
import org.autoknots.refine.RefinementResult;

/**
 * Wall time of one tabulation at concurrency 2 against concurrency 1, with an f that costs about
 * 1 ms ({@link EinastoProjection}, panel count calibrated on this machine), same knots both times
 * (checked). The tabulation is the Einasto Σ(R) on R ∈ [1e-2, 1e2], log knots, rel 1e-8, graded mode.
 * The machine's load average before the runs is reported: other processes make both figures
 * worse, concurrency 2 more so.
 */
public final class ParallelSpeedup {

    /** Target cost of one evaluation of f. */
    public static final double TARGET_MS = 1.0;

    private ParallelSpeedup() {
    }

    /**
     * @param msPerEval measured cost of one evaluation of f
     * @param knots knots of the tabulation (identical at both concurrencies)
     * @param secondsC1 wall times at concurrency 1, one per repetition
     * @param secondsC2 wall times at concurrency 2, one per repetition
     */
    public record Speedup(double msPerEval, int panels, int knots, double[] secondsC1, double[] secondsC2,
            String loadAverage, double machineRatio) {
        /** @return median(c2) / median(c1) */
        public double ratio() {
            return median(secondsC2) / median(secondsC1);
        }

        /** @return min(c2) / min(c1): the least disturbed runs */
        public double bestRatio() {
            return Arrays.stream(secondsC2).min().orElseThrow() / Arrays.stream(secondsC1).min().orElseThrow();
        }
    }

    /**
     * What the machine offers right now: wall time of two threads each doing one unit of pure
     * arithmetic, over one thread doing one unit. About 1.0 with two free cores, about 2.0 when
     * only one core's worth of CPU is available to this process. Best of 3.
     */
    static double machineRatio() {
        long n = 20_000_000L;
        spin(n / 10);
        double best = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            spin(n);
            double one = System.nanoTime() - t0;
            t0 = System.nanoTime();
            Thread other = new Thread(() -> spin(n));
            other.start();
            spin(n);
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
            double two = System.nanoTime() - t0;
            best = Math.min(best, two / one);
        }
        return best;
    }

    private static volatile double spinSink;

    private static void spin(long n) {
        double s = 0;
        for (long i = 0; i < n; i++) {
            s += Math.sin(i * 1e-7) * 1.0000001;
        }
        spinSink = s;
    }

    /** @return the 1-minute load average, or "n/a" */
    static String loadAverage() {
        double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", l);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** @return panels so that one evaluation costs about {@link #TARGET_MS}, and the measured cost */
    static double[] calibrate() {
        int panels = 200;
        EinastoProjection f = new EinastoProjection(0.18, panels);
        double sink = 0;
        for (int i = 0; i < 300; i++) {
            sink += f.value(0.01 + i * 0.3);
        }
        long t0 = System.nanoTime();
        int n = 200;
        for (int i = 0; i < n; i++) {
            sink += f.value(0.01 + i * 0.5);
        }
        double ms = (System.nanoTime() - t0) * 1e-6 / n;
        int p = Math.max(1, (int) Math.round(panels * TARGET_MS / ms));
        f = new EinastoProjection(0.18, p);
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += f.value(0.01 + i * 0.5);
        }
        double ms2 = (System.nanoTime() - t0) * 1e-6 / n;
        if (sink == 42) {
            System.out.print("");
        }
        return new double[] {p, ms2};
    }

    /**
     * @param repetitions runs at each concurrency (alternating 1, 2, 1, 2, …)
     * @throws IllegalStateException when the two concurrencies give different knots
     */
    public static Speedup measure(int repetitions) {
        double[] cal = calibrate();
        int panels = (int) cal[0];
        EinastoProjection f = new EinastoProjection(0.18, panels);
        String load = loadAverage();
        RefinementOptions.Builder base = RefinementOptions.builder(1e-2, 1e2).scale(KnotScale.LOG).rel(1e-8)
                .mode(RefinementMode.GRADED);
        // warm-up (JIT of the engine), not measured
        AutoKnots.tabulate(f, base.concurrency(2).build());
        double[] t1 = new double[repetitions];
        double[] t2 = new double[repetitions];
        double[] knots1 = null;
        double[] knots2 = null;
        int knots = 0;
        for (int r = 0; r < repetitions; r++) {
            long s = System.nanoTime();
            RefinementResult r1 = AutoKnots.tabulate(f, base.concurrency(1).build());
            t1[r] = (System.nanoTime() - s) * 1e-9;
            s = System.nanoTime();
            RefinementResult r2 = AutoKnots.tabulate(f, base.concurrency(2).build());
            t2[r] = (System.nanoTime() - s) * 1e-9;
            knots1 = r1.spline().knots();
            knots2 = r2.spline().knots();
            if (!Arrays.equals(knots1, knots2)) {
                throw new IllegalStateException("concurrency 1 and 2 gave different knots: " + knots1.length
                        + " vs " + knots2.length);
            }
            knots = r1.knots();
        }
        return new Speedup(cal[1], panels, knots, t1, t2, load, machineRatio());
    }

    /** @return the measurement as a Markdown table */
    public static String markdown(Speedup s) {
        List<String> c1 = new ArrayList<>();
        List<String> c2 = new ArrayList<>();
        for (int i = 0; i < s.secondsC1().length; i++) {
            c1.add(String.format(Locale.ROOT, "%.3f", s.secondsC1()[i]));
            c2.add(String.format(Locale.ROOT, "%.3f", s.secondsC2()[i]));
        }
        return "| f | ms per evaluation | knots | wall s, concurrency 1 | wall s, concurrency 2 | ratio of medians"
                + " | ratio of fastest | load average before | machine check: 2 threads × 1 unit / 1 thread × 1 unit |\n"
                + "|---|---:|---:|---|---|---:|---:|---:|---:|\n"
                + String.format(Locale.ROOT, "| Einasto Σ(R), α = 0.18, %d×20-point Gauss–Legendre | %.2f | %d | %s | %s | %.2f"
                        + " | %.2f | %s | %.2f |%n", s.panels(), s.msPerEval(), s.knots(), String.join(", ", c1),
                        String.join(", ", c2), s.ratio(), s.bestRatio(), s.loadAverage(), s.machineRatio());
    }
}
