package org.autoknots.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.ParameterException;
import org.autoknots.api.ParameterSpec;
import org.autoknots.api.Parameters;
import org.autoknots.api.SplineKind;
import org.autoknots.api.TargetFunction;
import org.autoknots.spline.SplineKinds;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginAlreadyLoadedException;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * The functions and spline kinds available to a run: the engine's built-in spline kinds plus
 * the extensions of the PF4J plugins found in a plugins folder (a {@link DefaultPluginManager}
 * in deployment mode, which loads plugin JARs).
 *
 * <p>A plugin that cannot be loaded or started, a second plugin with an id already loaded, and
 * an extension whose id another plugin already provides are reported by name in
 * {@link #problems()}; everything else still loads.
 *
 * <p>The plugins folder is, in order: the {@code --plugins-dir} option, the environment variable
 * {@value #ENV}, or {@code plugins/} beside the folder holding the CLI's JAR (the build fills
 * {@code engine/cli/target/plugins}), so it does not depend on the current directory.
 */
public final class PluginRegistry implements AutoCloseable {

    /** Environment variable naming the plugins folder. */
    public static final String ENV = "AUTOKNOTS_PLUGINS";
    /** Source name of the engine's own spline kinds. */
    public static final String BUILT_IN = "built-in";

    private final Path folder;
    private final DefaultPluginManager manager;
    private final Map<String, TargetFunction> functions = new LinkedHashMap<>();
    private final Map<String, String> functionSources = new LinkedHashMap<>();
    private final Map<String, SplineKind> splineKinds = new LinkedHashMap<>();
    private final Map<String, String> splineSources = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private PluginRegistry(Path folder) {
        this.folder = folder;
        for (SplineKind k : SplineKinds.builtIn()) {
            splineKinds.put(k.id(), k);
            splineSources.put(k.id(), BUILT_IN);
        }
        if (folder == null) {
            manager = null;
            return;
        }
        manager = new Manager(folder, problems);
        manager.loadPlugins();
        manager.startPlugins();
        List<PluginWrapper> plugins = new ArrayList<>(manager.getPlugins());
        plugins.sort(Comparator.comparing(PluginWrapper::getPluginId));
        for (PluginWrapper w : plugins) {
            String name = describe(w);
            if (w.getPluginState() != PluginState.STARTED) {
                Throwable failure = w.getFailedException();
                problems.add("plugin " + name + " did not start" + (failure == null ? " (state " + w.getPluginState() + ")"
                        : ": " + oneLine(failure.getMessage())));
                continue;
            }
            int found = 0;
            try {
                for (TargetFunction f : manager.getExtensions(TargetFunction.class, w.getPluginId())) {
                    add(f.id(), f, w.getPluginId(), functions, functionSources, "function");
                    found++;
                }
                for (SplineKind k : manager.getExtensions(SplineKind.class, w.getPluginId())) {
                    add(k.id(), k, w.getPluginId(), splineKinds, splineSources, "spline kind");
                    found++;
                }
            } catch (RuntimeException | LinkageError e) {
                problems.add("plugin " + name + " is broken: its extensions cannot be created: " + oneLine(e.getMessage()));
            }
            if (found == 0) {
                problems.add("plugin " + name + " provides no function or spline kind (is META-INF/extensions.idx in its JAR?)");
            }
        }
    }

    private static String oneLine(String s) {
        return s == null ? "unknown error" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static String describe(PluginWrapper w) {
        return "'" + w.getPluginId() + "' (" + w.getPluginPath().getFileName() + ")";
    }

    private <T> void add(String id, T ext, String plugin, Map<String, T> into, Map<String, String> sources, String what) {
        if (into.containsKey(id)) {
            problems.add("plugin '" + plugin + "' provides " + what + " '" + id + "', already provided by "
                    + (BUILT_IN.equals(sources.get(id)) ? "the engine" : "plugin '" + sources.get(id) + "'")
                    + "; the second one is ignored");
            return;
        }
        into.put(id, ext);
        sources.put(id, plugin);
    }

    /** Records the plugins PF4J refuses to load (broken JAR, missing descriptor, duplicate id). */
    private static final class Manager extends DefaultPluginManager {
        private final List<String> problems;

        Manager(Path root, List<String> problems) {
            super(root);
            this.problems = problems;
        }

        @Override
        public RuntimeMode getRuntimeMode() {
            return RuntimeMode.DEPLOYMENT;
        }

        @Override
        protected PluginWrapper loadPluginFromPath(Path pluginPath) {
            try {
                return super.loadPluginFromPath(pluginPath);
            } catch (PluginAlreadyLoadedException e) {
                PluginWrapper first = getPlugin(e.getPluginId());
                problems.add("plugin " + pluginPath.getFileName() + " has id '" + e.getPluginId()
                        + "', already loaded from " + (first == null ? "another JAR" : first.getPluginPath().getFileName())
                        + "; ignored (remove one of the two)");
                throw e;
            } catch (PluginRuntimeException e) {
                problems.add("plugin " + pluginPath.getFileName() + " cannot be loaded: " + oneLine(e.getMessage()));
                throw e;
            }
        }
    }

    /**
     * Loads the plugins of {@code folder}.
     *
     * @param folder the plugins folder, or {@code null} for the built-in spline kinds only
     */
    public static PluginRegistry load(Path folder) {
        return new PluginRegistry(folder);
    }

    /**
     * The plugins folder to use.
     *
     * @param option the {@code --plugins-dir} value, or null
     * @throws ErrorReporter.UsageException when the chosen folder does not exist
     */
    public static Path resolveFolder(Path option) {
        if (option != null) {
            return existing(option.toAbsolutePath().normalize(), "--plugins-dir");
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return existing(Path.of(env).toAbsolutePath().normalize(), "environment variable " + ENV);
        }
        return existing(defaultFolder(), "the default plugins folder (beside the CLI's JAR)");
    }

    private static Path existing(Path p, String source) {
        if (!Files.isDirectory(p)) {
            throw new ErrorReporter.UsageException("plugins folder " + p + " (from " + source + ") does not exist;"
                    + " build the plugins with 'mvn -B -q install -DskipTests' or pass --plugins-dir DIR");
        }
        return p;
    }

    /** @return {@code plugins/} beside the CLI's JAR (or beside {@code target/classes} in a build) */
    public static Path defaultFolder() {
        try {
            Path code = Path.of(PluginRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().resolve("plugins").normalize();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Path.of("plugins").toAbsolutePath();
        }
    }

    /** @return the plugins folder, or null when none was loaded */
    public Path folder() {
        return folder;
    }

    /** @return the functions by id, in plugin order */
    public Map<String, TargetFunction> functions() {
        return Collections.unmodifiableMap(functions);
    }

    /** @return the spline kinds by id, built-ins first */
    public Map<String, SplineKind> splineKinds() {
        return Collections.unmodifiableMap(splineKinds);
    }

    /** @return the plugin id (or {@value #BUILT_IN}) that provides the function or spline kind */
    public String source(String id) {
        String s = functionSources.get(id);
        return s != null ? s : splineSources.getOrDefault(id, "?");
    }

    /** @return one line per plugin problem, each naming the plugin */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** @return the function with that id */
    public Optional<TargetFunction> function(String id) {
        return Optional.ofNullable(functions.get(id));
    }

    /**
     * @return the spline kind with that id
     * @throws IllegalArgumentException listing the available kinds
     */
    public SplineKind splineKind(String id) {
        SplineKind k = splineKinds.get(id);
        if (k == null) {
            throw new IllegalArgumentException("unknown spline kind '" + id + "'; available: "
                    + String.join(", ", splineKinds.keySet()));
        }
        return k;
    }

    /**
     * Binds parameters to a function: fills in the documented defaults, rejects names the
     * function does not take (unless it accepts others), then calls
     * {@link TargetFunction#create(Parameters)}.
     *
     * @throws ParameterException naming the parameter
     * @throws IllegalArgumentException for an unknown function id
     */
    public FunctionInstance bind(String id, Map<String, Object> params) {
        TargetFunction f = function(id).orElseThrow(() -> new IllegalArgumentException("unknown function id '" + id
                + "'; loaded functions: " + String.join(", ", functions.keySet())));
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> known = new HashSet<>();
        for (ParameterSpec s : f.parameters()) {
            known.add(s.name());
            if (s.defaultValue() != null) {
                values.put(s.name(), s.defaultValue());
            }
        }
        for (Map.Entry<String, Object> e : params.entrySet()) {
            if (!known.contains(e.getKey()) && !f.acceptsOtherParameters()) {
                throw new ParameterException(e.getKey(), "unknown parameter '" + e.getKey() + "'; valid: "
                        + String.join(", ", f.parameters().stream().map(ParameterSpec::name).toList()));
            }
            values.put(e.getKey(), e.getValue());
        }
        return f.create(Parameters.of(values));
    }

    @Override
    public void close() {
        if (manager != null) {
            try {
                manager.stopPlugins();
                manager.unloadPlugins();
            } catch (RuntimeException ignored) {
                // closing at exit: nothing useful to report
            }
        }
    }
}
