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
 * whose slopes are NaN on gentle data, and a density whose closed form of Σ is NaN beyond R = 10.
 * The errors name the spline kind or the closed form and the plugin, never f.
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

    /** Plummer-like ρ = (1 + r²)^(-5/2): Σ = (4/3)(1 + R²)^(-2), Σ̄ = (4/3)/(1 + R²); this Σ is NaN beyond R = 10. */
    static final String BAD_SIGMA = """
            package org.r;

            import java.util.List;
            import java.util.Optional;
            import org.autoknots.api.*;

            @org.pf4j.Extension
            public final class BadSigma implements TargetFunction {
                public String id() { return "bad-sigma"; }
                public String description() { return "Plummer-like density with a wrong closed form"; }
                public List<ParameterSpec> parameters() { return List.of(); }
                public FunctionInstance create(Parameters p) {
                    return new FunctionInstance() {
                        public double value(double r) { return Math.pow(1 + r * r, -2.5); }
                        public Optional<SurfaceDensity> surfaceDensity() {
                            return Optional.of(new SurfaceDensity() {
                                public double sigma(double R) { return R > 10 ? Double.NaN : 4.0 / 3 / ((1 + R * R) * (1 + R * R)); }
                                public double meanSigma(double R) { return 4.0 / 3 / (1 + R * R); }
                            });
                        }
                    };
                }
            }
            """;

    @TempDir
    static Path plugins;
    static String jar;

    @BeforeAll
    static void buildThePlugin() throws IOException {
        Path j = TestPlugins.jar(plugins.resolve("run-defects.jar"), "run-defects",
                Map.of("org.r.NanSlopes", NAN_SLOPES, "org.r.BadSigma", BAD_SIGMA), List.of("org.r.BadSigma", "org.r.NanSlopes"));
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

    @Test
    void aNanClosedFormIsThePluginsClosedFormNotF(@TempDir Path dir) {
        Path p = Cli.write(dir, "a.yaml", """
                name: analytic
                function:
                  id: bad-sigma
                stages:
                  - id: proj
                    type: project
                    range: [1, 100]
                    knots: log
                    method: analytic
                    tolerance: { rel: 1.0e-6 }
                    quantities: [sigma]
                """);
        Cli.Result r = run("run", p.toString(), "--out", dir.resolve("o").toString());
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertTrue(r.err().contains("autoknots: error: stage 'proj': the closed form of sigma (SurfaceDensity.sigma) of"
                + " function 'bad-sigma' (plugin run-defects, loaded from " + jar + ") returned NaN at R = "), r::toString);
        assertTrue(r.err().contains("; a closed form must be finite on the whole range: a defect of the plugin (method:"
                + " numeric computes sigma from the density instead)"), r::toString);
        assertFalse(r.err().contains("f(x) ="), r::toString);
    }

    @Test
    void aNanClosedFormInAValidationIsNamedAsTheReferenceNotAnInfiniteError(@TempDir Path dir) {
        Path p = Cli.write(dir, "v.yaml", """
                name: validate
                function:
                  id: bad-sigma
                stages:
                  - id: proj
                    type: project
                    range: [1, 100]
                    knots: log
                    tolerance: { rel: 1.0e-6 }
                    quantities: [mean_sigma, sigma]
                  - id: check
                    type: validate
                    input: proj
                    against: analytic
                    max-rel-error: 1.0e-5
                """);
        Cli.Result r = run("run", p.toString(), "--out", dir.resolve("o").toString());
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertTrue(r.err().contains("autoknots: error: stage 'check': the closed form of sigma (SurfaceDensity.sigma) of"
                + " function 'bad-sigma' (plugin run-defects, loaded from " + jar + ") returned NaN at R = 10."), r::toString);
        assertTrue(r.err().contains(", a point where it is compared with stage 'proj'; a closed form must be finite on the"
                + " whole range: a defect of the plugin"), r::toString);
        assertFalse(r.err().contains("Infinity") || r.err().contains("f(x) ="), r::toString);
    }
}
