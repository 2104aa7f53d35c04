package org.autoknots.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.autoknots.api.RealFunction;
import org.autoknots.engine.EngineEvent;
import org.autoknots.engine.PassFinished;
import org.autoknots.engine.RefinementFinished;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

/** The reactive contract: event sequence, completion, pull-driven cancellation, errors. */
class AutoKnotsStreamTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static RefinementOptions runge(RefinementMode mode) {
        return RefinementOptions.builder(-1, 1).rel(1e-6).mode(mode).build();
    }

    private static final RealFunction RUNGE = x -> 1 / (1 + 25 * x * x);

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void onePassFinishedPerPassThenOneResultThenCompletion(RefinementMode mode) {
        List<PassFinished> passes = new ArrayList<>();
        RefinementFinished[] done = new RefinementFinished[1];
        StepVerifier.create(AutoKnots.refine(RUNGE, runge(mode)))
                .recordWith(ArrayList::new)
                .thenConsumeWhile(e -> e instanceof PassFinished, e -> passes.add((PassFinished) e))
                .assertNext(e -> done[0] = assertInstanceOf(RefinementFinished.class, e))
                .expectComplete()
                .verify(TIMEOUT);
        RefinementResult r = done[0].result();
        assertEquals(r.passes(), passes.size());
        for (int i = 0; i < passes.size(); i++) {
            PassFinished p = passes.get(i);
            assertEquals(i + 1, p.pass());
            assertEquals(p.knots(), p.evaluations(), "every evaluation is a knot");
            if (i > 0) {
                assertTrue(p.evaluations() > passes.get(i - 1).evaluations());
            }
        }
        PassFinished last = passes.get(passes.size() - 1);
        assertEquals(0, last.openIntervals());
        assertEquals(last.evaluations(), r.evaluations());
        assertEquals(last.knots(), r.knots());
        assertTrue(r.converged());
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void cancellingAfterTwoPassesMeansExactlyTwoPassesWereEvaluated(RefinementMode mode) {
        AtomicLong calls = new AtomicLong();
        RealFunction counted = x -> {
            calls.incrementAndGet();
            return RUNGE.value(x);
        };
        long[] seen = new long[1];
        StepVerifier.create(AutoKnots.refine(counted, runge(mode)), 0)
                .thenRequest(1)
                .assertNext(e -> assertEquals(1, ((PassFinished) e).pass()))
                .then(() -> assertEquals(calls.get(), seen[0] = calls.get()))
                .thenRequest(1)
                .assertNext(e -> {
                    PassFinished p = (PassFinished) e;
                    assertEquals(2, p.pass());
                    seen[0] = p.evaluations();
                })
                .thenCancel()
                .verify(TIMEOUT);
        assertEquals(seen[0], calls.get(), "nothing evaluated beyond the second pass");
        RefinementResult full = AutoKnots.tabulate(RUNGE, runge(mode));
        assertTrue(full.evaluations() > calls.get(), "the refinement had more to do");
    }

    @Test
    void takeLimitsTheWorkToTheRequestedPasses() {
        AtomicLong calls = new AtomicLong();
        List<EngineEvent> got = AutoKnots.refine(x -> {
            calls.incrementAndGet();
            return Math.sin(100 * x);
        }, RefinementOptions.builder(-1, 1).abs(1e-6).mode(RefinementMode.PAPER).build()).take(3).collectList().block(TIMEOUT);
        assertEquals(3, got.size());
        assertEquals(((PassFinished) got.get(2)).evaluations(), calls.get());
    }

    @Test
    void nothingRunsBeforeSubscription() {
        AtomicLong calls = new AtomicLong();
        AutoKnots.refine(x -> {
            calls.incrementAndGet();
            return x;
        }, runge(RefinementMode.GRADED));
        assertEquals(0, calls.get());
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void nonFiniteValueArrivesAsOnError(RefinementMode mode) {
        StepVerifier.create(AutoKnots.refine(x -> x > 0.5 ? Double.NEGATIVE_INFINITY : x, runge(mode)))
                .expectErrorSatisfies(e -> {
                    FunctionEvaluationException fe = assertInstanceOf(FunctionEvaluationException.class, e);
                    assertTrue(fe.x() > 0.5);
                    assertTrue(e.getMessage().contains("-Infinity") && e.getMessage().contains("x = " + fe.x()));
                })
                .verify(TIMEOUT);
    }

    @Test
    void anExceptionFromTheFunctionArrivesUnchanged() {
        IllegalStateException boom = new IllegalStateException("quadrature failed");
        StepVerifier.create(AutoKnots.refine(x -> {
            if (x > 0.3) {
                throw boom;
            }
            return x;
        }, runge(RefinementMode.GRADED)))
                .expectErrorSatisfies(e -> assertSame(boom, e))
                .verify(TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void tabulateGivesTheStreamsResult(RefinementMode mode) {
        RefinementResult blocking = AutoKnots.tabulate(RUNGE, runge(mode));
        RefinementFinished last = (RefinementFinished) AutoKnots.refine(RUNGE, runge(mode)).blockLast(TIMEOUT);
        assertArrayEquals(blocking.spline().knots(), last.result().spline().knots());
        assertArrayEquals(blocking.spline().values(), last.result().spline().values());
        assertEquals(blocking.evaluations(), last.result().evaluations());
        assertTrue(blocking.functionNanos() >= 0 && blocking.engineNanos() >= 0);
    }

    @Test
    void eachSubscriptionRunsItsOwnRefinement() {
        AtomicLong calls = new AtomicLong();
        var flux = AutoKnots.refine(x -> {
            calls.incrementAndGet();
            return Math.exp(x);
        }, RefinementOptions.builder(0, 1).build());
        RefinementFinished a = (RefinementFinished) flux.blockLast(TIMEOUT);
        RefinementFinished b = (RefinementFinished) flux.blockLast(TIMEOUT);
        assertEquals(a.result().evaluations() + b.result().evaluations(), calls.get());
        assertArrayEquals(a.result().spline().knots(), b.result().spline().knots());
    }
}
