package org.autoknots.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.autoknots.engine.EngineEvent;
import org.autoknots.engine.RefinementFinished;
import org.autoknots.engine.Warning;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Knots that all land where a periodic f takes one value (zeros of sin x at multiples of π)
 * must not pass for a converged table of a constant.
 */
class AliasTest {

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void sinOnAMultipleOfItsPeriodIsTabulatedNotTakenForZero(RefinementMode mode) {
        double b = 20 * Math.PI;
        double tol = 1e-8;
        List<EngineEvent> events = new ArrayList<>();
        AutoKnots.refine(Math::sin, RefinementOptions.builder(0, b).rel(tol).abs(tol).mode(mode).build())
                .doOnNext(events::add).blockLast();
        RefinementResult r = ((RefinementFinished) events.get(events.size() - 1)).result();
        assertTrue(r.converged(), r::toString);
        // sin needs far more than the 11 knots on which it is 0: h ≈ (384·tol)^(1/4) ≈ 0.014
        assertTrue(r.knots() > 500, r::toString);
        Verify.Outcome v = Verify.check(Math::sin, r.spline(), 0, b, false, tol, tol, 200_000, 5);
        assertTrue(v.ratio() <= 1, v::toString);
    }

    /** With abs = 0: sin at multiples of 2π is rounding that grows linearly, which a cubic fits exactly. */
    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void sinOnAMultipleOfItsPeriodWithAPureRelativeToleranceIsNotTakenForConverged(RefinementMode mode) {
        RefinementResult r = AutoKnots.tabulate(Math::sin,
                RefinementOptions.builder(0, 20 * Math.PI).rel(1e-6).abs(0).mode(mode).build());
        // it crosses 0: a pure relative tolerance cannot be met, and the result must say so
        assertTrue(!r.converged() && r.zeroCrossings().length >= 19, r::toString);
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void aConstantStillConvergesOnFewKnots(RefinementMode mode) {
        RefinementResult r = AutoKnots.tabulate(x -> 2.5,
                RefinementOptions.builder(-1, 3).rel(1e-10).abs(0).mode(mode).build());
        assertTrue(r.converged(), r::toString);
        assertTrue(r.knots() < 40, r::toString);
        // one probe inside each interval, no more
        assertEquals(2 * r.knots() - 1, r.evaluations(), r::toString);
        assertEquals(2.5, r.spline().value(0.123), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void aCubicStillConvergesOnFewKnots(RefinementMode mode) {
        RefinementResult r = AutoKnots.tabulate(x -> 1 + x * (2 - x * (3 - x)),
                RefinementOptions.builder(-1, 3).rel(1e-10).abs(1e-10).mode(mode).build());
        assertTrue(r.converged(), r::toString);
        assertTrue(r.knots() < 40 && r.evaluations() <= 2 * r.knots() - 1, r::toString);
        double x = 0.123;
        assertEquals(1 + x * (2 - x * (3 - x)), r.spline().value(x), 1e-12);
    }
}
