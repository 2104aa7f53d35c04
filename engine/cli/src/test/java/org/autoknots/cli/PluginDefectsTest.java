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

    /** A function whose id(), description() and parameters() return the given Java expressions. */
    static String declared(String pkg, String name, String id, String description, String parameters) {
        return """
                package %s;

                import java.util.List;
                import org.autoknots.api.*;

                @org.pf4j.Extension
                public class %s implements TargetFunction {
                    public String id() { return %s; }
                    public String description() { return %s; }
                    public List<ParameterSpec> parameters() { return %s; }
                    public FunctionInstance create(Parameters p) { return x -> x; }
                }
                """.formatted(pkg, name, id, description, parameters);
    }

    @Test
    void anExtensionBreakingItsContractIsSkippedByNameAndHidesNothingElse(@TempDir Path dir) {
        TestPlugins.jar(dir.resolve("defects.jar"), "defects", Map.of(
                "org.x.A", declared("org.x", "A", "\"a\"", "\"fine\"", "null"),
                "org.x.B", declared("org.x", "B", "\"Bad Id\"", "\"fine\"", "List.of()"),
                "org.x.C", declared("org.x", "C", "null", "\"fine\"", "List.of()"),
                "org.x.D", declared("org.x", "D", "\"d\"", "\"fine\"",
                        "List.of(ParameterSpec.number(\"k\", \"\", \"\"), ParameterSpec.number(\"k\", \"again\", \"\"))"),
                "org.x.E", declared("org.x", "E", "\"e\"", "\"fine\"",
                        "java.util.Arrays.asList(ParameterSpec.number(\"k\", \"\", \"\"), null)"),
                "org.x.F", declared("org.x", "F", "java.util.Objects.requireNonNull((String) null, \"no id yet\")", "\"fine\"", "List.of()"),
                "org.x.Good", declared("org.x", "Good", "\"good\"", "null", "List.of()"),
                "org.x.Lines", declared("org.x", "Lines", "\"lines\"", "\"two\\n  lines\"", "List.of()"),
                "org.x.Kind", """
                        package org.x;

                        import org.autoknots.api.*;

                        @org.pf4j.Extension
                        public class Kind implements SplineKind {
                            public String id() { return "none-needed"; }
                            public String description() { return ""; }
                            public int minKnots() { return 0; }
                            public Spline build(double[] x, double[] y) { return CubicSpline.hermite(x, y, new double[x.length]); }
                        }
                        """),
                List.of("org.x.A", "org.x.B", "org.x.C", "org.x.D", "org.x.E", "org.x.F", "org.x.Good", "org.x.Kind",
                        "org.x.Lines"));
        String rule = "an id is a lower-case letter followed by lower-case letters, digits, '-', '_' or '.', e.g. my-profile";
        String p = "plugin 'defects' (defects.jar): ";
        try (PluginRegistry r = load(dir)) {
            assertEquals(List.of(
                    p + "function class org.x.A is skipped: its parameters() returned null; return List.of() for a function"
                            + " without parameters",
                    p + "function class org.x.B is skipped: its id 'Bad Id' is not valid: " + rule,
                    p + "function class org.x.C is skipped: its id() returned null; " + rule,
                    p + "function class org.x.D is skipped: its parameters() names 'k' twice; each parameter needs a name of"
                            + " its own",
                    p + "function class org.x.E is skipped: its parameters() holds null; each parameter is a ParameterSpec",
                    p + "function class org.x.F is skipped: its id() threw NullPointerException: no id yet",
                    p + "spline kind class org.x.Kind is skipped: its minKnots() is 0; a spline needs at least 2 knots"),
                    r.problems());
            assertEquals(List.of("good", "lines"), List.copyOf(r.functions().keySet()));
            assertEquals(PluginRegistry.NO_DESCRIPTION, r.functionDescription("good"));
            assertEquals("two lines", r.functionDescription("lines"));
        }
        // the listing: exit 0, the bundled functions and the good ones, each defect in one line
        Cli.Result r = Cli.run("plugins", "--plugins-dir", dir.toString());
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("  nfw  [plugin halo-profiles]"), r::toString);
        assertTrue(r.out().contains("  good  [plugin defects]  (no description)\n"), r::toString);
        assertFalse(r.out().contains("null") || r.out().contains("Bad Id"), r::toString);
        assertEquals(7, r.err().lines().filter(l -> l.startsWith("autoknots: warning: plugin 'defects'")).count(), r::toString);
        assertFalse(r.err().contains("autoknots: error") || r.err().contains("\tat "), r::toString);
    }

    @Test
    void aPluginIdOutsideThePatternSkipsTheJar(@TempDir Path dir) {
        TestPlugins.jar(dir.resolve("bad.jar"), "Bad Id", Map.of("org.b.F", function("org.b", "F", "f", "")),
                List.of("org.b.F"));
        try (PluginRegistry r = load(dir)) {
            assertEquals(List.of("plugin JAR bad.jar skipped: its plugin id 'Bad Id' is not valid: an id is a lower-case"
                    + " letter followed by lower-case letters, digits, '-', '_' or '.'; e.g. Plugin-Id: my-functions"),
                    r.problems());
            assertTrue(r.plugins().isEmpty() && r.functions().isEmpty(), r.functions()::toString);
        }
    }

    /** Not a defect: one class may implement both extension points, and is registered as both. */
    @Test
    void oneClassMayBeBothAFunctionAndASplineKind(@TempDir Path dir) {
        TestPlugins.jar(dir.resolve("both.jar"), "both", Map.of("org.b.Both", """
                package org.b;

                import java.util.List;
                import org.autoknots.api.*;

                @org.pf4j.Extension
                public class Both implements TargetFunction, SplineKind {
                    public String id() { return "both"; }
                    public String description() { return "both at once"; }
                    public List<ParameterSpec> parameters() { return List.of(); }
                    public FunctionInstance create(Parameters p) { return x -> x; }
                    public int minKnots() { return 2; }
                    public Spline build(double[] x, double[] y) { return CubicSpline.hermite(x, y, new double[x.length]); }
                }
                """), List.of("org.b.Both"));
        try (PluginRegistry r = load(dir)) {
            assertEquals(List.of(), r.problems());
            assertEquals("both", r.source("both"));
            assertEquals("both", r.splineKindSource("both"));
            assertEquals("both at once", r.splineKindDescription("both"));
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
