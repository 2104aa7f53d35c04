package org.autoknots.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the subcommands that load plugins. */
public final class CommonOptions {

    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "Your own folder(s) of plugin JARs, loaded after the bundled plugins (a path list DIR1:DIR2,"
                    + " or repeat the option; default: $" + PluginRegistry.ENV + ").")
    List<String> pluginsDirs;

    @Option(names = "--debug", description = "Print stack traces with errors, and PF4J's own log of the plugin loading.")
    void debug(boolean on) {
        ErrorReporter.debug(on);
        PluginLog.debug(on);
    }

    /**
     * Loads the plugins and reports the broken ones on {@code err} (the others still load).
     */
    public PluginRegistry loadPlugins(PrintWriter err) {
        PluginRegistry r = PluginRegistry.load(PluginRegistry.resolveFolders(pluginsDirs));
        for (String p : r.problems()) {
            err.println("autoknots: warning: " + p);
        }
        err.flush();
        return r;
    }
}
