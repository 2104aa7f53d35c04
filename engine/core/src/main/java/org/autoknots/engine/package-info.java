/**
 * The events of the reactive engine: immutable records of the sealed
 * {@link org.autoknots.engine.EngineEvent}, streamed by {@link org.autoknots.refine.AutoKnots#refine}
 * and by pipelines.
 */
package org.autoknots.engine;
