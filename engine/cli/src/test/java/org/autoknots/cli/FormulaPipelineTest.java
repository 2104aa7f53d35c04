package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The user-function plugins used from a pipeline file ({@code autoknots run}): a {@code formula}
 * function with named constants, and the spline kinds of the spline-kinds plugin under
 * {@code spline:}. The plugins come from the plugins folder the build fills.
 */
class FormulaPipelineTest {

    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path pipeline(String expression, String spline) throws IOException {
        String yaml = String.join("\n",
                "name: formula-" + spline,
                "function:",
                "  id: formula",
                "  params:",
                "    expression: \"" + expression + "\"",
                "    variable: r",
                "    rho0: 2.0",
                "    r0: 0.5",
                "stages:",
                "  - id: rho",
                "    type: tabulate",
                "    range: [0.01, 10.0]",
                "    knots: log",
                "    spline: " + spline,
                "    tolerance: { rel: 1.0e-6 }",
                "");
        Path p = dir.resolve("formula-" + spline + ".yaml");
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void formulaWithPluginSplineKindsFromYaml() throws IOException {
        String plugins = System.getProperty("autoknots.test.plugins");
        for (String spline : new String[] {"steffen", "akima", "akima-modified"}) {
            Path out = dir.resolve("out-" + spline);
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = run(o, e, "run", pipeline("rho0 / ((1 + r/r0) * (1 + (r/r0)^2))", spline).toString(), "--out",
                    out.toString(), "--plugins-dir", plugins, "--progress", "none", "--no-plots");
            assertEquals(ExitCodes.OK, code, spline + ": " + e);
            Path csv;
            try (var files = Files.list(out)) {
                csv = files.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst()
                        .orElseThrow(() -> new AssertionError("no table in " + out));
            }
            List<String> lines = Files.readAllLines(csv);
            assertTrue(lines.size() > 10, "table rows: " + lines.size());
            // every knot holds the formula's value, at full precision
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                double r = Double.parseDouble(f[0]);
                double q = r / 0.5;
                double exact = 2.0 / ((1 + q) * (1 + q * q));
                assertEquals(exact, Double.parseDouble(f[1]), 1e-15 * exact, spline + " at r = " + r);
            }
            String summary = Files.readString(out.resolve("summary.json"));
            assertTrue(summary.contains("\"converged\" : true"), summary);
        }
    }

    @Test
    void formulaErrorInYamlIsAConfigurationError() throws IOException {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = run(o, e, "run", pipeline("rho0 / (1 + r/rc)", "steffen").toString(), "--out",
                dir.resolve("bad").toString(), "--plugins-dir", System.getProperty("autoknots.test.plugins"),
                "--progress", "none", "--no-plots");
        assertEquals(ExitCodes.CONFIGURATION, code, o + "\n" + e);
        assertTrue(e.toString().contains("unknown name 'rc'"), e.toString());
    }

    @Test
    void aFormulaSyntaxErrorIsOneLineAtTheFormulasPlaceInTheFile() throws IOException {
        // the expression's value starts at line 5, column 17 (its opening quote)
        Path p = pipeline("rho0 / ((1 + r/r0) * (1 + (r/r0)^2)", "steffen");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = run(o, e, "run", p.toString(), "--out", dir.resolve("bad").toString(), "--plugins-dir",
                System.getProperty("autoknots.test.plugins"), "--progress", "none", "--no-plots");
        assertEquals(ExitCodes.CONFIGURATION, code, o + "\n" + e);
        List<String> lines = e.toString().lines().toList();
        assertEquals(List.of("autoknots: 1 problem in the pipeline file:",
                p + ":5:17: function.params.expression: formula 'rho0 / ((1 + r/r0) * (1 + (r/r0)^2)': unclosed '('"
                        + " at column 8 of the formula: add the missing ')'"), lines);
        assertFalse(Files.exists(dir.resolve("bad")));
    }
}
