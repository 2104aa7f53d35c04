package org.autoknots.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The refinement battery of issue 2, in both modes: each result is verified on an independent
 * jittered grid of 100 000+ points, and its evaluation count is held to a budget. Budgets are the
 * counts measured when the test was written plus about 15 %; N* (the asymptotic minimum of an
 * optimally graded cubic spline, {@code docs/autoknots.md}) is given where known, from
 * {@code shared/reference/battery_nstar.csv} or computed in closed form here.
 */
class RefinementCasesTest {

    static final int GRID = 100_000;

    /** name, f, a, b, log scale, rel, abs, paper budget, graded budget. */
    static Stream<Arguments> battery() {
        DoubleUnaryOperator peak = x -> {
            double s = x == 0 ? 1 : Math.sin(50 * x) / (50 * x);
            return 0.5 * Math.exp(x) + s * s;
        };
        return Stream.of(
                // N* = 21.4: paper 47, graded 28
                Arguments.of("exp", (DoubleUnaryOperator) Math::exp, -1.0, 1.0, false, 1e-6, 0.0, 55, 33),
                // N* = 116: paper 209, graded 157
                Arguments.of("runge", (DoubleUnaryOperator) x -> 1 / (1 + 25 * x * x), -1.0, 1.0, false, 1e-6, 0.0, 240, 180),
                // N* = 1620: paper 2585, graded 2133
                Arguments.of("sin100", (DoubleUnaryOperator) x -> Math.sin(100 * x), -1.0, 1.0, false, 1e-6, 1e-6, 2900, 2400),
                // N* = 69.9: paper 269, graded 129
                Arguments.of("tanh50", (DoubleUnaryOperator) x -> Math.tanh(50 * (x - 0.3)), -1.0, 1.0, false, 1e-6, 1e-6, 310, 150),
                // N* = 1790 (closed form, see nStarPowerLaw): paper 2569, graded 2277
                Arguments.of("x^-2.5 log", (DoubleUnaryOperator) x -> Math.pow(x, -2.5), 1e-3, 1e3, true, 1e-8, 0.0, 2950, 2600),
                // N* = 2012: paper 5123, graded 2220
                Arguments.of("nfw log", (DoubleUnaryOperator) r -> 1 / (r * (1 + r) * (1 + r)), 1e-4, 1e4, true, 1e-8, 0.0, 5900, 2550),
                // paper 441, graded 400
                Arguments.of("exp+sinc^2 1e-6", peak, 0.0, 1.0, false, 1e-6, 0.0, 510, 460),
                // paper 1501, graded 777
                Arguments.of("exp+sinc^2 1e-8", peak, 0.0, 1.0, false, 1e-8, 0.0, 1730, 900));
    }

    @ParameterizedTest(name = "{0} ({9})")
    @MethodSource("batteryBothModes")
    void meetsToleranceOnIndependentGridWithinBudget(String name, DoubleUnaryOperator g, double a, double b,
            boolean log, double rel, double abs, int paperBudget, int gradedBudget, RefinementMode mode) {
        AtomicLong calls = new AtomicLong();
        RefinementOptions o = RefinementOptions.builder(a, b).scale(log ? KnotScale.LOG : KnotScale.LINEAR).rel(rel)
                .abs(abs).mode(mode).build();
        RefinementResult r = AutoKnots.tabulate(x -> {
            calls.incrementAndGet();
            return g.applyAsDouble(x);
        }, o);
        assertTrue(r.converged(), () -> name + ": " + r);
        assertEquals(calls.get(), r.evaluations(), "every evaluation is counted");
        assertEquals(r.evaluations(), r.knots(), "every evaluation is a knot");
        int budget = mode == RefinementMode.PAPER ? paperBudget : gradedBudget;
        assertTrue(r.evaluations() <= budget, () -> name + " " + mode + ": " + r.evaluations() + " evaluations > budget " + budget);
        Verify.Outcome v = Verify.check(g, r.spline(), a, b, log, rel, abs, GRID, 7);
        assertTrue(v.ratio() <= 1.0, () -> name + " " + mode + ": " + v);
        assertEquals(a, r.spline().lower());
        assertEquals(b, r.spline().upper());
    }

    static Stream<Arguments> batteryBothModes() {
        return battery().flatMap(args -> Stream.of(RefinementMode.values()).map(m -> {
            Object[] in = args.get();
            Object[] out = java.util.Arrays.copyOf(in, in.length + 1);
            out[in.length] = m;
            return Arguments.of(out);
        }));
    }

    /** N* for x^-2.5 at rel 1e-8: f⁗/f = 2.5·3.5·4.5·5.5/x⁴, so N* = (5·216.5625/(384·1e-8))^¼·ln(10⁶). */
    @org.junit.jupiter.api.Test
    void gradedIsWithinOnePointFourOfTheLowerBoundForThePowerLaw() {
        double nStar = Math.pow(5 * 216.5625 / (384 * 1e-8), 0.25) * Math.log(1e6);
        RefinementResult r = AutoKnots.tabulate(x -> Math.pow(x, -2.5), RefinementOptions.builder(1e-3, 1e3)
                .scale(KnotScale.LOG).rel(1e-8).mode(RefinementMode.GRADED).build());
        assertTrue(r.evaluations() <= 1.4 * nStar, () -> r.evaluations() + " evaluations vs N* = " + nStar);
    }

    /**
     * sin x on [0, 20π]: the initial knots and all midpoints sit on multiples of π, where sin
     * vanishes. The published method alone takes that for a converged table of 0 (its documented
     * failure); the engine's probe of degenerate knot values (see {@link AliasTest}) restarts it off
     * that grid, so both modes now meet the tolerance, the graded mode with at most 2000 evaluations.
     */
    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void bothModesFindWhatThePaperMethodAloneMissesOnAPeriodicFunction(RefinementMode mode) {
        double b = 20 * Math.PI;
        RefinementResult r = AutoKnots.tabulate(Math::sin, RefinementOptions.builder(0, b).rel(1e-8).abs(1e-8).mode(mode).build());
        Verify.Outcome v = Verify.check(Math::sin, r.spline(), 0, b, false, 1e-8, 1e-8, GRID, 11);
        assertTrue(r.converged(), r::toString);
        assertTrue(v.ratio() <= 1, v::toString);
        if (mode == RefinementMode.GRADED) {
            assertTrue(r.evaluations() <= 2000, () -> "" + r.evaluations());
        }
    }

    /** Random smooth functions (fixed seeds): sums of a few sinusoids and a Gaussian bump. */
    static Stream<Arguments> randomSmooth() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (RefinementMode mode : RefinementMode.values()) {
            for (long seed = 1; seed <= 12; seed++) {
                s.add(Arguments.of(seed, mode));
            }
        }
        return s.build();
    }

    @ParameterizedTest(name = "seed {0} {1}")
    @MethodSource("randomSmooth")
    void randomSmoothFunctionsMeetTheTolerance(long seed, RefinementMode mode) {
        Random rnd = new Random(seed);
        int terms = 1 + rnd.nextInt(3);
        double[] amp = new double[terms];
        double[] freq = new double[terms];
        double[] phase = new double[terms];
        for (int k = 0; k < terms; k++) {
            amp[k] = 0.1 + rnd.nextDouble();
            freq[k] = 0.5 + 9.5 * rnd.nextDouble();
            phase[k] = 2 * Math.PI * rnd.nextDouble();
        }
        double c = 0.1 + 0.8 * rnd.nextDouble();
        double width = 0.05 + 0.2 * rnd.nextDouble();
        double offset = rnd.nextDouble() * 2;
        DoubleUnaryOperator g = x -> {
            double v = offset + Math.exp(-0.5 * (x - c) * (x - c) / (width * width));
            for (int k = 0; k < terms; k++) {
                v += amp[k] * Math.sin(freq[k] * x + phase[k]);
            }
            return v;
        };
        double rel = 1e-7;
        double abs = 1e-7;
        RefinementResult r = AutoKnots.tabulate(g::applyAsDouble,
                RefinementOptions.builder(0, 1).rel(rel).abs(abs).mode(mode).build());
        assertTrue(r.converged());
        assertTrue(r.evaluations() <= 2000, () -> "" + r);
        Verify.Outcome v = Verify.check(g, r.spline(), 0, 1, false, rel, abs, GRID, seed + 100);
        assertTrue(v.ratio() <= 1, () -> "seed " + seed + " " + mode + ": " + v);
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void logScaleOverSixHundredDecadesKeepsBothEndsExact(RefinementMode mode) {
        double a = 1e-300;
        double b = 1e300;
        RefinementResult r = AutoKnots.tabulate(Math::log, RefinementOptions.builder(a, b).scale(KnotScale.LOG)
                .rel(1e-6).abs(1e-6).mode(mode).build());
        assertTrue(r.converged(), r::toString);
        double[] k = r.spline().knots();
        assertEquals(a, k[0]);
        assertEquals(b, k[k.length - 1]);
        assertEquals(Math.log(a), r.spline().value(a));
        assertEquals(Math.log(b), r.spline().value(b));
        assertTrue(r.evaluations() <= 13_500, () -> "" + r.evaluations());
        Verify.Outcome v = Verify.check(Math::log, r.spline(), a, b, true, 1e-6, 1e-6, GRID, 5);
        assertTrue(v.ratio() <= 1, v::toString);
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void asinhScaleResolvesASignedRangeOverManyDecades(RefinementMode mode) {
        // f = x/(1 + |x|) would kink at 0; use the smooth odd f = x/sqrt(1 + x²) on [-1e4, 1e4]
        DoubleUnaryOperator g = x -> x / Math.sqrt(1 + x * x);
        RefinementResult r = AutoKnots.tabulate(g::applyAsDouble, RefinementOptions.builder(-1e4, 1e4)
                .scale(KnotScale.ASINH).asinhScale(1.0).rel(1e-6).abs(1e-9).mode(mode).build());
        assertTrue(r.converged(), r::toString);
        assertTrue(r.evaluations() <= 1500, () -> "" + r.evaluations());
        Verify.Outcome v = Verify.check(g, r.spline(), -1e4, 1e4, false, 1e-6, 1e-9, GRID, 3);
        assertTrue(v.ratio() <= 1, v::toString);
        Verify.Outcome near = Verify.check(g, r.spline(), -10, 10, false, 1e-6, 1e-9, GRID, 4);
        assertTrue(near.ratio() <= 1, near::toString);
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void naturalSplineKindAlsoMeetsTheTolerance(RefinementMode mode) {
        RefinementResult r = AutoKnots.tabulate(Math::exp, RefinementOptions.builder(-1, 1).rel(1e-6)
                .spline(new org.autoknots.spline.NaturalCubicSpline()).mode(mode).build());
        assertTrue(r.converged());
        Verify.Outcome v = Verify.check(Math::exp, r.spline(), -1, 1, false, 1e-6, 0, GRID, 9);
        assertTrue(v.ratio() <= 1, v::toString);
        assertFalse(r.evaluations() > 400, () -> "" + r.evaluations());
    }
}
