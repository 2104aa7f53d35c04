package org.autoknots.engine;

/**
 * Something the user should know that does not stop the work, e.g. an interval that could
 * not be resolved (a probable discontinuity) or a knot limit reached.
 *
 * @param message one line
 * @param x       where it happened, or NaN when it has no location
 */
public record Warning(String message, double x) implements EngineEvent {
}
