package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin whose function throws (from {@code create} with parameter {@code npe}, from
 * {@code value} above x = 5.5), built here into its own JAR: the messages name the function,
 * its plugin and the stage.
 */
class PluginErrorsTest {

    static final String SOURCE = """
            package org.throwing;

            import java.util.List;
import java.util.Map;
            import org.autoknots.api.*;
            import org.pf4j.Extension;

            @Extension
            public class Throwing implements TargetFunction {
                public String id() { return "throwing"; }
                public String description() { return "throws"; }
                public List<ParameterSpec> parameters() { return List.of(); }
                public boolean acceptsOtherParameters() { return true; }
                public FunctionInstance create(Parameters p) {
                    if (p.names().contains("npe")) {
                        throw new NullPointerException();
                    }
                    return x -> {
                        if (x > 5.5) {
                            throw new IllegalStateException("boom");
                        }
                        return x + 1;
                    };
                }
            }
            """;

    @TempDir
    static Path plugins;

    @BeforeAll
    static void buildThePlugin() {
        TestPlugins.jar(plugins.resolve("throwing.jar"), "throwing-plugin", Map.of("org.throwing.Throwing", SOURCE),
                List.of("org.throwing.Throwing"));
    }

    static Cli.Result run(String... args) {
        List<String> a = new java.util.ArrayList<>(List.of(args));
        a.addAll(List.of("--plugins-dir", plugins.toString()));
        if (!args[0].equals("validate")) {
            a.addAll(List.of("--progress", "none"));
        }
        return Cli.run(a.toArray(String[]::new));
    }

    static final String PIPELINE = """
            name: throwing
            function:
              id: throwing
            stages:
              - id: tab
                type: tabulate
                range: [0, 10]
                tolerance: { rel: 1.0e-6 }
            """;

    @Test
    void anExceptionFromValueNamesStageFunctionAndPlugin(@TempDir Path dir) {
        Path p = Cli.write(dir, "t.yaml", PIPELINE);
        Cli.Result r = run("run", p.toString(), "--out", dir.resolve("o").toString());
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertTrue(r.err().contains("autoknots: error: stage 'tab': function 'throwing' (plugin throwing-plugin) threw"
                + " IllegalStateException: boom"), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
        assertFalse(Files.exists(dir.resolve("o")));

        Cli.Result t = run("tabulate", "--function", "throwing", "--range", "0:10");
        assertEquals(ExitCodes.FAILURE, t.code(), t::toString);
        assertTrue(t.err().contains("function 'throwing' (plugin throwing-plugin) threw IllegalStateException: boom"
                + " at x = "), t::toString);
    }

    @Test
    void anExceptionFromCreateNamesTheFunctionAndThePluginWithItsJar(@TempDir Path dir) throws IOException {
        Cli.Result t = run("tabulate", "--function", "throwing", "--param", "npe=1", "--range", "0:10");
        assertEquals(ExitCodes.FAILURE, t.code(), t::toString);
        String jar = plugins.resolve("throwing.jar").toRealPath().toString();
        assertTrue(t.err().contains("function 'throwing' (plugin throwing-plugin, loaded from " + jar
                + ") failed while being created: NullPointerException"), t::toString);
        Path p = Cli.write(dir, "t.yaml", PIPELINE.replace("  id: throwing\n", "  id: throwing\n  params: { npe: 1 }\n"));
        Cli.Result v = run("validate", p.toString());
        assertEquals(ExitCodes.CONFIGURATION, v.code(), v::toString);
        assertTrue(v.err().contains(":3:3: function: function 'throwing' (plugin throwing-plugin, loaded from " + jar
                + ") failed while being created with these parameters: NullPointerException"), v::toString);
        Cli.Result r = run("run", p.toString(), "--out", dir.resolve("o").toString());
        assertEquals(ExitCodes.CONFIGURATION, r.code(), r::toString);
        assertTrue(r.err().contains("(plugin throwing-plugin, loaded from " + jar + ") failed while being created"),
                r::toString);
    }

    /** A folder with a bad JAR of each kind, a stray text file and a zip; returns it. */
    static Path badPlugins(Path dir) throws IOException {
        Files.write(dir.resolve("broken.jar"), "not a zip".getBytes());
        Files.writeString(dir.resolve("notes.txt"), "a stray file: not a JAR, not tried\n");
        Files.write(dir.resolve("halo.zip"), new byte[] {'P', 'K'});
        jar(dir.resolve("no-descriptor.jar"), Map.of(), null);
        jar(dir.resolve("no-id.jar"), Map.of("Plugin-Version", "1.0.0", "Plugin-Provider", "me"), null);
        jar(dir.resolve("empty-id.jar"), Map.of("Plugin-Id", "", "Plugin-Version", "1.0.0"), null);
        jar(dir.resolve("no-version.jar"), Map.of("Plugin-Id", "lonely"), null);
        jar(dir.resolve("props-no-id.jar"), Map.of(), "plugin.version=1.0.0\nplugin.provider=me\n");
        return dir;
    }

    private static void jar(Path file, Map<String, String> attributes, String pluginProperties) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file), m)) {
            if (pluginProperties != null) {
                jar.putNextEntry(new JarEntry("plugin.properties"));
                jar.write(pluginProperties.getBytes());
                jar.closeEntry();
            }
        }
    }

    /** A JAR of only a manifest: a plugin with an id, a version and the given Plugin-Dependencies. */
    private static void manifestOnly(Path jar, String id, String dependencies) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Plugin-Id", id);
        m.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        m.getMainAttributes().putValue("Plugin-Dependencies", dependencies);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
    }

    @Test
    void aPluginWhoseDependenciesCannotBeResolvedIsSkippedAndTheOthersLoad(@TempDir Path dir) throws IOException {
        // a missing plugin, a version that is not there, and a cycle of two
        manifestOnly(dir.resolve("a-missing.jar"), "needs-missing", "nonexistent-plugin");
        manifestOnly(dir.resolve("b-version.jar"), "needs-new-formula", "formula@>=99.0.0");
        manifestOnly(dir.resolve("c-cycle1.jar"), "cycle-one", "cycle-two");
        manifestOnly(dir.resolve("d-cycle2.jar"), "cycle-two", "cycle-one");
        // a plugin whose dependency is there is not caught up in the others' problems
        manifestOnly(dir.resolve("e-good.jar"), "needs-formula", "formula");
        Cli.Result r = Cli.withPlugins("plugins", "--plugins-dir", dir.toString());
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("nfw  [plugin halo-profiles]") && r.out().contains("formula"), r::toString);
        List<String> lines = r.err().lines().toList();
        for (String jar : List.of("a-missing.jar", "b-version.jar", "c-cycle1.jar", "d-cycle2.jar")) {
            assertEquals(1, lines.stream().filter(l -> l.startsWith("autoknots: warning: plugin JAR ") && l.contains(jar
                    + " skipped: plugin '") && l.contains("(Plugin-Dependencies), which could not be resolved")).count(),
                    jar + " in\n" + r);
        }
        assertEquals(4, lines.stream().filter(l -> l.contains(" skipped: plugin '")).count(), r::toString);
        // loaded (it provides nothing, which is said in a line of its own)
        assertFalse(r.err().contains("e-good.jar skipped"), r::toString);
        assertTrue(r.out().contains("needs-formula"), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
        // and a command that uses a good plugin runs
        Cli.Result t = Cli.withPlugins("tabulate", "--plugins-dir", dir.toString(), "--function", "nfw", "--param",
                "rho_s=1", "--param", "r_s=1", "--range", "1:2");
        assertEquals(ExitCodes.OK, t.code(), t::toString);
    }

    @Test
    void aBadJarIsOneUserLinePerFileWithoutPf4jsWords(@TempDir Path dir) throws IOException {
        Path bad = badPlugins(dir);
        Cli.Result r = Cli.withPlugins("plugins", "--plugins-dir", bad.toString());
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        // the good plugins still load
        assertTrue(r.out().contains("nfw  [plugin halo-profiles]"), r::toString);
        List<String> lines = r.err().lines().toList();
        String root = bad.toRealPath() + java.io.File.separator;
        String descriptor = "a plugin JAR names itself with Plugin-Id and Plugin-Version in META-INF/MANIFEST.MF (or"
                + " plugin.id and plugin.version in a plugin.properties at its root)";
        List<String> expected = List.of(
                "autoknots: warning: plugin archive " + root + "halo.zip is not loaded: autoknots loads plugin JARs (*.jar)"
                        + " only; package the plugin as a JAR",
                "autoknots: warning: plugin JAR " + root + "broken.jar skipped: not a JAR (not a zip archive, or a damaged"
                        + " one); " + descriptor,
                "autoknots: warning: plugin JAR " + root + "empty-id.jar skipped: the plugin id is missing: its manifest"
                        + " (META-INF/MANIFEST.MF) has no Plugin-Id value; add e.g. Plugin-Id: my-functions",
                "autoknots: warning: plugin JAR " + root + "no-descriptor.jar skipped: no plugin descriptor (no Plugin-Id in"
                        + " META-INF/MANIFEST.MF, no plugin.properties); " + descriptor,
                "autoknots: warning: plugin JAR " + root + "no-id.jar skipped: the plugin id is missing: its manifest"
                        + " (META-INF/MANIFEST.MF) has no Plugin-Id; add e.g. Plugin-Id: my-functions",
                "autoknots: warning: plugin JAR " + root + "no-version.jar skipped: the plugin version is missing: its"
                        + " manifest (META-INF/MANIFEST.MF) has no Plugin-Version; add e.g. Plugin-Version: 1.0.0",
                "autoknots: warning: plugin JAR " + root + "props-no-id.jar skipped: the plugin id is missing: its"
                        + " plugin.properties has no plugin.id; add e.g. plugin.id=my-functions");
        assertEquals(expected, lines, r::toString);
        for (String word : List.of("PluginDescriptorFinder", "Field '", "org.pf4j", "notes.txt")) {
            assertFalse(r.err().contains(word), word + " in\n" + r);
        }
    }

    /** PF4J's own log: off by default, on stderr with --debug (a JVM of its own: slf4j reads its levels once). */
    @Test
    void pf4jsOwnLogShowsOnlyWithDebug(@TempDir Path dir) throws Exception {
        Path bad = badPlugins(dir);
        String quiet = cliProcess("plugins", "--plugins-dir", bad.toString());
        assertFalse(quiet.contains("org.pf4j"), quiet);
        assertTrue(quiet.contains("broken.jar skipped: not a JAR"), quiet);
        String debug = cliProcess("plugins", "--plugins-dir", bad.toString(), "--debug");
        assertTrue(debug.contains("org.pf4j.AbstractPluginManager"), debug);
        assertTrue(debug.contains("broken.jar skipped: not a JAR"), debug);
    }

    /** @return the stderr of the command run in a JVM of its own */
    private static String cliProcess(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--plugins-dir", Cli.pluginsDir().toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OK, p.waitFor(), err);
        return err;
    }
}
