package org.autoknots.refine;

import org.autoknots.api.Spline;

/**
 * The seam between the engine loop ({@link AutoKnots}) and a refinement strategy. The engine
 * owns the knots, the values, the spline, the evaluations and the limits; a plan owns its
 * per-interval bookkeeping and decides where to evaluate next.
 *
 * <p>Per pass the engine calls {@link #propose}, evaluates f at the proposed points (in
 * parallel), evaluates the previous spline there, calls {@link #observe} and then merges the
 * points into the knots (every proposed point becomes a knot) and rebuilds the spline. The plan
 * must therefore rebuild its per-interval state for the merged knots in {@code observe}: old
 * interval i holding k proposed points becomes k + 1 consecutive intervals.
 */
interface RefinementPlan {

    /**
     * Test points in increasing order, each strictly inside the interval it names.
     *
     * @param x        increasing abscissae of the proposed points
     * @param interval index i of the knot interval [xᵢ, xᵢ₊₁] holding each point
     */
    record Proposal(double[] x, int[] interval) {
        static final Proposal EMPTY = new Proposal(new double[0], new int[0]);

        int size() {
            return x.length;
        }
    }

    /** Called once with the initial knots, their values and spline. */
    void start(double[] x, double[] y, Spline s);

    /**
     * Optional head start on the next {@link #propose} for the same knots: work that needs the
     * knots and values but not the spline. The engine may call it while the spline is being
     * built on another thread; propose must give the same result whether or not it was called.
     */
    default void prepare(double[] x, double[] y) {
    }

    /**
     * Called on the engine's helper thread (at concurrency ≥ 2) once it has built the spline,
     * while {@link #prepare} may be running: a plan may hand it part of that work. Must return
     * when there is none.
     */
    default void assist() {
    }

    /**
     * @return the points to evaluate next; empty when the plan is finished (everything
     *         accepted or unresolved, refine rounds spent). Never a point equal to a knot.
     */
    Proposal propose(double[] x, double[] y, Spline s);

    /**
     * The results of the proposal.
     *
     * @param x, y, s the knots, values and spline the proposal was made for
     * @param f       f at the proposed points
     * @param sOld    s at the proposed points
     */
    void observe(double[] x, double[] y, Spline s, Proposal p, double[] f, double[] sOld);

    /** @return intervals still to refine */
    int openIntervals();

    /** @return the largest |f − s|/tolerance over the last observed points (NaN before any) */
    double worstErrorRatio();

    /** @return x locations of the clusters of unresolved intervals, increasing */
    double[] unresolved(double[] x);

    /** @return plateau refine rounds that reopened at least one interval */
    int refineRounds();
}
