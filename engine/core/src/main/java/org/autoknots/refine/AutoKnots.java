package org.autoknots.refine;

import java.util.Objects;
import org.autoknots.api.RealFunction;
import org.autoknots.engine.EngineEvent;
import org.autoknots.engine.RefinementFinished;
import reactor.core.publisher.Flux;

/**
 * Adaptive spline tabulation of a function of one variable: places knots until the spline
 * meets |f − s| ≤ abs + rel·|f|, keeping every evaluation as a knot.
 *
 * <p>The {@link RefinementMode#PAPER paper} mode is the AutoKnots method of S. D. P. Vitenti and
 * M. Penna-Lima, "AutoKnots: Adaptive Knot Allocation for Spline Interpolation",
 * arXiv:2412.13423 (NumCosmo's {@code ncm_spline_func}): bisection of open intervals in the knot
 * scale with point and Simpson-integral tests against the previous pass's spline, plus the
 * plateau "refine" rounds. The {@link RefinementMode#GRADED graded} mode predicts each interval's
 * error from fourth divided differences and splits it in as many pieces as needed. Both add the
 * guards of {@code docs/autoknots.md}: a width floor (intervals below it are reported as
 * unresolved), a knot limit (stop with {@code converged = false}), errors for non-finite f, and
 * no evaluation outside [a, b] or at an existing knot. With a pure relative tolerance (abs = 0) a
 * zero of f inside the range makes the result not converged, with the places in
 * {@link RefinementResult#zeroCrossings()} and the reason in {@link RefinementResult#diagnosis()}
 * (policy and the case of a zero at an end: {@link ZeroSites}).
 *
 * <p>The refinement is a pull-driven {@link Flux}: one {@link org.autoknots.engine.PassFinished}
 * per pass (a pass runs only when the subscriber requests it, so cancelling after k passes means
 * exactly k passes were evaluated), then a {@link org.autoknots.engine.Warning} per unresolved
 * location and for a reached knot limit, then one {@link RefinementFinished}. Each subscription
 * runs its own refinement on the subscribing thread; the test points of a pass are evaluated in
 * parallel, at most {@link RefinementOptions#concurrency()} at once, with results independent of
 * the concurrency.
 */
public final class AutoKnots {

    private AutoKnots() {
    }

    /**
     * @return the refinement as a cold, pull-driven stream of events (see the class comment);
     *         errors (a {@link FunctionEvaluationException}, or what f throws) arrive as onError
     */
    public static Flux<EngineEvent> refine(RealFunction f, RefinementOptions o) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(o, "options");
        return Flux.generate(() -> new Refinement(f, o), (state, sink) -> {
            state.step(sink);
            return state;
        });
    }

    /**
     * Blocking form of {@link #refine}: runs it to the end on the calling thread.
     *
     * @return the result carried by the final event
     * @throws FunctionEvaluationException when f returns NaN or an infinity
     */
    public static RefinementResult tabulate(RealFunction f, RefinementOptions o) {
        EngineEvent last = refine(f, o).filter(e -> e instanceof RefinementFinished).blockLast();
        if (!(last instanceof RefinementFinished done)) {
            throw new IllegalStateException("refinement ended without a result");
        }
        return done.result();
    }
}
