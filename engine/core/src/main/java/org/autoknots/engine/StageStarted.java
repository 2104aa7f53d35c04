package org.autoknots.engine;

/**
 * A pipeline stage began.
 *
 * @param stageId     the stage's id
 * @param description one line for progress displays
 */
public record StageStarted(String stageId, String description) implements EngineEvent {
}
