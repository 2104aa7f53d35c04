package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin whose code fails while a run uses it, built here into a JAR of its own: a spline kind
 * whose slopes are NaN on gentle data. The errors name the spline kind and the plugin, never f.
 */
class PluginRunDefectsTest {

    static final String NAN_SLOPES = """
            package org.r;

            import org.autoknots.api.*;

            @org.pf4j.Extension
            public final class NanSlopes implements SplineKind {
                public String id() { return "nan-slopes"; }
                public String description() { return "every slope NaN"; }
                public int minKnots() { return 2; }
                public Spline build(double[] x, double[] y) {
                    double[] m = new double[x.length];
                    java.util.Arrays.fill(m, Double.NaN);
                    return CubicSpline.hermite(x, y, m);
                }
            }
            """;

    @TempDir
    static Path plugins;
    static String jar;

    @BeforeAll
    static void buildThePlugin() throws IOException {
        Path j = TestPlugins.jar(plugins.resolve("run-defects.jar"), "run-defects",
                Map.of("org.r.NanSlopes", NAN_SLOPES), List.of("org.r.NanSlopes"));
        jar = j.toRealPath().toString();
    }

    static Cli.Result run(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--plugins-dir", plugins.toString()));
        if (!args[0].equals("validate")) {
            a.addAll(List.of("--progress", "none"));
        }
        return Cli.run(a.toArray(String[]::new));
    }

    private static final String KIND_DEFECT = "failed on finite data (";
    private static final String NOT_F = "slope at knot 0 (x = 0.0) is NaN; this is a defect of the spline kind, not of f;"
            + " use another spline kind";

    @Test
    void nanSlopesAreTheSplineKindsDefectNamedWithItsPlugin(@TempDir Path dir) {
        Cli.Result t = run("tabulate", "--formula", "x", "--range", "0:1", "--spline", "nan-slopes",
                "--out", dir.resolve("t.csv").toString());
        assertEquals(ExitCodes.FAILURE, t.code(), t::toString);
        assertTrue(t.err().startsWith("autoknots: error: spline kind 'nan-slopes' (plugin run-defects, loaded from " + jar
                + ") " + KIND_DEFECT), t::toString);
        assertTrue(t.err().contains(NOT_F), t::toString);
        assertFalse(t.err().contains("f changes faster") || t.err().contains("too steep") || t.err().contains("\tat "),
                t::toString);

        Path p = Cli.write(dir, "k.yaml", """
                name: kind
                function:
                  id: formula
                  params: { expression: "x" }
                stages:
                  - id: tab
                    type: tabulate
                    range: [0, 1]
                    spline: nan-slopes
                    tolerance: { rel: 1.0e-6 }
                """);
        Cli.Result r = run("run", p.toString(), "--out", dir.resolve("o").toString());
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertTrue(r.err().contains("autoknots: error: stage 'tab': spline kind 'nan-slopes' (plugin run-defects, loaded from "
                + jar + ") " + KIND_DEFECT), r::toString);
        assertTrue(r.err().contains(NOT_F), r::toString);
    }
}
