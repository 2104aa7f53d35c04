package org.autoknots.engine;

/**
 * A pipeline stage ended.
 *
 * @param stageId the stage's id
 * @param seconds wall time it took
 */
public record StageFinished(String stageId, double seconds) implements EngineEvent {
}
