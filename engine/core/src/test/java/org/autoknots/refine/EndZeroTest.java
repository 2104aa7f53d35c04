package org.autoknots.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.autoknots.engine.EngineEvent;
import org.autoknots.engine.RefinementFinished;
import org.autoknots.engine.Warning;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With abs = 0 and f = 0 at an end: a simple zero keeps the relative error bounded near it; a
 * zero of order two or more does not (the spline's end slope is rounding, not 0), and the
 * result must not say converged.
 */
class EndZeroTest {

    private static List<EngineEvent> refine(DoubleUnaryOperator f, double a, double b, RefinementMode mode) {
        return AutoKnots.refine(f::applyAsDouble, RefinementOptions.builder(a, b).rel(1e-8).abs(0).mode(mode).build())
                .collectList().block();
    }

    private static RefinementResult result(List<EngineEvent> events) {
        return ((RefinementFinished) events.get(events.size() - 1)).result();
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void aTripleZeroAtTheLowerEndIsNotConverged(RefinementMode mode) {
        List<EngineEvent> events = refine(x -> x * x * x, 0, 10, mode);
        RefinementResult r = result(events);
        assertFalse(r.converged(), r::toString);
        assertTrue(r.diagnosis().contains("vanishes at the end x = 0"), r::diagnosis);
        assertTrue(events.stream().anyMatch(e -> e instanceof Warning w && w.message().contains("set abs > 0")
                && w.x() == 0), events::toString);
        // the claim it avoids: at x = 1e-12 the spline is far from x³ in relative terms
        double s = r.spline().value(1e-12);
        assertTrue(Math.abs(s - 1e-36) > 1e-8 * 1e-36, () -> "s(1e-12) = " + s);
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void aDoubleZeroAtTheUpperEndIsNotConverged(RefinementMode mode) {
        RefinementResult r = result(refine(x -> (1 - x) * (1 - x) * Math.exp(x), -1, 1, mode));
        assertFalse(r.converged(), r::toString);
        assertTrue(r.diagnosis().contains("vanishes at the end x = 1"), r::diagnosis);
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void aSimpleZeroAtAnEndStillConverges(RefinementMode mode) {
        DoubleUnaryOperator f = x -> x * Math.exp(x);
        RefinementResult r = result(refine(f, 0, 2, mode));
        assertTrue(r.converged(), r::toString);
        // one probe beside the zero end, counted, not a knot
        assertEquals(r.knots() + 1, r.evaluations(), r::toString);
        for (double x : new double[] {1e-15, 1e-9, 1e-5, 0.3, 1.7}) {
            double fx = f.applyAsDouble(x);
            assertTrue(Math.abs(r.spline().value(x) - fx) <= 1e-8 * Math.abs(fx), () -> "at " + x);
        }
    }
}
