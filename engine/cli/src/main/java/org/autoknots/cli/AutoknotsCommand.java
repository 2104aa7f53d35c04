package org.autoknots.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code autoknots} command; the work happens in its subcommands. Its attributes
 * have {@link ScopeType#INHERIT} scope: picocli gives every subcommand the same {@code --help}
 * and {@code --version} options and this version text (a subcommand's own attributes, e.g. its
 * description and footer, are kept).
 */
@Command(name = "autoknots", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = AutoknotsCommand.Version.class,
        description = "Adaptive spline tabulation (AutoKnots) and halo projection pipelines.",
        subcommands = {RunCommand.class, ValidateCommand.class, PluginsCommand.class, TabulateCommand.class,
                BenchCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure or a table that did not converge, 2 usage,",
            "  3 configuration error, 4 validation failed."})
public final class AutoknotsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** The version text: the project's version, which the build writes into version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = AutoknotsCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"autoknots " + p.getProperty("version", "(version unknown)")};
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: run, validate, plugins, tabulate or bench");
    }
}
