package org.autoknots.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.function.Consumer;
import org.autoknots.engine.EngineEvent;
import org.autoknots.engine.PassFinished;
import org.autoknots.engine.RefinementFinished;
import org.autoknots.engine.StageFinished;
import org.autoknots.engine.StageStarted;
import org.autoknots.engine.Warning;
import org.autoknots.refine.RefinementResult;

/**
 * {@code --events ndjson}: one JSON object per engine event and line, for tools. Every object has
 * {@code event} ({@code stage_started}, {@code pass}, {@code warning}, {@code result},
 * {@code validation}, {@code stage_finished}, {@code error}) and {@code stage} (the current stage
 * id, {@code stage/quantity} inside a project stage); a warning its {@code message}, with the
 * engine's option names spelled as in a pipeline file ({@code max-knots}, as in the plain progress
 * lines), and {@code x} where it applies; a result carries the statistics, not the
 * spline; a validation its figures ({@code passed}, per quantity {@code max_rel_error} and
 * {@code at}); an error its {@code message}. An error event is the last line of a run that failed
 * or was interrupted (Ctrl-C): nothing is written after it.
 */
public final class EventJson implements Consumer<EngineEvent> {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintWriter out;
    private String current = "";
    private boolean ended;

    public EventJson(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(EngineEvent e) {
        if (ended) {
            return;
        }
        out.println(toJson(e).toString());
        out.flush();
    }

    /** @return the event as a JSON object */
    public ObjectNode toJson(EngineEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        if (e instanceof StageStarted s) {
            current = s.stageId();
            n.put("event", "stage_started").put("stage", s.stageId()).put("description", s.description());
        } else if (e instanceof PassFinished p) {
            n.put("event", "pass").put("stage", current).put("pass", p.pass()).put("knots", p.knots())
                    .put("evaluations", p.evaluations()).put("open_intervals", p.openIntervals());
            number(n, "worst_error_ratio", p.worstErrorRatio());
        } else if (e instanceof Warning w) {
            // option names as the pipeline spells them (max-knots), like the plain progress lines
            n.put("event", "warning").put("stage", current).put("message", Outcomes.userWords(w.message(), false));
            number(n, "x", w.x());
        } else if (e instanceof RefinementFinished f) {
            n.put("event", "result").put("stage", current);
            result(n, f.result());
        } else if (e instanceof StageFinished f) {
            n.put("event", "stage_finished").put("stage", f.stageId()).put("seconds", f.seconds());
        }
        return n;
    }

    /** Writes a {@code validation} event: the figures of a finished validate stage. */
    public synchronized void validation(String stage, Outcomes.Validation v) {
        if (ended) {
            return;
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put("event", "validation").put("stage", stage).put("input", v.input()).put("against", v.against())
                .put("passed", v.passed()).put("max_rel_error_allowed", v.maxAllowed()).put("points", v.points())
                .put("skipped_rows", v.skippedRows());
        ObjectNode qs = n.putObject("quantities");
        v.quantities().forEach((k, e) -> {
            ObjectNode q = qs.putObject(k);
            number(q, "max_rel_error", e.maxRelError());
            number(q, "at", e.at());
        });
        out.println(n.toString());
        out.flush();
    }

    /**
     * Writes an {@code error} event: the run failed or was interrupted. It ends the stream: later
     * events, and a second error, are not written.
     */
    public synchronized void error(String stage, String message) {
        if (ended) {
            return;
        }
        ended = true;
        ObjectNode n = MAPPER.createObjectNode();
        n.put("event", "error").put("stage", stage != null ? stage : current).put("message", message);
        out.println(n.toString());
        out.flush();
    }

    /** Puts the statistics of a result into {@code n}. */
    static void result(ObjectNode n, RefinementResult r) {
        n.put("knots", r.knots()).put("evaluations", r.evaluations()).put("passes", r.passes())
                .put("refine_rounds", r.refineRounds()).put("converged", r.converged());
        number(n, "worst_error_ratio", r.worstErrorRatio());
        ArrayNode u = n.putArray("unresolved");
        for (double x : r.unresolved()) {
            u.add(x);
        }
        n.put("function_seconds", r.functionNanos() * 1e-9).put("engine_seconds", r.engineNanos() * 1e-9);
    }

    /** JSON has no NaN or infinity: those become null. */
    static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
