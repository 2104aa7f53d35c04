package org.autoknots.engine;

import java.util.Objects;
import org.autoknots.refine.RefinementResult;

/**
 * The refinement is over; the last event of its stream.
 *
 * @param result the spline and the statistics
 */
public record RefinementFinished(RefinementResult result) implements EngineEvent {
    public RefinementFinished {
        Objects.requireNonNull(result, "result");
    }
}
