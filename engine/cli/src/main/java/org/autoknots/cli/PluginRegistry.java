package org.autoknots.cli;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.ParameterException;
import org.autoknots.api.ParameterSpec;
import org.autoknots.api.Parameters;
import org.autoknots.api.SplineKind;
import org.autoknots.api.TargetFunction;
import org.autoknots.spline.SplineKinds;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * The functions and spline kinds available to a run: the engine's built-in spline kinds plus
 * the extensions of the PF4J plugins found in one or more plugins folders (a
 * {@link DefaultPluginManager} in deployment mode with several plugin roots).
 *
 * <p>Only the {@code *.jar} files directly inside a folder are plugins (PF4J's
 * {@link JarPluginRepository}); subfolders and other files are not tried. The folders are read in
 * order, and within a folder the JARs by file name; when two JARs carry the same {@code Plugin-Id}
 * the first is kept and one warning names both. Extensions are registered in the same load order
 * (never by plugin id): a function or spline kind id belongs to the first to offer it, the
 * engine's own spline kinds first, then the bundled plugins, then the user's; a later one is
 * ignored with one warning naming both plugins. A plugin that cannot be loaded or started is
 * reported by name in {@link #problems()}; everything else still loads.
 *
 * <p>The folders are {@linkplain #resolveFolders(List) resolved} as: the bundled folder
 * ({@code plugins/} beside the folder holding the CLI's JAR; a build fills
 * {@code engine/cli/target/plugins}), then the user's folders from {@code --plugins-dir} (a path
 * list, repeatable), else from the environment variable {@value #ENV} (a path list). None of this
 * depends on the current directory.
 */
public final class PluginRegistry implements AutoCloseable {

    /** Environment variable naming the user's plugins folders (a path list, e.g. {@code dir1:dir2}). */
    public static final String ENV = "AUTOKNOTS_PLUGINS";
    /** Source name of the engine's own spline kinds. */
    public static final String BUILT_IN = "built-in";

    static {
        // PF4J's log stays off (also when the registry is used without the command line)
        PluginLog.quiet();
    }

    /**
     * A loaded plugin.
     *
     * @param id      its {@code Plugin-Id}
     * @param version its {@code Plugin-Version}
     * @param jar     the JAR it was loaded from
     */
    public record Plugin(String id, String version, Path jar) {
    }

    private final List<Path> folders;
    private final Manager manager;
    private final List<Plugin> plugins = new ArrayList<>();
    private final Map<String, TargetFunction> functions = new LinkedHashMap<>();
    private final Map<String, String> functionSources = new LinkedHashMap<>();
    private final Map<String, SplineKind> splineKinds = new LinkedHashMap<>();
    private final Map<String, String> splineSources = new LinkedHashMap<>();
    private final Map<String, String> functionDescriptions = new LinkedHashMap<>();
    private final Map<String, List<ParameterSpec>> functionParameters = new LinkedHashMap<>();
    private final Map<String, String> splineDescriptions = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private PluginRegistry(List<Path> folders) {
        this.folders = List.copyOf(folders);
        for (SplineKind k : SplineKinds.builtIn()) {
            splineKinds.put(k.id(), k);
            splineSources.put(k.id(), BUILT_IN);
            splineDescriptions.put(k.id(), k.description());
        }
        if (folders.isEmpty()) {
            manager = null;
            return;
        }
        for (Path folder : folders) {
            reportIgnoredArchives(folder);
        }
        manager = new Manager(this.folders, problems);
        manager.loadPlugins();
        manager.startPlugins();
        // in load order (the bundled folder, then the user's folders, each by file name), never
        // by plugin id: the first plugin to offer an id keeps it
        for (String pluginId : manager.loadOrder()) {
            PluginWrapper w = manager.getPlugin(pluginId);
            if (w == null) {
                continue;
            }
            String name = describe(w);
            if (w.getPluginState() != PluginState.STARTED) {
                Throwable failure = w.getFailedException();
                problems.add("plugin " + name + " did not start" + (failure == null ? " (state " + w.getPluginState() + ")"
                        : ": " + oneLine(failure.getMessage())));
                continue;
            }
            plugins.add(new Plugin(w.getPluginId(), w.getDescriptor().getVersion(), w.getPluginPath()));
            registerExtensions(w);
        }
    }

    /** The extension index PF4J's annotation processor writes into a plugin JAR. */
    private static final String INDEX = "META-INF/extensions.idx";

    /**
     * Creates the extensions a plugin's {@value #INDEX} names, one class at a time in the order of
     * their names (PF4J's own {@code getExtensions} would log and drop a class that cannot be
     * loaded or created): each that cannot is reported with the cause, the others are registered.
     */
    private void registerExtensions(PluginWrapper w) {
        Set<String> listed = new TreeSet<>(manager.getExtensionClassNames(w.getPluginId()));
        if (listed.isEmpty()) {
            problems.add("plugin " + describe(w) + " provides no function or spline kind: " + (hasIndex(w.getPluginPath())
                    ? "its " + INDEX + " names no class" : "its JAR has no " + INDEX)
                    + "; PF4J's annotation processor writes that index from the classes annotated with @Extension"
                    + " (list org.pf4j:pf4j in the compiler's annotationProcessorPaths)");
            return;
        }
        for (String className : listed) {
            Object ext = create(w, className);
            if (ext instanceof TargetFunction) {
                register(w, className, ext, true);
            }
            if (ext instanceof SplineKind) {
                register(w, className, ext, false);
            }
        }
    }

    /** A function, spline kind or plugin id: what users type, and what messages quote. */
    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9._-]*");
    /** {@link #ID} in words. */
    public static final String ID_RULE = "an id is a lower-case letter followed by lower-case letters, digits, '-', '_' or '.'";
    /** How a missing description is listed. */
    public static final String NO_DESCRIPTION = "(no description)";

    /** A broken promise of an extension's contract, in words ("its id() returned null"). */
    private static final class Defect extends Exception {
        private static final long serialVersionUID = 1L;

        Defect(String message) {
            super(message, null, false, false);
        }
    }

    /** @return what the extension's method returned; what it threw becomes a {@link Defect} */
    private static <T> T call(String method, java.util.function.Supplier<T> call) throws Defect {
        try {
            return call.get();
        } catch (RuntimeException | LinkageError e) {
            throw new Defect("its " + method + " threw " + thrown(e));
        }
    }

    /**
     * Checks what the listing and every use rely on (the id, the description, the parameters or
     * the fewest knots; none may throw) and registers the extension; a broken one is reported
     * by plugin and class and left out, so that it hides nothing else.
     */
    private void register(PluginWrapper w, String className, Object ext, boolean function) {
        String what = (function ? "function" : "spline kind") + " class " + className;
        try {
            String id = call("id()", function ? ((TargetFunction) ext)::id : ((SplineKind) ext)::id);
            if (id == null) {
                throw new Defect("its id() returned null; " + ID_RULE + ", e.g. my-profile");
            }
            if (!ID.matcher(id).matches()) {
                throw new Defect("its id '" + id + "' is not valid: " + ID_RULE + ", e.g. my-profile");
            }
            String d = call("description()", function ? ((TargetFunction) ext)::description : ((SplineKind) ext)::description);
            String description = d == null || d.isBlank() ? NO_DESCRIPTION : oneLine(d);
            if (function) {
                TargetFunction f = (TargetFunction) ext;
                List<ParameterSpec> params = call("parameters()", f::parameters);
                if (params == null) {
                    throw new Defect("its parameters() returned null; return List.of() for a function without parameters");
                }
                Set<String> names = new HashSet<>();
                for (ParameterSpec p : params) {
                    if (p == null) {
                        throw new Defect("its parameters() holds null; each parameter is a ParameterSpec");
                    }
                    if (!names.add(p.name())) {
                        throw new Defect("its parameters() names '" + p.name() + "' twice; each parameter needs a name of its own");
                    }
                }
                call("acceptsOtherParameters()", f::acceptsOtherParameters);
                if (add(id, f, w, functions, functionSources, "function")) {
                    functionDescriptions.put(id, description);
                    functionParameters.put(id, List.copyOf(params));
                }
            } else {
                SplineKind k = (SplineKind) ext;
                int min = call("minKnots()", k::minKnots);
                if (min < 2) {
                    throw new Defect("its minKnots() is " + min + "; a spline needs at least 2 knots");
                }
                if (add(id, k, w, splineKinds, splineSources, "spline kind")) {
                    splineDescriptions.put(id, description);
                }
            }
        } catch (Defect e) {
            problems.add("plugin " + describe(w) + ": " + what + " is skipped: " + e.getMessage());
        }
    }

    private static boolean hasIndex(Path jar) {
        return hasEntry(jar, INDEX);
    }

    private static boolean hasEntry(Path jar, String entry) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getEntry(entry) != null;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Loads and creates one extension class through the plugin's class loader and PF4J's
     * extension factory.
     *
     * @return the extension, or null when it cannot be had (reported by name and cause)
     */
    private Object create(PluginWrapper w, String className) {
        String plugin = "plugin " + describe(w) + ": ";
        Class<?> c;
        try {
            c = w.getPluginClassLoader().loadClass(className);
        } catch (ClassNotFoundException e) {
            problems.add(plugin + "class " + className + ", named in its " + INDEX + ", is not in the JAR; rebuild the plugin"
                    + " so that the index names the classes annotated with @Extension");
            return null;
        } catch (UnsupportedClassVersionError e) {
            problems.add(plugin + "class " + className + " " + tooNew(e));
            return null;
        } catch (NoClassDefFoundError e) {
            problems.add(plugin + "class " + className + " cannot be loaded: it needs class "
                    + oneLine(e.getMessage()).replace('/', '.') + ", which is neither in the plugin JAR nor provided by"
                    + " autoknots; package it into the plugin JAR");
            return null;
        } catch (LinkageError e) {
            problems.add(plugin + "class " + className + " cannot be loaded: " + thrown(e));
            return null;
        }
        boolean function = TargetFunction.class.isAssignableFrom(c);
        if (!function && !SplineKind.class.isAssignableFrom(c)) {
            String copy = apiCopy(c);
            problems.add(plugin + "class " + className + (copy != null
                    ? " implements " + copy + " from a copy of autoknots' API inside the plugin JAR, not autoknots' own;"
                            + " make org.autoknots:autoknots-api a provided dependency, so that it is not packaged"
                    : ", named in its " + INDEX + ", implements neither " + TargetFunction.class.getName() + " nor "
                            + SplineKind.class.getName() + "; autoknots uses only those"));
            return null;
        }
        String what = (function ? "function" : "spline kind") + " class " + className;
        try {
            return manager.getExtensionFactory().create(c);
        } catch (PluginRuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof InstantiationException || cause instanceof IllegalAccessException) {
                problems.add(plugin + what + " cannot be created: " + (java.lang.reflect.Modifier.isAbstract(c.getModifiers())
                        ? "it is abstract" : "it has no public constructor without arguments")
                        + "; PF4J creates an extension with its public no-argument constructor");
            } else {
                problems.add(plugin + "the constructor of " + what + " threw " + thrown(cause) + "; the extension is"
                        + " skipped");
            }
        } catch (ExceptionInInitializerError e) {
            problems.add(plugin + "the static initializer of " + what + " threw "
                    + thrown(e.getCause() != null ? e.getCause() : e) + "; the extension is skipped");
        } catch (RuntimeException | LinkageError e) {
            problems.add(plugin + what + " cannot be created: " + thrown(e));
        }
        return null;
    }

    /** @return the class-version error in words: which Java the class needs, which one runs */
    private static String tooNew(UnsupportedClassVersionError e) {
        java.util.regex.Matcher m = Pattern.compile("class file version (\\d+)").matcher(String.valueOf(e.getMessage()));
        String needs = m.find() ? "Java " + (Integer.parseInt(m.group(1)) - 44) + " (class file version " + m.group(1) + ")"
                : "a newer Java";
        return "was compiled for " + needs + ", newer than the Java " + Runtime.version().feature()
                + " running autoknots; compile the plugin for Java 17 (maven.compiler.release 17, or javac --release 17)";
    }

    /** @return the name of an extension point of autoknots' API that {@code c} implements from another copy of the API */
    private static String apiCopy(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                if (i.getName().equals(TargetFunction.class.getName()) || i.getName().equals(SplineKind.class.getName())) {
                    return i.getName();
                }
            }
        }
        return null;
    }

    /** @return "ExceptionName: message" in one line ("ExceptionName" alone without a message) */
    private static String thrown(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + oneLine(m));
    }

    /** A {@code .zip} beside the JARs is most likely a plugin packed the wrong way: say so once. */
    private void reportIgnoredArchives(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip") && Files.isRegularFile(p))
                    .sorted()
                    .forEach(p -> problems.add("plugin archive " + p + " is not loaded: autoknots loads plugin JARs"
                            + " (*.jar) only; package the plugin as a JAR"));
        } catch (IOException e) {
            problems.add("plugins folder " + folder + " cannot be listed: " + oneLine(e.getMessage()));
        }
    }

    private static String oneLine(String s) {
        return s == null ? "unknown error" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** @return "'id' (JAR)": the JAR's file name, or its full path when several folders are in use */
    private String describe(PluginWrapper w) {
        return "'" + w.getPluginId() + "' (" + manager.name(w.getPluginPath()) + ")";
    }

    /** @return whether the plugin's JAR is in the bundled folder */
    private boolean bundled(PluginWrapper w) {
        Path parent = w.getPluginPath().toAbsolutePath().getParent();
        return parent != null && real(parent).equals(real(defaultFolder()));
    }

    /**
     * Registers an extension under its id unless an earlier one (the engine's own, or one of a
     * plugin loaded before) has it: then the earlier one is kept and one line names both.
     *
     * @return whether the extension was registered
     */
    private <T> boolean add(String id, T ext, PluginWrapper w, Map<String, T> into, Map<String, String> sources, String what) {
        String keeper = sources.get(id);
        if (keeper != null) {
            String which;
            if (BUILT_IN.equals(keeper)) {
                which = "is built into the engine: the engine's own is kept";
            } else if (keeper.equals(w.getPluginId())) {
                which = "it already provides (two extensions with one id): the first is kept";
            } else {
                PluginWrapper k = manager.getPlugin(keeper);
                which = (bundled(k) && !bundled(w) ? "the bundled plugin " : "plugin ") + describe(k)
                        + ", loaded before it, already provides: that one is kept";
            }
            problems.add("plugin " + describe(w) + " provides " + what + " '" + id + "', which " + which
                    + ", this one is ignored; give the " + what + " another id");
            return false;
        }
        into.put(id, ext);
        sources.put(id, w.getPluginId());
        return true;
    }

    /** Thrown after a problem has been recorded, so that it is not recorded twice. */
    private static final class ReportedException extends PluginRuntimeException {
        private static final long serialVersionUID = 1L;

        ReportedException(String message) {
            super(message);
        }
    }

    /**
     * PF4J in deployment mode over several roots, loading only the JARs (folders first to last,
     * each by file name), and recording the plugins it refuses to load (broken JAR, missing
     * descriptor, duplicate id) as one line each.
     */
    private static final class Manager extends DefaultPluginManager {
        private final List<String> problems;
        /** the ids of the plugins loaded, in the order their JARs were read */
        private final List<String> loadOrder = new ArrayList<>();

        Manager(List<Path> roots, List<String> problems) {
            super(roots);
            this.problems = problems;
        }

        @Override
        public RuntimeMode getRuntimeMode() {
            return RuntimeMode.DEPLOYMENT;
        }

        @Override
        protected PluginRepository createPluginRepository() {
            List<Path> roots = getPluginsRoots();
            JarPluginRepository jars = new JarPluginRepository(roots);
            jars.setComparator(Comparator.<File>comparingInt(f -> roots.indexOf(f.toPath().getParent()))
                    .thenComparing(File::getName));
            return jars;
        }

        /**
         * PF4J resolves the plugins' declared dependencies (Plugin-Dependencies) all at once and
         * throws when one is missing, of the wrong version or part of a cycle, which would stop
         * every plugin from loading. Here the plugins that declare dependencies are skipped, each
         * with one line naming its JAR, until the rest resolve.
         */
        @Override
        protected void resolvePlugins() {
            while (true) {
                try {
                    super.resolvePlugins();
                    return;
                } catch (PluginRuntimeException e) {
                    // the plugins at fault: those needing a missing plugin, those needing another version,
                    // else (a cycle) every plugin that declares dependencies
                    java.util.function.Predicate<org.pf4j.PluginWrapper> atFault;
                    if (e instanceof org.pf4j.DependencyResolver.DependenciesNotFoundException nf) {
                        atFault = w -> w.getDescriptor().getDependencies().stream()
                                .anyMatch(d -> !d.isOptional() && nf.getDependencies().contains(d.getPluginId()));
                    } else if (e instanceof org.pf4j.DependencyResolver.DependenciesWrongVersionException wv) {
                        Set<String> dependents = new HashSet<>();
                        wv.getDependencies().forEach(d -> dependents.add(d.getDependentId()));
                        atFault = w -> dependents.contains(w.getPluginId());
                    } else {
                        Set<String> cyclic = inCycles();
                        atFault = cyclic.isEmpty() ? w -> !w.getDescriptor().getDependencies().isEmpty()
                                : w -> cyclic.contains(w.getPluginId());
                    }
                    List<org.pf4j.PluginWrapper> needy = getPlugins().stream().filter(atFault).toList();
                    if (needy.isEmpty()) {
                        throw e;
                    }
                    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    for (org.pf4j.PluginWrapper w : needy) {
                        List<String> deps = w.getDescriptor().getDependencies().stream()
                                .map(d -> d.getPluginId() + (d.getPluginVersionSupport() == null
                                        || "*".equals(d.getPluginVersionSupport()) ? "" : "@" + d.getPluginVersionSupport()))
                                .toList();
                        problems.add("plugin JAR " + name(w.getPluginPath()) + " skipped: plugin '" + w.getPluginId()
                                + "' needs the plugins " + deps + " (Plugin-Dependencies), which could not be resolved ("
                                + why + "); put the plugins it needs, in the right versions, in a plugins folder, or"
                                + " remove the dependency");
                        // as if its JAR had not been read (it has not been resolved, so nothing else uses it)
                        loadOrder.remove(w.getPluginId());
                        plugins.remove(w.getPluginId());
                        unresolvedPlugins.remove(w);
                        if (w.getPluginClassLoader() instanceof java.io.Closeable c) {
                            try {
                                c.close();
                            } catch (IOException ignored) {
                                // the class loader of a skipped plugin: nothing else to release
                            }
                        }
                    }
                }
            }
        }

        /** @return the plugins that depend, through their declared dependencies, on themselves */
        private Set<String> inCycles() {
            Map<String, List<String>> needs = new LinkedHashMap<>();
            for (org.pf4j.PluginWrapper w : getPlugins()) {
                needs.put(w.getPluginId(), w.getDescriptor().getDependencies().stream()
                        .map(org.pf4j.PluginDependency::getPluginId).toList());
            }
            Set<String> cyclic = new TreeSet<>();
            for (String start : needs.keySet()) {
                java.util.Deque<String> todo = new java.util.ArrayDeque<>(needs.get(start));
                Set<String> seen = new HashSet<>();
                while (!todo.isEmpty()) {
                    String id = todo.pop();
                    if (id.equals(start)) {
                        cyclic.add(start);
                        break;
                    }
                    if (seen.add(id) && needs.containsKey(id)) {
                        todo.addAll(needs.get(id));
                    }
                }
            }
            return cyclic;
        }

        /** @return the ids of the plugins loaded, in the order their JARs were read */
        List<String> loadOrder() {
            return List.copyOf(loadOrder);
        }

        /** The JAR's file name, or its full path when several folders are in use. */
        private String name(Path jar) {
            return getPluginsRoots().size() > 1 ? jar.toString() : jar.getFileName().toString();
        }

        @Override
        protected PluginWrapper loadPluginFromPath(Path pluginPath) {
            String id = null;
            try {
                id = getPluginDescriptorFinder().find(pluginPath).getPluginId();
            } catch (RuntimeException e) {
                // no readable descriptor: super.loadPluginFromPath reports it below
            }
            if (id != null && !id.isBlank() && !ID.matcher(id).matches()) {
                String msg = "plugin JAR " + name(pluginPath) + " skipped: its plugin id '" + id + "' is not valid: " + ID_RULE
                        + "; e.g. " + (hasEntry(pluginPath, "plugin.properties") ? "plugin.id=my-functions" : "Plugin-Id: my-functions");
                problems.add(msg);
                throw new ReportedException(msg);
            }
            PluginWrapper first = id == null ? null : getPlugin(id);
            if (first != null) {
                String msg = "plugin id '" + id + "' is in two JARs: kept " + name(first.getPluginPath())
                        + " (loaded first), ignored " + name(pluginPath)
                        + "; give one of them another Plugin-Id, or remove one";
                problems.add(msg);
                throw new ReportedException(msg);
            }
            try {
                PluginWrapper loaded = super.loadPluginFromPath(pluginPath);
                if (loaded != null) {
                    loadOrder.add(loaded.getPluginId());
                }
                return loaded;
            } catch (PluginRuntimeException e) {
                // in the user's words: PF4J's message names its own classes and fields
                // ("No PluginDescriptorFinder ...", "Field 'id' cannot be empty")
                problems.add("plugin JAR " + name(pluginPath) + " skipped: " + notAPlugin(pluginPath)
                        .orElse("it cannot be loaded: " + oneLine(e.getMessage())));
                throw e;
            }
        }
    }

    /** What a plugin JAR names itself with, for the messages. */
    private static final String DESCRIPTOR = "a plugin JAR names itself with Plugin-Id and Plugin-Version in"
            + " META-INF/MANIFEST.MF (or plugin.id and plugin.version in a plugin.properties at its root)";

    /**
     * Why a file PF4J refused is not a plugin, read from the file itself: not a JAR, no plugin
     * descriptor, or a descriptor without the plugin's id or version (PF4J reads
     * {@code plugin.properties} first, then the manifest).
     *
     * @return what is wrong and what would be valid, in one line; empty when the file looks like a
     *         plugin (PF4J refused it for another reason)
     */
    static Optional<String> notAPlugin(Path jar) {
        java.util.jar.Manifest manifest;
        java.util.Properties properties = null;
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            manifest = file.getManifest();
            java.util.zip.ZipEntry entry = file.getEntry("plugin.properties");
            if (entry != null) {
                properties = new java.util.Properties();
                try (java.io.InputStream in = file.getInputStream(entry)) {
                    properties.load(in);
                }
            }
        } catch (java.util.zip.ZipException e) {
            return Optional.of("not a JAR (not a zip archive, or a damaged one); " + DESCRIPTOR);
        } catch (IOException | SecurityException | IllegalArgumentException e) {
            return Optional.of("it cannot be read (" + oneLine(e.getMessage()) + "); " + DESCRIPTOR);
        }
        if (properties != null) {
            return missing(properties.getProperty("plugin.id"), properties.getProperty("plugin.version"),
                    "its plugin.properties", "plugin.id", "plugin.version", "=");
        }
        java.util.jar.Attributes main = manifest == null ? null : manifest.getMainAttributes();
        boolean described = main != null && main.keySet().stream().anyMatch(k -> k.toString().startsWith("Plugin-"));
        if (!described) {
            return Optional.of("no plugin descriptor (no Plugin-Id in META-INF/MANIFEST.MF, no plugin.properties); "
                    + DESCRIPTOR);
        }
        return missing(main.getValue("Plugin-Id"), main.getValue("Plugin-Version"), "its manifest (META-INF/MANIFEST.MF)",
                "Plugin-Id", "Plugin-Version", ": ");
    }

    private static Optional<String> missing(String id, String version, String where, String idKey, String versionKey,
            String sep) {
        if (id == null || id.isBlank()) {
            return Optional.of("the plugin id is missing: " + where + " has no " + idKey + (id == null ? "" : " value")
                    + "; add e.g. " + idKey + sep + "my-functions");
        }
        if (version == null || version.isBlank()) {
            return Optional.of("the plugin version is missing: " + where + " has no " + versionKey
                    + (version == null ? "" : " value") + "; add e.g. " + versionKey + sep + "1.0.0");
        }
        return Optional.empty();
    }

    /**
     * Loads the plugins of one folder.
     *
     * @param folder the plugins folder, or {@code null} for the built-in spline kinds only
     */
    public static PluginRegistry load(Path folder) {
        return new PluginRegistry(folder == null ? List.of() : List.of(folder));
    }

    /**
     * Loads the plugins of several folders, in order: when two JARs have the same
     * {@code Plugin-Id}, the one in the earlier folder is kept.
     *
     * @param folders existing folders (empty for the built-in spline kinds only)
     */
    public static PluginRegistry load(List<Path> folders) {
        return new PluginRegistry(folders);
    }

    /**
     * The plugins folders to use: the bundled folder (when it exists) followed by the user's
     * folders, from {@code --plugins-dir} when given, else from {@value #ENV}. Each value may be a
     * path list separated by {@link File#pathSeparator}; duplicates are dropped.
     *
     * @param option the {@code --plugins-dir} values, or null/empty when not given
     * @throws ErrorReporter.UsageException for an empty value, a folder that does not exist or is
     *         a file, or when no folder at all is available
     */
    public static List<Path> resolveFolders(List<String> option) {
        return resolveFolders(option, System.getenv(ENV), defaultFolder());
    }

    static List<Path> resolveFolders(List<String> option, String env, Path bundled) {
        Set<Path> folders = new LinkedHashSet<>();
        if (Files.isDirectory(bundled)) {
            folders.add(real(bundled));
        }
        if (option != null && !option.isEmpty()) {
            for (String value : option) {
                if (value == null || value.isBlank()) {
                    throw new ErrorReporter.UsageException("--plugins-dir is empty; give a folder holding plugin JARs"
                            + " (several: --plugins-dir DIR1" + File.pathSeparator + "DIR2, or repeat the option)");
                }
                for (String part : value.split(Pattern.quote(File.pathSeparator))) {
                    if (!part.isBlank()) {
                        folders.add(real(existing(Path.of(part), "--plugins-dir")));
                    }
                }
            }
        } else if (env != null && !env.isBlank()) {
            for (String part : env.split(Pattern.quote(File.pathSeparator))) {
                if (!part.isBlank()) {
                    folders.add(real(existing(Path.of(part), "environment variable " + ENV)));
                }
            }
        }
        if (folders.isEmpty()) {
            throw new ErrorReporter.UsageException("the bundled plugins folder " + bundled + " does not exist;"
                    + " build the plugins with 'mvn -B -q install -DskipTests' or pass --plugins-dir DIR");
        }
        return List.copyOf(folders);
    }

    private static Path existing(Path p, String source) {
        Path abs = p.toAbsolutePath().normalize();
        if (Files.isRegularFile(abs)) {
            throw new ErrorReporter.UsageException("plugins folder " + abs + " (from " + source + ") is a file;"
                    + " give the folder that holds the plugin JARs");
        }
        if (!Files.isDirectory(abs)) {
            throw new ErrorReporter.UsageException("plugins folder " + abs + " (from " + source + ") does not exist;"
                    + " give an existing folder holding plugin JARs");
        }
        return abs;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
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

    /** @return the plugins folders in load order (empty when none was loaded) */
    public List<Path> folders() {
        return folders;
    }

    /**
     * @return the plugins folders for a message: one path, or several joined by {@code ", "}
     *         ("none" when no folder was loaded); {@link #folders()} gives the list
     */
    public String folder() {
        return folders.isEmpty() ? "none" : String.join(", ", folders.stream().map(Path::toString).toList());
    }

    /** @return the plugins that loaded and started, in load order */
    public List<Plugin> plugins() {
        return Collections.unmodifiableList(plugins);
    }

    /** @return the functions by id, in load order */
    public Map<String, TargetFunction> functions() {
        return Collections.unmodifiableMap(functions);
    }

    /** @return the spline kinds by id, built-ins first */
    public Map<String, SplineKind> splineKinds() {
        return Collections.unmodifiableMap(splineKinds);
    }

    /**
     * @return the function's description in one line, as read when it was loaded
     *         ({@value #NO_DESCRIPTION} when it has none)
     */
    public String functionDescription(String id) {
        return functionDescriptions.getOrDefault(id, NO_DESCRIPTION);
    }

    /** @return the function's parameters, as read (and checked) when it was loaded */
    public List<ParameterSpec> parameters(String id) {
        return functionParameters.getOrDefault(id, List.of());
    }

    /** @return the spline kind's description in one line ({@value #NO_DESCRIPTION} when it has none) */
    public String splineKindDescription(String id) {
        return splineDescriptions.getOrDefault(id, NO_DESCRIPTION);
    }

    /** @return the plugin id (or {@value #BUILT_IN}) that provides the function or, failing that, the spline kind */
    public String source(String id) {
        String s = functionSources.get(id);
        return s != null ? s : splineSources.getOrDefault(id, "?");
    }

    /** @return the plugin id (or {@value #BUILT_IN}) that provides the spline kind, "?" for an unknown id */
    public String splineKindSource(String id) {
        return splineSources.getOrDefault(id, "?");
    }

    /**
     * @return where the function (or, failing that, the spline kind) comes from, for messages:
     *         "plugin ID, loaded from JAR" ("plugin ID" when its JAR is unknown, {@value #BUILT_IN}
     *         for the engine's own, "?" for an unknown id)
     */
    public String origin(String id) {
        return originOf(source(id));
    }

    /** @return where the spline kind comes from, in the words of {@link #origin(String)} */
    public String splineKindOrigin(String id) {
        return originOf(splineKindSource(id));
    }

    private String originOf(String plugin) {
        if (BUILT_IN.equals(plugin) || "?".equals(plugin)) {
            return plugin;
        }
        return plugins.stream().filter(p -> p.id().equals(plugin) && p.jar() != null).findFirst()
                .map(p -> "plugin " + plugin + ", loaded from " + p.jar()).orElse("plugin " + plugin);
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
        List<ParameterSpec> specs = parameters(id);
        for (ParameterSpec s : specs) {
            known.add(s.name());
            if (s.defaultValue() != null) {
                values.put(s.name(), s.defaultValue());
            }
        }
        for (Map.Entry<String, Object> e : params.entrySet()) {
            if (!known.contains(e.getKey()) && !f.acceptsOtherParameters()) {
                throw new ParameterException(e.getKey(), "unknown parameter '" + e.getKey() + "'; valid: "
                        + String.join(", ", specs.stream().map(ParameterSpec::name).toList()));
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
