package org.autoknots.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.autoknots.api.Spline;
import org.autoknots.refine.AutoKnots;
import org.autoknots.refine.KnotScale;
import org.autoknots.refine.RefinementMode;
import org.autoknots.refine.RefinementOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Evaluation of a finished spline at random points (uniform in the knot-scale coordinate, drawn
 * in advance), nanoseconds per call. Splines: sin x on a linear range and a power law over 12
 * decades in log scale (graded knots, an oscillation of calibrated frequency on top), each with
 * about {@code knots} knots. Two ways: one {@code value(x)} call per point, and one
 * {@code values(x, out)} call over all points (the batch evaluation); both per point.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SplineEvaluationBenchmark {

    static final int POINTS = 1 << 16;

    @Param({"10000", "1000000"})
    public int knots;

    @Param({"linear", "log"})
    public String scale;

    Spline spline;
    double[] points;
    double[] out;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(42);
        points = new double[POINTS];
        out = new double[POINTS];
        if (scale.equals("linear")) {
            double l0 = 200 * Math.PI;
            int k0 = AutoKnots.tabulate(Math::sin, EngineOverheadBenchmark.options(l0)).knots();
            double length = l0 * knots / k0;
            spline = AutoKnots.tabulate(Math::sin, EngineOverheadBenchmark.options(length)).spline();
            for (int i = 0; i < POINTS; i++) {
                points[i] = rnd.nextDouble() * length;
            }
        } else {
            // x^-1.5·(1 + x)^-1·(2 + sin(k ln x)) over 1e-6 … 1e6 at rel 1e-8; the knots grow about
            // linearly with the frequency k, which is calibrated
            double k = 7;
            for (int step = 0; step < 3; step++) {
                k *= (double) knots / logSpline(k).size();
            }
            spline = logSpline(k);
            for (int i = 0; i < POINTS; i++) {
                points[i] = Math.min(1e6, Math.exp(Math.log(1e-6) + rnd.nextDouble() * Math.log(1e12)));
            }
        }
    }

    static Spline logSpline(double k) {
        return AutoKnots.tabulate(x -> Math.pow(x, -1.5) / (1 + x) * (2 + Math.sin(Math.log(x) * k)),
                RefinementOptions.builder(1e-6, 1e6).scale(KnotScale.LOG).rel(1e-8).concurrency(1)
                        .mode(RefinementMode.GRADED).build()).spline();
    }

    /** One call of value(x) per point. */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double value() {
        double s = 0;
        for (double x : points) {
            s += spline.value(x);
        }
        return s;
    }

    /** One call of values(x, out) over all points: nanoseconds per point. */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double[] values() {
        spline.values(points, out);
        return out;
    }
}
