package org.autoknots.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the subcommands that load plugins. */
public final class CommonOptions {

    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "Folder of plugin JARs (default: $" + PluginRegistry.ENV + ", else plugins/ beside the CLI's JAR).")
    Path pluginsDir;

    @Option(names = "--debug", description = "Print stack traces with errors.")
    void debug(boolean on) {
        ErrorReporter.debug(on);
    }

    /**
     * Loads the plugins and reports the broken ones on {@code err} (the others still load).
     */
    public PluginRegistry loadPlugins(PrintWriter err) {
        PluginRegistry r = PluginRegistry.load(PluginRegistry.resolveFolder(pluginsDir));
        for (String p : r.problems()) {
            err.println("autoknots: warning: " + p);
        }
        err.flush();
        return r;
    }
}
