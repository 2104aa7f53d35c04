package org.autoknots.engine;

/**
 * One refinement pass is done.
 *
 * @param pass             the pass number, from 1
 * @param knots            knots after the pass
 * @param evaluations      evaluations of f so far (initial knots included)
 * @param openIntervals    intervals still to refine after the pass
 * @param worstErrorRatio  the largest |f − s|/(abs + rel·|f|) at this pass's test points
 *                         (against the previous pass's spline)
 */
public record PassFinished(int pass, int knots, long evaluations, int openIntervals, double worstErrorRatio)
        implements EngineEvent {
}
