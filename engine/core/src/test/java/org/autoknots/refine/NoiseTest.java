package org.autoknots.refine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A knot limit reached on noise is told apart from one reached on a smooth f that needs more
 * knots: with noise the result says so and estimates its size; with a smooth f it does not.
 */
class NoiseTest {

    /** Noise amplitude: f = sin x + NOISE·u(x), u uniform in [−1/2, 1/2), a hash of x's bits. */
    static final double NOISE = 2e-9;

    static double noisySin(double x) {
        long h = Double.doubleToLongBits(x) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        double u = (h >>> 11) * 0x1.0p-53 - 0.5;
        return Math.sin(x) + NOISE * u;
    }

    private static RefinementResult tabulate(DoubleUnaryOperator f, double a, double b, double rel, double abs,
            int maxKnots, RefinementMode mode) {
        return AutoKnots.tabulate(f::applyAsDouble,
                RefinementOptions.builder(a, b).rel(rel).abs(abs).maxKnots(maxKnots).mode(mode).build());
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void aToleranceBelowTheNoiseStopsAtTheLimitAndSaysTheNoiseIsTheCause(RefinementMode mode) {
        RefinementResult r = tabulate(NoiseTest::noisySin, 0.5, 1.5, 1e-12, 0, 40_000, mode);
        assertFalse(r.converged(), r::toString);
        assertTrue(r.noisy(), r::toString);
        // |u(x) − u(x')| for two independent uniforms has median 1 − 1/√2 ≈ 0.29 (of NOISE); the
        // spline mixes a few such values: the estimate is within a factor of 5 of that
        double expected = 0.29 * NOISE;
        assertTrue(r.noiseAbs() > expected / 5 && r.noiseAbs() < expected * 5, r::toString);
        // |f| is between sin 0.5 and 1 on the range
        assertTrue(r.noiseRel() >= r.noiseAbs() && r.noiseRel() <= r.noiseAbs() / Math.sin(0.5), r::toString);
        assertTrue(r.diagnosis().contains("f looks noisy"), r::diagnosis);
        assertTrue(r.diagnosis().contains("more knots cannot beat noise"), r::diagnosis);
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void aToleranceAboveTheNoiseIsMetOnAnIndependentGrid(RefinementMode mode) {
        double rel = 1e-7;
        RefinementResult r = tabulate(NoiseTest::noisySin, 0.5, 1.5, rel, 0, 1_000_000, mode);
        assertTrue(r.converged(), r::toString);
        assertFalse(r.noisy(), r::toString);
        Verify.Outcome v = Verify.check(NoiseTest::noisySin, r.spline(), 0.5, 1.5, false, rel, 0, 200_000, 17);
        assertTrue(v.ratio() <= 1, v::toString);
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void aSmoothFunctionThatNeedsMoreKnotsIsNotCalledNoisy(RefinementMode mode) {
        RefinementResult r = tabulate(x -> Math.sin(100 * x), -1, 1, 1e-12, 1e-12, 20_000, mode);
        assertFalse(r.converged(), r::toString);
        assertFalse(r.noisy(), r::toString);
        assertFalse(r.diagnosis().contains("noisy"), r::diagnosis);
        assertTrue(r.diagnosis().contains("knot limit reached"), r::diagnosis);
    }

    /**
     * An oscillation whose knots at the limit are too few to resolve it (500 periods, 20 knots
     * each, where about 80 are needed at 1e-8) misses by a steady amount from pass to pass, as
     * noise would; but it misses by as much as f itself, which noise does not.
     */
    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void anUnresolvedOscillationIsNotCalledNoisy(RefinementMode mode) {
        RefinementResult r = tabulate(x -> Math.sin(1000 * Math.PI * x), 0, 1, 1e-8, 1e-8, 10_000, mode);
        assertFalse(r.converged(), r::toString);
        assertFalse(r.noisy(), r::toString);
        assertFalse(r.diagnosis().contains("noisy"), r::diagnosis);
        assertTrue(r.diagnosis().contains("knot limit reached"), r::diagnosis);
    }
}
