package org.autoknots.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.autoknots.config.Pipeline;
import org.autoknots.config.PipelineLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code autoknots validate PIPELINE.yaml}: checks a pipeline file completely without running it. */
@Command(name = "validate",
        description = "Check a pipeline file (schema, values, function ids, plugin parameters, references) without running it.",
        footer = {"", "Exit codes: 0 the file is valid, 1 another failure (e.g. an I/O error),",
            "  2 usage (e.g. no such file), 3 configuration error (one line per problem)."})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PIPELINE.yaml", description = "The pipeline file.")
    Path file;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (PluginRegistry registry = common.loadPlugins(err)) {
            RunCommand.checkPipelineFile(file);
            Pipeline p = PipelineLoader.load(file, new RegistryCatalog(registry));
            PipelineRunner.checkOptions(p, registry);
            if (p.output().isPresent()) {
                // what 'run' without --out would find wrong with the pipeline's output folder
                RunCommand.checkOutputFolder(p, null, Path.of(p.output().get()), registry.folders());
            }
            out.println(file + ": ok (pipeline '" + p.name() + "', function " + p.function().id() + ", "
                    + Outcomes.count(p.stages().size(), "stage", "stages") + ": " + String.join(", ", p.stages().stream()
                            .map(s -> s.id() + " (" + s.type() + ")").toList()) + ")");
            out.flush();
            return ExitCodes.OK;
        }
    }
}
