package org.autoknots.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;
import org.autoknots.engine.EngineEvent;
import org.autoknots.engine.PassFinished;
import org.autoknots.engine.RefinementFinished;
import org.autoknots.engine.StageFinished;
import org.autoknots.engine.StageStarted;
import org.autoknots.engine.Warning;
import org.autoknots.refine.RefinementResult;

/**
 * Progress on stderr: a live status line rewritten in place on a terminal, plain lines
 * otherwise (one per stage start/finish, table and warning), or nothing.
 */
public final class Progress implements Consumer<EngineEvent> {

    /** How progress is shown. */
    public enum Mode {
        /** live on a terminal, plain otherwise */
        AUTO,
        /** one line per stage, table and warning */
        PLAIN,
        /** silent */
        NONE,
        /** a status line rewritten in place */
        LIVE
    }

    private final PrintWriter err;
    private final Mode mode;
    private String current = "";
    private boolean lineOpen;
    private boolean dashes;

    /**
     * @param err  where to write
     * @param mode AUTO picks LIVE when a console is attached and TERM is not "dumb"
     */
    public Progress(PrintWriter err, Mode mode) {
        this.err = err;
        if (mode == Mode.AUTO) {
            String term = System.getenv("TERM");
            mode = System.console() != null && term != null && !term.equals("dumb") ? Mode.LIVE : Mode.PLAIN;
        }
        this.mode = mode;
    }

    /**
     * Sets the label shown before the first stage starts (the function or formula of
     * {@code autoknots tabulate}, which has no stages); the engine's option names in warnings
     * are then spelled as command-line options ({@code --max-knots}).
     *
     * @return this
     */
    public Progress label(String label) {
        this.current = label;
        this.dashes = true;
        return this;
    }

    /** @return the resolved mode (never AUTO) */
    public Mode mode() {
        return mode;
    }

    @Override
    public void accept(EngineEvent e) {
        if (mode == Mode.NONE) {
            return;
        }
        if (e instanceof StageStarted s) {
            current = s.stageId();
            if (!s.stageId().contains("/")) {
                line("[" + s.stageId() + "] " + s.description());
            }
        } else if (e instanceof PassFinished p) {
            if (mode == Mode.LIVE) {
                status(String.format(Locale.ROOT, "[%s] pass %d: %d knots, %d evaluations, %d open, worst error/tol %.3g",
                        current, p.pass(), p.knots(), p.evaluations(), p.openIntervals(), p.worstErrorRatio()));
            }
        } else if (e instanceof RefinementFinished f) {
            RefinementResult r = f.result();
            line(String.format(Locale.ROOT, "[%s] %d knots, %d evaluations, %s, %s", current, r.knots(),
                    r.evaluations(), Outcomes.count(r.passes(), "pass", "passes"), r.converged() ? "converged" : "NOT converged (worst error/tol "
                            + String.format(Locale.ROOT, "%.3g", r.worstErrorRatio()) + ")"));
        } else if (e instanceof Warning w) {
            line("[" + current + "] warning: " + Outcomes.userWords(w.message(), dashes) + (Double.isNaN(w.x()) ? "" : " (x = " + org.autoknots.refine.Numbers.shortest(w.x()) + ")"));
        } else if (e instanceof StageFinished f) {
            if (!f.stageId().contains("/")) {
                line(String.format(Locale.ROOT, "[%s] done in %.2f s", f.stageId(), f.seconds()));
            }
        }
    }

    private void status(String s) {
        if (AtomicFiles.stopping()) {
            return; // interrupted: the line that says so is the last
        }
        err.print("\r\033[K" + s);
        err.flush();
        lineOpen = true;
    }

    /** Writes a finished line (clearing the live status line first). */
    public void line(String s) {
        if (mode == Mode.NONE || AtomicFiles.stopping()) {
            return;
        }
        if (lineOpen) {
            err.print("\r\033[K");
            lineOpen = false;
        }
        err.println(s);
        err.flush();
    }
}
