package org.autoknots.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.autoknots.api.RealFunction;
import org.autoknots.refine.AutoKnots;
import org.autoknots.refine.RefinementMode;
import org.autoknots.refine.RefinementOptions;
import org.autoknots.refine.RefinementResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Engine overhead of a full tabulation (default graded mode) of a cheap f, f(x) = sin x on
 * [0, L] with rel = abs = 1e-8, L chosen so the result has about {@code knots} knots, at
 * concurrency 1 (everything on one thread) and 2 (f on two threads, and from 50 000 knots the end
 * of each pass too: merge and spline build beside the plan's work). The time of f is measured
 * separately ({@link #sinOnly}, one thread) and subtracted by {@link JmhMain}; the engine's own
 * account ({@link RefinementResult#engineNanos()}) is printed alongside.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EngineOverheadBenchmark {

    /** Knots per unit length of sin at rel = abs = 1e-8, measured once in {@link #setup}. */
    @Param({"10000", "100000", "1000000"})
    public int knots;

    @Param({"1", "2"})
    public int concurrency = 1;

    static final RealFunction SIN = Math::sin;

    RefinementOptions options;
    /** Points at which {@link #sinOnly} evaluates f: as many as the tabulation evaluates. */
    double[] points;

    /** @return options of a tabulation of sin on [0, length] at concurrency 1 */
    static RefinementOptions options(double length) {
        return options(length, 1);
    }

    /** @return options of a tabulation of sin on [0, length] */
    static RefinementOptions options(double length, int concurrency) {
        return RefinementOptions.builder(0, length).rel(1e-8).abs(1e-8).concurrency(concurrency)
                .mode(RefinementMode.GRADED).build();
    }

    /** Scales the range so the tabulation has about {@code knots} knots. */
    @Setup(Level.Trial)
    public void setup() {
        double l0 = 200 * Math.PI;
        RefinementResult probe = AutoKnots.tabulate(SIN, options(l0));
        double length = l0 * knots / probe.knots();
        options = options(length, concurrency);
        RefinementResult r = AutoKnots.tabulate(SIN, options);
        points = r.spline().knots();
    }

    /** A full tabulation. */
    @Benchmark
    public RefinementResult tabulate() {
        return AutoKnots.tabulate(SIN, options);
    }

    /** f alone, at the knots of the tabulation: the function time to subtract. */
    @Benchmark
    public double sinOnly() {
        double s = 0;
        for (double x : points) {
            s += SIN.value(x);
        }
        return s;
    }
}
