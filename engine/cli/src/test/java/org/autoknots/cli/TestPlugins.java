package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds small plugin JARs inside a test, the way a user's build would: the sources compiled
 * against the API on the test class path, a manifest with the plugin's descriptor and a
 * {@code META-INF/extensions.idx} naming the extension classes (written here, not by the
 * annotation processor, so that a test can also name a class that is not there).
 */
final class TestPlugins {

    private TestPlugins() {
    }

    /**
     * @param jar      the JAR to write
     * @param pluginId its {@code Plugin-Id}
     * @param sources  Java sources by fully qualified class name
     * @param index    the class names to list in {@code META-INF/extensions.idx}
     * @return {@code jar}
     */
    static Path jar(Path jar, String pluginId, Map<String, String> sources, List<String> index) {
        return jar(jar, pluginId, sources, index, entries -> { });
    }

    /**
     * As {@link #jar(Path, String, Map, List)}, with the JAR's entries (name to bytes, the index
     * and manifest excluded) edited before they are written: a test can drop a class, change one
     * or add one.
     */
    static Path jar(Path jar, String pluginId, Map<String, String> sources, List<String> index,
            Consumer<Map<String, byte[]>> edit) {
        try {
            Path work = Files.createTempDirectory("autoknots-test-plugin-");
            try {
                build(work, jar, pluginId, sources, index, edit);
            } finally {
                try (Stream<Path> all = Files.walk(work)) {
                    for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void build(Path work, Path jar, String pluginId, Map<String, String> sources, List<String> index,
            Consumer<Map<String, byte[]>> edit) throws IOException {
        Path classes = Files.createDirectory(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path")));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path src = work.resolve("src").resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, e.getValue());
            args.add(src.toString());
        }
        if (!sources.isEmpty()) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "the test plugin compiles");
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Plugin-Id", pluginId);
        m.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        Map<String, byte[]> entries = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                entries.put(classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        edit.accept(entries);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
            if (index != null) {
                out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                out.write(String.join("\n", index).concat("\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    /** A function {@code id} in class {@code pkg.name}: {@code factor} times the NFW profile ρ_s / (x (1 + x)²). */
    static String nfwLike(String pkg, String name, String id, double factor) {
        return """
                package %s;

                import java.util.List;
                import org.autoknots.api.*;

                @org.pf4j.Extension
                public final class %s implements TargetFunction {
                    public String id() { return "%s"; }
                    public String description() { return "%s times NFW"; }
                    public List<ParameterSpec> parameters() {
                        return List.of(ParameterSpec.number("rho_s", "", ""), ParameterSpec.number("r_s", "", ""));
                    }
                    public FunctionInstance create(Parameters p) {
                        double rho = p.positive("rho_s"), rs = p.positive("r_s");
                        return r -> { double x = r / rs; return %s * rho / (x * (1 + x) * (1 + x)); };
                    }
                }
                """.formatted(pkg, name, id, factor, factor);
    }

    /** A spline kind {@code id} in class {@code pkg.name} whose slopes are all {@code slope}. */
    static String constantSlopes(String pkg, String name, String id, String slope) {
        return """
                package %s;

                import org.autoknots.api.*;

                @org.pf4j.Extension
                public final class %s implements SplineKind {
                    public String id() { return "%s"; }
                    public String description() { return "every slope %s"; }
                    public int minKnots() { return 3; }
                    public Spline build(double[] x, double[] y) {
                        double[] m = new double[x.length];
                        java.util.Arrays.fill(m, %s);
                        return CubicSpline.hermite(x, y, m);
                    }
                }
                """.formatted(pkg, name, id, slope, slope);
    }
}
