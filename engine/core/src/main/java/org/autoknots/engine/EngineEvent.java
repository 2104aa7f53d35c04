package org.autoknots.engine;

/**
 * An immutable event of the reactive engine. A refinement emits one {@link PassFinished} per
 * pass, then zero or more {@link Warning}s (unresolved intervals, knot limit), then exactly one
 * {@link RefinementFinished}; pipelines add {@link StageStarted} / {@link StageFinished}.
 */
public sealed interface EngineEvent permits PassFinished, RefinementFinished, StageStarted, StageFinished, Warning {
}
