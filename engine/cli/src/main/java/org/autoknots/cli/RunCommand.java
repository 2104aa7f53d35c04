package org.autoknots.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.autoknots.config.KnotSpacing;
import org.autoknots.config.Pipeline;
import org.autoknots.config.PipelineLoader;
import org.autoknots.config.Stage;
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
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a pipeline: tables (CSV), summary.json and plots (PNG) into the output folder.",
        footer = {"", "Output folder: --out, else the pipeline's 'output:', else out/<name>; relative paths are"
                + " relative to the current directory.",
                "Exit codes: 0 ok, 1 failure, 2 usage, 3 configuration error, 4 validation failed."})
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
        PrintWriter report = events != null ? err : out;
        try (PluginRegistry registry = common.loadPlugins(err)) {
            Pipeline p = PipelineLoader.load(file, new RegistryCatalog(registry));
            Path folder = (outOption != null ? outOption : Path.of(p.output().orElse("out/" + p.name())))
                    .toAbsolutePath().normalize();
            PipelineRunner runner = new PipelineRunner(p, registry, folder);
            Progress bar = new Progress(err, mode);
            EventJson json = events != null ? new EventJson(out) : null;
            String error = null;
            try {
                var flux = runner.events().doOnNext(bar);
                if (json != null) {
                    flux = flux.doOnNext(json);
                }
                flux.blockLast();
            } catch (RuntimeException e) {
                error = e.getMessage();
                throw e;
            } finally {
                Summary.write(folder.resolve("summary.json"), Summary.build(p, folder, runner.results(), error));
            }
            if (!noPlots) {
                plots(p, runner, folder, err);
            }
            for (Outcomes.StageResult r : runner.results()) {
                for (Outcomes.Table t : r.tables()) {
                    if (!t.result().converged()) {
                        err.printf(Locale.ROOT, "autoknots: warning: table %s did not converge (%d knots, worst error/tolerance"
                                + " %.3g%s); raise max-knots or loosen the tolerance%n",
                                t.quantity() == null ? r.id() : r.id() + "/" + t.quantity(), t.result().knots(),
                                t.result().worstErrorRatio(), t.result().unresolved().length > 0
                                        ? ", " + t.result().unresolved().length + " unresolved intervals" : "");
                    }
                }
            }
            err.flush();
            return report(runner, folder, report);
        }
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

    private static int report(PipelineRunner runner, Path folder, PrintWriter out) {
        boolean passed = true;
        for (Outcomes.StageResult r : runner.results()) {
            if (r.validation() != null) {
                Outcomes.Validation v = r.validation();
                passed &= v.passed();
                out.printf(Locale.ROOT, "%s: validation of %s against %s: %s%n", r.id(), v.input(),
                        v.against().equals("analytic") ? "analytic" : Path.of(v.against()).getFileName(),
                        v.passed() ? "passed" : "FAILED");
                for (Map.Entry<String, Outcomes.QuantityError> e : v.quantities().entrySet()) {
                    out.printf(Locale.ROOT, "  %-12s max rel error %.3e at %.6g (allowed %.1e, %d points%s)%n",
                            e.getKey(), e.getValue().maxRelError(), e.getValue().at(), v.maxAllowed(), v.points(),
                            v.skippedRows() > 0 ? ", " + v.skippedRows() + " reference rows outside the range" : "");
                }
            } else {
                for (Outcomes.Table t : r.tables()) {
                    out.printf(Locale.ROOT, "%s: %d knots, %d evaluations, %d passes, %s -> %s%n",
                            t.quantity() == null ? r.id() : r.id() + "/" + t.quantity(), t.result().knots(),
                            t.result().evaluations(), t.result().passes(),
                            t.result().converged() ? "converged" : "NOT converged", folder.relativize(t.csv()));
                }
            }
        }
        out.println("Output: " + folder);
        out.flush();
        return passed ? ExitCodes.OK : ExitCodes.VALIDATION_FAILED;
    }
}
