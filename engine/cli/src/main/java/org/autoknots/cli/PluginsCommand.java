package org.autoknots.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.autoknots.api.ParameterSpec;
import org.autoknots.api.SplineKind;
import org.autoknots.api.TargetFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code autoknots plugins}: lists the loaded functions (with their parameters) and spline kinds. */
@Command(name = "plugins",
        footer = {"", "Exit codes: 0 ok, 1 failure,", "  2 usage (e.g. a --plugins-dir folder that does not exist)."},
        description = "List the functions (with their parameters) and spline kinds the plugins provide.")
public final class PluginsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (PluginRegistry registry = common.loadPlugins(err)) {
            out.println("Plugins folders (in load order):");
            for (java.nio.file.Path f : registry.folders()) {
                out.println("  " + f + (f.equals(PluginRegistry.defaultFolder()) ? "  (bundled)" : ""));
            }
            out.println();
            out.println("Plugins:");
            if (registry.plugins().isEmpty()) {
                out.println("  (none loaded)");
            }
            for (PluginRegistry.Plugin p : registry.plugins()) {
                out.println("  " + p.id() + " " + p.version() + "  " + p.jar());
            }
            out.println();
            out.println("Functions:");
            if (registry.functions().isEmpty()) {
                out.println("  (none loaded)");
            }
            for (Map.Entry<String, TargetFunction> e : registry.functions().entrySet()) {
                TargetFunction f = e.getValue();
                out.println("  " + e.getKey() + "  [plugin " + registry.source(e.getKey()) + "]  "
                        + registry.functionDescription(e.getKey()));
                for (ParameterSpec p : registry.parameters(e.getKey())) {
                    StringBuilder sb = new StringBuilder("      ").append(p.name()).append(" (")
                            .append(p.type().name().toLowerCase(java.util.Locale.ROOT));
                    if (!p.unit().isEmpty()) {
                        sb.append(", ").append(p.unit());
                    }
                    sb.append(p.required() ? ", required" : ", default " + p.defaultValue()).append(")");
                    if (!p.description().isEmpty()) {
                        sb.append(": ").append(p.description());
                    }
                    out.println(sb);
                }
                if (f.acceptsOtherParameters()) {
                    out.println("      (accepts further named parameters)");
                }
            }
            out.println();
            out.println("Spline kinds:");
            for (Map.Entry<String, SplineKind> e : registry.splineKinds().entrySet()) {
                SplineKind k = e.getValue();
                String from = registry.splineKindSource(e.getKey());
                out.println("  " + e.getKey() + "  [" + (PluginRegistry.BUILT_IN.equals(from) ? "built-in" : "plugin " + from)
                        + "]  min knots " + k.minKnots() + "  " + registry.splineKindDescription(e.getKey()));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
