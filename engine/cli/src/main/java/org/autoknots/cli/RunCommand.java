package org.autoknots.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.autoknots.config.ConfigException;
import org.autoknots.config.ConfigProblem;
import org.autoknots.config.KnotSpacing;
import org.autoknots.config.OutputFiles;
import org.autoknots.config.OutputPaths;
import org.autoknots.config.Pipeline;
import org.autoknots.config.PipelineLoader;
import org.autoknots.config.Refinement;
import org.autoknots.config.Stage;
import org.autoknots.engine.PassFinished;
import org.autoknots.engine.StageFinished;
import org.autoknots.engine.StageStarted;
import org.autoknots.refine.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code autoknots run PIPELINE.yaml}: checks the file, then runs its stages on the engine's
 * event stream and writes the tables, {@code summary.json} and the plots into the output folder.
 */
@Command(name = "run",
        description = "Run a pipeline: tables (CSV), summary.json and plots (PNG) into the output folder.",
        footer = {"", "Output folder: --out, else the pipeline's 'output:', else out/<name>; relative paths are"
                + " relative to the current directory.",
                "The folder is replaced as a whole when the run ends; a failed or interrupted run leaves it as it was.",
                "A symbolic link as the folder is kept: the folder it leads to is replaced. One run at a time",
                "  per folder (a lock file .NAME.lock beside it).",
                "Exit codes: 0 ok, 1 failure or a table that did not converge (outputs written), 2 usage,",
                "  3 configuration error, 4 validation failed, 130 interrupted (Ctrl-C)."})
public final class RunCommand implements Callable<Integer> {

    /** Event stream formats. */
    enum EventFormat { ndjson }

    @Parameters(index = "0", paramLabel = "PIPELINE.yaml", description = "The pipeline file.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (overrides the pipeline's 'output:').")
    Path outOption;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (live line on a terminal, plain lines otherwise), plain or none. Default: ${DEFAULT-VALUE}.")
    String progress;

    @Option(names = "--events", paramLabel = "FORMAT",
            description = "Stream the engine events to stdout; FORMAT: ${COMPLETION-CANDIDATES}.")
    EventFormat events;

    @Option(names = "--no-plots", description = "Do not write PNG plots.")
    boolean noPlots;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Progress.Mode mode = switch (progress.toLowerCase(Locale.ROOT)) {
            case "auto" -> Progress.Mode.AUTO;
            case "plain" -> Progress.Mode.PLAIN;
            case "none" -> Progress.Mode.NONE;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "invalid value '" + progress + "' for --progress; valid: auto, plain, none");
        };
        if (outOption != null && outOption.toString().isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--out '': give an output folder, e.g. --out out/run1");
        }
        Run run = new Run(err, events != null ? new EventJson(out) : null);
        try (AtomicFiles.Registration interrupt = AtomicFiles.onInterrupt(run::interrupted)) {
            return run(run, out, err, mode);
        } catch (RuntimeException | OutOfMemoryError e) {
            // a failure outside the stages (the pipeline file, the output folder, writing the
            // summary): the event stream still ends with an error event
            if (run.json != null && !AtomicFiles.stopping()) {
                run.json.error(run.stage, e instanceof ConfigException c ? c.problems().size() + " problem"
                        + (c.problems().size() == 1 ? "" : "s") + " in the pipeline file: " + String.join("; ",
                        c.problems().stream().map(Object::toString).toList())
                        : e instanceof OutOfMemoryError ? ErrorReporter.outOfMemory(0, "max-knots") : String.valueOf(e.getMessage()));
            }
            throw e;
        }
    }

    /** What a run has got to, for the line and the event that end it when it is interrupted. */
    private static final class Run {
        final PrintWriter err;
        final EventJson json;
        volatile String stage;
        volatile AtomicFiles.Staging staging;
        volatile Path target;

        Run(PrintWriter err, EventJson json) {
            this.err = err;
            this.json = json;
        }

        /** Ctrl-C: one line, and the event stream's closing error event (the staging folder is gone already). */
        void interrupted() {
            AtomicFiles.Staging s = staging;
            String line;
            if (s == null) {
                line = "interrupted; nothing was written" + (target != null ? " to " + target : "");
            } else if (s.committed()) {
                line = "interrupted after the output was written to " + target;
            } else {
                line = "interrupted; nothing was written to " + target
                        + (s.hadPrevious() ? " (its earlier contents are left as they were)" : "");
            }
            err.println("autoknots: " + line);
            err.flush();
            if (json != null) {
                json.error(stage, line);
            }
        }
    }

    private int run(Run run, PrintWriter out, PrintWriter err, Progress.Mode mode) {
        PrintWriter report = run.json != null ? err : out;
        EventJson json = run.json;
        try (PluginRegistry registry = common.loadPlugins(err)) {
            checkPipelineFile(file);
            Pipeline p = PipelineLoader.load(file, new RegistryCatalog(registry));
            PipelineRunner.checkOptions(p, registry);
            Path given = outOption != null ? outOption : Path.of(p.output().orElse("out/" + p.name()));
            checkOutputFolder(p, outOption, given, registry.folders());
            Path target = given.toAbsolutePath().normalize();
            run.target = target;
            try (AtomicFiles.Staging staging = AtomicFiles.staging(target, Summary::writtenBy)) {
                run.staging = staging;
                for (String note : staging.notes()) {
                    err.println("autoknots: " + note);
                }
                err.flush();
                String shown = staging.target().equals(target) ? target.toString()
                        : target + " (a link to " + staging.target() + ")";
                Path folder = staging.folder();
                Progress bar = new Progress(err, mode);
                long[] knots = {0};
                PipelineRunner runner;
                try {
                    PipelineRunner started = new PipelineRunner(p, registry, folder);
                    runner = started;
                    started.events().doOnNext(e -> {
                        if (e instanceof PassFinished pf) {
                            knots[0] = pf.knots();
                        } else if (e instanceof StageStarted st) {
                            run.stage = st.stageId();
                        }
                        bar.accept(e);
                        if (json != null) {
                            if (e instanceof StageFinished sf) {
                                started.results().stream().filter(r -> r.id().equals(sf.stageId()) && r.validation() != null)
                                        .findFirst().ifPresent(r -> json.validation(r.id(), r.validation()));
                            }
                            json.accept(e);
                        }
                    }).blockLast();
                } catch (RuntimeException | OutOfMemoryError e) {
                    staging.close();
                    if (AtomicFiles.stopping()) {
                        return ExitCodes.INTERRUPTED; // the shutdown hook says so
                    }
                    String msg;
                    int code;
                    if (e instanceof OutOfMemoryError) {
                        msg = ErrorReporter.outOfMemory(knots[0], "max-knots");
                        if (ErrorReporter.firstOutOfMemory()) {
                            err.println("autoknots: error: " + msg);
                        }
                        code = ExitCodes.FAILURE;
                    } else {
                        code = ErrorReporter.report(e, err);
                        msg = e.getMessage();
                    }
                    if (json != null) {
                        json.error(e instanceof PipelineRunner.StageException se ? se.stage() : run.stage, msg);
                    }
                    err.println("autoknots: the run failed; nothing was written to " + target
                            + (staging.hadPrevious() ? " (its earlier contents are left as they were)" : ""));
                    err.flush();
                    return code;
                }
                Summary.write(folder.resolve(OutputFiles.SUMMARY), Summary.build(p, target, folder, runner.results(), null));
                if (!noPlots) {
                    plots(p, runner, folder, err);
                }
                staging.commit().ifPresent(w -> err.println("autoknots: " + w));
                boolean converged = true;
                for (Outcomes.StageResult r : runner.results()) {
                    for (Outcomes.Table t : r.tables()) {
                        if (!t.result().converged()) {
                            converged = false;
                            Stage st = p.stage(r.id()).orElseThrow();
                            Refinement ref = st instanceof Stage.Tabulate tb ? tb.refinement() : ((Stage.Project) st).refinement();
                            err.println("autoknots: table " + (t.quantity() == null ? r.id() : r.id() + "/" + t.quantity())
                                    + " (stage '" + r.id() + "') did not converge: "
                                    + Outcomes.diagnosis(t.result(), ref.abs(), ref.maxKnots(), Outcomes.Names.PIPELINE));
                        }
                    }
                }
                err.flush();
                int code = report(runner, shown, folder, report);
                return converged ? code : ExitCodes.FAILURE;
            }
        }
    }

    /**
     * A missing pipeline file or a folder is a usage error (exit 2), reported in one line.
     *
     * @throws ErrorReporter.UsageException naming the file
     */
    static void checkPipelineFile(Path file) {
        if (file.toString().isBlank()) {
            throw new ErrorReporter.UsageException("no pipeline file given (an empty name); give PIPELINE.yaml");
        }
        if (Files.isDirectory(file)) {
            throw new ErrorReporter.UsageException(file + " is a folder; give a pipeline file (PIPELINE.yaml)");
        }
        if (!Files.exists(file)) {
            throw new ErrorReporter.UsageException("pipeline file " + file + " does not exist");
        }
    }

    /**
     * Checks the output folder before anything runs: a place where it can be created (no file
     * on its way, permission to write), and no input of the run inside it (the folder is
     * replaced as a whole).
     *
     * @param outOption the {@code --out} option, or null
     * @param folder    the output folder: {@code --out}, else the pipeline's {@code output:}, else
     *                  the default {@code out/<name>}
     * @throws ErrorReporter.UsageException for {@code --out} and the default folder
     * @throws ConfigException at the pipeline's {@code output:}
     */
    static void checkOutputFolder(Pipeline p, Path outOption, Path folder, List<Path> pluginFolders) {
        Optional<String> why = OutputPaths.folderProblem(folder)
                .or(() -> OutputPaths.heldInput(folder, p, pluginFolders));
        if (why.isEmpty()) {
            return;
        }
        if (outOption != null) {
            throw new ErrorReporter.UsageException("--out " + outOption + ": " + why.get());
        }
        if (p.output().isPresent() && p.outputMark().isPresent()) {
            throw new ConfigException(List.of(new ConfigProblem(p.outputMark().get(), "output",
                    "'" + p.output().get() + "': " + why.get())));
        }
        throw new ErrorReporter.UsageException("output folder " + folder + " (the default, out/<name>; choose one with"
                + " --out DIR or 'output:'): " + why.get());
    }

    private static void plots(Pipeline p, PipelineRunner runner, Path folder, PrintWriter err) {
        try {
            for (Outcomes.StageResult r : runner.results()) {
                for (Outcomes.Table t : r.tables()) {
                    Plots.table(folder, t);
                }
                if (r.validation() != null) {
                    Stage in = p.stage(r.validation().input()).orElseThrow();
                    KnotSpacing sp = in instanceof Stage.Tabulate t ? t.refinement().spacing()
                            : ((Stage.Project) in).refinement().spacing();
                    Plots.validation(folder, r.id(), r.validation(), sp == KnotSpacing.LOG);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            err.println("autoknots: warning: plots not written: " + e.getMessage());
        }
    }

    private static int report(PipelineRunner runner, String target, Path folder, PrintWriter out) {
        boolean passed = true;
        for (Outcomes.StageResult r : runner.results()) {
            if (r.validation() != null) {
                Outcomes.Validation v = r.validation();
                passed &= v.passed();
                out.printf(Locale.ROOT, "%s: validation of %s against %s: %s%n", r.id(), v.input(),
                        v.against().equals("analytic") ? "analytic" : Path.of(v.against()).getFileName(),
                        v.passed() ? "passed" : "FAILED");
                for (Map.Entry<String, Outcomes.QuantityError> e : v.quantities().entrySet()) {
                    out.printf(Locale.ROOT, "  %-12s max rel error %.3e at %s (allowed %s, %s%s)%n",
                            e.getKey(), e.getValue().maxRelError(), Numbers.format(e.getValue().at(), 6),
                            Numbers.format(v.maxAllowed()), Outcomes.count(v.points(), "point", "points"),
                            v.skippedRows() > 0 ? ", " + Outcomes.count(v.skippedRows(), "reference row", "reference rows")
                                    + " outside the range" : "");
                }
            } else {
                for (Outcomes.Table t : r.tables()) {
                    out.printf(Locale.ROOT, "%s: %d knots, %d evaluations, %s, %s -> %s%n",
                            t.quantity() == null ? r.id() : r.id() + "/" + t.quantity(), t.result().knots(),
                            t.result().evaluations(), Outcomes.count(t.result().passes(), "pass", "passes"),
                            t.result().converged() ? "converged" : "NOT converged", folder.relativize(t.csv()));
                }
            }
        }
        out.println("Output: " + target);
        out.flush();
        return passed ? ExitCodes.OK : ExitCodes.VALIDATION_FAILED;
    }
}
