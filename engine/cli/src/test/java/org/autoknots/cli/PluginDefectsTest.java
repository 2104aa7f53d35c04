package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins whose extensions cannot be had, built here into JARs of their own: each problem is one
 * line naming the plugin, its JAR and the class, and saying what actually went wrong; the other
 * extensions and plugins still load.
 */
class PluginDefectsTest {

    /** A function {@code id} in class {@code pkg.name}, with {@code body} added to the class. */
    static String function(String pkg, String name, String id, String body) {
        return """
                package %s;

                import java.util.List;
                import org.autoknots.api.*;

                @org.pf4j.Extension
                public class %s implements TargetFunction {
                    %s
                    public String id() { return "%s"; }
                    public String description() { return "a test function"; }
                    public List<ParameterSpec> parameters() { return List.of(); }
                    public FunctionInstance create(Parameters p) { return x -> x; }
                }
                """.formatted(pkg, name, body, id);
    }

    private static PluginRegistry load(Path dir) {
        return PluginRegistry.load(List.of(dir));
    }

    @Test
    void aConstructorThatThrowsIsReportedWithItsMessageAndTheOtherExtensionsLoad(@TempDir Path dir) {
        TestPlugins.jar(dir.resolve("ctor.jar"), "ctor", Map.of(
                "org.c.Bad", function("org.c", "Bad", "bad", "public Bad() { throw new IllegalStateException(\"no licence\"); }"),
                "org.c.Good", function("org.c", "Good", "good", "")), List.of("org.c.Bad", "org.c.Good"));
        try (PluginRegistry r = load(dir)) {
            assertEquals(List.of("plugin 'ctor' (ctor.jar): the constructor of function class org.c.Bad threw"
                    + " IllegalStateException: no licence; the extension is skipped"), r.problems());
            assertEquals(List.of("good"), List.copyOf(r.functions().keySet()));
        }
    }

    @Test
    void aClassNamedInTheIndexButMissingFromTheJarIsSaidSo(@TempDir Path dir) {
        TestPlugins.jar(dir.resolve("missing.jar"), "missing", Map.of("org.m.Good", function("org.m", "Good", "good", "")),
                List.of("org.m.Nope", "org.m.Good"));
        try (PluginRegistry r = load(dir)) {
            assertEquals(List.of("plugin 'missing' (missing.jar): class org.m.Nope, named in its META-INF/extensions.idx, is"
                    + " not in the JAR; rebuild the plugin so that the index names the classes annotated with @Extension"),
                    r.problems());
            assertEquals(List.of("good"), List.copyOf(r.functions().keySet()));
        }
    }

    @Test
    void noIndexAnEmptyIndexAndAClassOfNoExtensionPointAreToldApart(@TempDir Path dir) {
        TestPlugins.jar(dir.resolve("a-noindex.jar"), "noindex", Map.of("org.n.F", function("org.n", "F", "f", "")), null);
        TestPlugins.jar(dir.resolve("b-empty.jar"), "empty", Map.of("org.e.F", function("org.e", "F", "f", "")), List.of());
        TestPlugins.jar(dir.resolve("c-other.jar"), "other", Map.of("org.o.Other", "package org.o; public class Other {}"),
                List.of("org.o.Other"));
        TestPlugins.jar(dir.resolve("d-private.jar"), "private", Map.of("org.p.F",
                function("org.p", "F", "f", "private F() { }")), List.of("org.p.F"));
        try (PluginRegistry r = load(dir)) {
            String processor = "; PF4J's annotation processor writes that index from the classes annotated with @Extension"
                    + " (list org.pf4j:pf4j in the compiler's annotationProcessorPaths)";
            assertEquals(List.of(
                    "plugin 'noindex' (a-noindex.jar) provides no function or spline kind: its JAR has no"
                            + " META-INF/extensions.idx" + processor,
                    "plugin 'empty' (b-empty.jar) provides no function or spline kind: its META-INF/extensions.idx names"
                            + " no class" + processor,
                    "plugin 'other' (c-other.jar): class org.o.Other, named in its META-INF/extensions.idx, implements"
                            + " neither org.autoknots.api.TargetFunction nor org.autoknots.api.SplineKind; autoknots uses only"
                            + " those",
                    "plugin 'private' (d-private.jar): function class org.p.F cannot be created: it has no public constructor"
                            + " without arguments; PF4J creates an extension with its public no-argument constructor"),
                    r.problems());
            assertTrue(r.functions().isEmpty(), r.functions()::toString);
        }
    }

    @Test
    void aClassCompiledForANewerJavaNamesBothJavas(@TempDir Path dir) {
        int feature = Runtime.version().feature();
        // the class file's major version (bytes 6 and 7) of the Java after the one running
        int major = feature + 1 + 44;
        TestPlugins.jar(dir.resolve("new.jar"), "newer", Map.of("org.v.F", function("org.v", "F", "f", "")),
                List.of("org.v.F"), entries -> {
                    byte[] b = entries.get("org/v/F.class");
                    b[6] = (byte) (major >> 8);
                    b[7] = (byte) major;
                });
        try (PluginRegistry r = load(dir)) {
            assertEquals(List.of("plugin 'newer' (new.jar): class org.v.F was compiled for Java " + (feature + 1)
                    + " (class file version " + major + "), newer than the Java " + feature + " running autoknots; compile"
                    + " the plugin for Java 17 (maven.compiler.release 17, or javac --release 17)"), r.problems());
        }
    }

    @Test
    void aMissingDependencyAndAPackagedCopyOfTheApiAreNamed(@TempDir Path dir) throws IOException {
        // F extends Base, which is left out of the JAR
        TestPlugins.jar(dir.resolve("a-dep.jar"), "dep", Map.of(
                "org.d.Base", "package org.d; public abstract class Base implements org.autoknots.api.TargetFunction {}",
                "org.d.F", function("org.d", "F", "f", "").replace("public class F implements TargetFunction",
                        "public class F extends Base")), List.of("org.d.F"), entries -> entries.remove("org/d/Base.class"));
        // the API's TargetFunction packaged into the plugin: its class loader finds that copy first
        byte[] api;
        try (var in = getClass().getClassLoader().getResourceAsStream("org/autoknots/api/TargetFunction.class")) {
            api = in.readAllBytes();
        }
        TestPlugins.jar(dir.resolve("b-api.jar"), "api-copy", Map.of("org.a.F", function("org.a", "F", "f", "")),
                List.of("org.a.F"), entries -> entries.put("org/autoknots/api/TargetFunction.class", api));
        try (PluginRegistry r = load(dir)) {
            assertEquals(List.of(
                    "plugin 'dep' (a-dep.jar): class org.d.F cannot be loaded: it needs class org.d.Base, which is neither in"
                            + " the plugin JAR nor provided by autoknots; package it into the plugin JAR",
                    "plugin 'api-copy' (b-api.jar): class org.a.F implements org.autoknots.api.TargetFunction from a copy of"
                            + " autoknots' API inside the plugin JAR, not autoknots' own; make"
                            + " org.autoknots:autoknots-api a provided dependency, so that it is not packaged"),
                    r.problems());
        }
    }

    /** The command: exit 0, the bundled functions listed, one line per defect, no stack trace. */
    @Test
    void thePluginsCommandListsEverythingElse(@TempDir Path dir) {
        TestPlugins.jar(dir.resolve("ctor.jar"), "ctor", Map.of(
                "org.c.Bad", function("org.c", "Bad", "bad", "public Bad() { throw new IllegalStateException(\"no licence\"); }")),
                List.of("org.c.Bad"));
        Cli.Result r = Cli.run("plugins", "--plugins-dir", dir.toString());
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("  nfw  [plugin halo-profiles]"), r::toString);
        assertTrue(r.err().contains("autoknots: warning: plugin 'ctor' (") && r.err().contains("ctor.jar): the constructor"
                + " of function class org.c.Bad threw IllegalStateException: no licence"), r::toString);
        assertFalse(r.err().contains("extensions.idx in its JAR?") || r.err().contains("\tat "), r::toString);
    }
}
