package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: the command, with the plugin JARs the build copied to target/plugins, on the
 * repository's pipelines and on small pipelines written by the tests. Expected values come from
 * closed forms written here, independently of the plugins, or from the 60-digit reference file.
 */
class RunCommandTest {

    /** NFW Σ/(2 ρ_s r_s) from Wright &amp; Brainerd (2000), written out here; not for |x − 1| &lt; 1e-2. */
    static double nfwSigma(double x) {
        double f = x < 1 ? acosh(1 / x) / Math.sqrt(1 - x * x) : Math.acos(1 / x) / Math.sqrt(x * x - 1);
        return (1 - f) / (x * x - 1);
    }

    /** Hernquist Σ·2πa²/M (Hernquist 1990), written out here; not for |s − 1| &lt; 0.05. */
    static double hernquistSigma(double s) {
        double f = s < 1 ? acosh(1 / s) / Math.sqrt(1 - s * s) : Math.acos(1 / s) / Math.sqrt(s * s - 1);
        return ((2 + s * s) * f - 3) / ((1 - s * s) * (1 - s * s));
    }

    static double acosh(double v) {
        return Math.log(v + Math.sqrt(v * v - 1));
    }

    static final String FORMULA = """
            name: growth
            function:
              id: formula
              params: { expression: "exp(x/3) + 1" }
            stages:
              - id: f
                type: tabulate
                range: [0.0, 10.0]
                tolerance: { rel: 1.0e-6 }
                concurrency: 2
              - id: check
                type: validate
                input: f
                max-rel-error: MAXREL
            output: out
            """;

    @Test
    void nfwPipelineRunsEndToEndAndPassesItsValidation(@TempDir Path out) throws IOException {
        Cli.Result r = Cli.withPlugins("run", Cli.pipelines().resolve("nfw-sigma.yaml").toString(), "--out",
                out.toString(), "--progress", "plain");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        JsonNode s = Cli.json(out.resolve("summary.json"));
        JsonNode check = s.path("stages").path("check");
        assertTrue(check.path("passed").asBoolean(), s::toPrettyString);
        assertEquals(2000, check.path("points").asInt());
        for (String q : List.of("sigma", "mean_sigma", "delta_sigma")) {
            double e = check.path("quantities").path(q).path("max_rel_error").asDouble(Double.NaN);
            assertTrue(e > 0 && e <= 1e-7, q + ": " + e);
            double at = check.path("quantities").path(q).path("at").asDouble(Double.NaN);
            assertTrue(at >= 1e-4 && at <= 1e4, q + " at " + at);
        }
        for (String st : List.of("rho", "sigma")) {
            JsonNode n = s.path("stages").path(st);
            assertTrue(n.path("converged").asBoolean(), st);
            long evals = n.path("evaluations").asLong();
            assertTrue(evals > 100 && evals < 20_000, st + " evaluations " + evals);
            assertTrue(n.path("knots").asLong() > 0 && n.has("passes") && n.has("seconds"), n::toString);
        }
        assertEquals(3, s.path("stages").path("sigma").path("quantities").size());

        // the ρ table holds f at the knots: compare with ρ written out here
        double[][] rho = Cli.table(out.resolve("rho.csv"), "x,value");
        assertEquals(s.path("stages").path("rho").path("knots").asInt(), rho[0].length);
        assertEquals(1e-4, rho[0][0]);
        assertEquals(1e4, rho[0][rho[0].length - 1]);
        for (int i = 0; i < rho[0].length; i++) {
            double x = rho[0][i];
            assertEquals(1 / (x * (1 + x) * (1 + x)), rho[1][i], 1e-14 * rho[1][i], "rho at " + x);
        }
        // the numerically projected Σ at its knots against the closed form written here
        double[][] sigma = Cli.table(out.resolve("sigma-sigma.csv"), "R,sigma");
        int compared = 0;
        for (int i = 0; i < sigma[0].length; i++) {
            double x = sigma[0][i];
            if (Math.abs(x - 1) > 1e-2) {
                double want = 2 * nfwSigma(x);
                assertEquals(want, sigma[1][i], 1e-8 * want, "Σ at R = " + x);
                compared++;
            }
        }
        assertTrue(compared > 100, "compared " + compared);
        // full precision: 17 significant digits
        String line = Files.readAllLines(out.resolve("sigma-sigma.csv")).get(5);
        assertTrue(line.replaceAll("[^0-9]", "").length() >= 34, line);
        for (String png : List.of("rho.png", "sigma-sigma.png", "sigma-mean_sigma.png", "sigma-delta_sigma.png", "check.png")) {
            assertTrue(Files.exists(out.resolve(png)), () -> png + " missing; " + r);
            byte[] b = Files.readAllBytes(out.resolve(png));
            assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png);
        }
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "temporary files left");
        }
        assertTrue(r.out().contains("check: validation of sigma against analytic: passed"), r::toString);
        assertTrue(r.err().contains("[sigma] done in"), r::toString);
    }

    @Test
    void hernquistPipelinePassesAgainstClosedFormsAndTheReferenceFile(@TempDir Path out) throws IOException {
        Cli.Result r = Cli.withPlugins("run", Cli.pipelines().resolve("hernquist-sigma.yaml").toString(), "--out",
                out.toString(), "--progress", "none", "--no-plots");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        JsonNode s = Cli.json(out.resolve("summary.json"));
        // the reference rows inside [1e-3, 1e3], counted here from the file
        List<String> rows = Files.readAllLines(Cli.pipelines().resolve("reference/hernquist_sigma.csv")).stream()
                .filter(l -> l.startsWith("hernquist,")).toList();
        int inside = 0;
        for (String l : rows) {
            double radius = Double.parseDouble(l.split(",")[3]);
            if (radius >= 1e-3 && radius <= 1e3) {
                inside++;
            }
        }
        JsonNode ref = s.path("stages").path("check-reference");
        assertTrue(ref.path("passed").asBoolean(), s::toPrettyString);
        assertEquals(inside, ref.path("points").asInt());
        assertEquals(rows.size() - inside, ref.path("skipped_rows").asInt());
        JsonNode ana = s.path("stages").path("check-analytic");
        assertTrue(ana.path("passed").asBoolean(), s::toPrettyString);
        for (JsonNode v : List.of(ref, ana)) {
            for (String q : List.of("sigma", "mean_sigma", "delta_sigma")) {
                double e = v.path("quantities").path(q).path("max_rel_error").asDouble(Double.NaN);
                assertTrue(e > 0 && e <= 1e-7, q + ": " + e);
            }
        }
        double[][] sigma = Cli.table(out.resolve("sigma-sigma.csv"), "R,sigma");
        for (int i = 0; i < sigma[0].length; i++) {
            double x = sigma[0][i];
            if (Math.abs(x - 1) > 0.05) {
                double want = hernquistSigma(x) / (2 * Math.PI);
                assertEquals(want, sigma[1][i], 1e-8 * want, "Σ at R = " + x);
            }
        }
        assertTrue(r.out().contains("reference rows outside the range"), r::toString);
    }

    @Test
    void eventsStreamAsNdjsonMatchingTheSummary(@TempDir Path dir) throws IOException {
        Path p = Cli.write(dir, "growth.yaml", FORMULA.replace("MAXREL", "1.0e-5"));
        Path out = dir.resolve("o");
        Cli.Result r = Cli.withPlugins("run", p.toString(), "--out", out.toString(), "--events", "ndjson", "--no-plots");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            events.add(m.readTree(l));
        }
        assertEquals("stage_started", events.get(0).path("event").asText());
        assertEquals("f", events.get(0).path("stage").asText());
        assertEquals("stage_finished", events.get(events.size() - 1).path("event").asText());
        assertEquals("check", events.get(events.size() - 1).path("stage").asText());
        JsonNode f = Cli.json(out.resolve("summary.json")).path("stages").path("f");
        long passes = events.stream().filter(e -> e.path("event").asText().equals("pass")).count();
        assertEquals(f.path("passes").asLong(), passes);
        JsonNode result = events.stream().filter(e -> e.path("event").asText().equals("result")).findFirst().orElseThrow();
        assertEquals(f.path("evaluations").asLong(), result.path("evaluations").asLong());
        assertEquals(f.path("knots").asLong(), result.path("knots").asLong());
        // passes report growing knot counts
        long last = 0;
        for (JsonNode e : events) {
            if (e.path("event").asText().equals("pass")) {
                assertTrue(e.path("knots").asLong() >= last, e::toString);
                last = e.path("knots").asLong();
            }
        }
        // f at the knots is exp(x/3) + 1
        double[][] t = Cli.table(out.resolve("f.csv"), "x,value");
        for (int i = 0; i < t[0].length; i++) {
            assertEquals(Math.exp(t[0][i] / 3) + 1, t[1][i], 1e-14 * t[1][i]);
        }
    }

    @Test
    void aRunsTablesServeAsReferenceFiles(@TempDir Path dir) {
        Path first = dir.resolve("first");
        Path p = Cli.write(dir, "growth.yaml", FORMULA.replace("MAXREL", "1.0e-5"));
        assertEquals(ExitCodes.OK, Cli.withPlugins("run", p.toString(), "--out", first.toString(), "--no-plots").code());
        // the same function and settings checked against the first run's table at its own knots
        String second = FORMULA.replace("MAXREL", "1.0e-12").replace("max-rel-error: 1.0e-12",
                "max-rel-error: 1.0e-12\n    against: { file: first/f.csv }");
        Path q = Cli.write(dir, "again.yaml", second);
        Cli.Result r = Cli.withPlugins("run", q.toString(), "--out", dir.resolve("second").toString(), "--no-plots");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        JsonNode check = Cli.json(dir.resolve("second/summary.json")).path("stages").path("check");
        assertEquals(Cli.table(first.resolve("f.csv"), "x,value")[0].length, check.path("points").asInt());
        assertEquals(0, check.path("skipped_rows").asInt());
        assertTrue(check.path("quantities").path("value").path("max_rel_error").asDouble(1) <= 1e-14, check::toString);
    }

    @Test
    void aKnotBudgetTooSmallIsReportedNotSilent(@TempDir Path dir) {
        Path p = Cli.write(dir, "tight.yaml", FORMULA.replace("MAXREL", "1.0e-5")
                .replace("    concurrency: 2\n", "    concurrency: 2\n    max-knots: 12\n"));
        Path out = dir.resolve("o");
        Cli.Result r = Cli.withPlugins("run", p.toString(), "--out", out.toString(), "--progress", "none", "--no-plots");
        JsonNode f = Cli.json(out.resolve("summary.json")).path("stages").path("f");
        assertFalse(f.path("converged").asBoolean(), f::toString);
        assertTrue(f.path("knots").asInt() <= 12, f::toString);
        assertTrue(r.err().contains("warning: table f did not converge"), r::toString);
        assertTrue(r.out().contains("NOT converged"), r::toString);
    }

    @Test
    void failedValidationExitsWith4AndSaysSo(@TempDir Path dir) {
        Path p = Cli.write(dir, "growth.yaml", FORMULA.replace("MAXREL", "1.0e-13"));
        Path out = dir.resolve("o");
        Cli.Result r = Cli.withPlugins("run", p.toString(), "--out", out.toString(), "--progress", "plain", "--no-plots");
        assertEquals(ExitCodes.VALIDATION_FAILED, r.code(), r::toString);
        JsonNode check = Cli.json(out.resolve("summary.json")).path("stages").path("check");
        assertFalse(check.path("passed").asBoolean());
        assertTrue(check.path("quantities").path("value").path("max_rel_error").asDouble() > 1e-13);
        assertTrue(r.out().contains("FAILED"), r::toString);
    }

    @Test
    void configurationErrorsExitWith3BeforeAnythingRuns(@TempDir Path dir) {
        String bad = FORMULA.replace("MAXREL", "1.0e-5").replace("id: formula", "id: formulaa")
                .replace("input: f", "input: g");
        Path p = Cli.write(dir, "bad.yaml", bad);
        Path out = dir.resolve("o");
        Cli.Result r = Cli.withPlugins("run", p.toString(), "--out", out.toString());
        assertEquals(ExitCodes.CONFIGURATION, r.code(), r::toString);
        assertTrue(r.err().contains("2 problems"), r::toString);
        assertTrue(r.err().contains(p + ":3:7: function.id: unknown function id 'formulaa'"), r::toString);
        assertTrue(r.err().contains("nfw"), r::toString);
        assertTrue(r.err().contains(p + ":13:12: stages[1].input: 'g' names no earlier"), r::toString);
        assertFalse(Files.exists(out), "nothing may run");
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug");

        Cli.Result v = Cli.withPlugins("validate", p.toString());
        assertEquals(ExitCodes.CONFIGURATION, v.code(), v::toString);
        assertTrue(v.err().contains(":3:7: function.id"), v::toString);
    }

    @Test
    void validateAcceptsTheShippedPipelines() {
        for (String name : List.of("nfw-sigma.yaml", "hernquist-sigma.yaml", "einasto-sigma.yaml")) {
            Cli.Result r = Cli.withPlugins("validate", Cli.pipelines().resolve(name).toString());
            assertEquals(ExitCodes.OK, r.code(), r::toString);
            assertTrue(r.out().contains(": ok"), r::toString);
        }
    }

    @Test
    void aFailingFunctionExitsWith1WithOneLine(@TempDir Path dir) {
        String yaml = FORMULA.replace("MAXREL", "1.0e-5").replace("exp(x/3) + 1", "log(x - 5)");
        Path p = Cli.write(dir, "nan.yaml", yaml);
        Path out = dir.resolve("o");
        Cli.Result r = Cli.withPlugins("run", p.toString(), "--out", out.toString(), "--progress", "none");
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r::toString);
        assertTrue(lines.get(0).startsWith("autoknots: error: "), r::toString);
        assertTrue(Cli.json(out.resolve("summary.json")).path("error").asText().length() > 0);
    }

    @Test
    void usageErrorsExitWith2(@TempDir Path dir) {
        assertEquals(ExitCodes.USAGE, Cli.run("run").code());
        Cli.Result r = Cli.run("run", "x.yaml", "--bogus");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--bogus"), r::toString);
        assertEquals(ExitCodes.USAGE, Cli.run("run", "x.yaml", "--progress", "loud").code());
        Cli.Result m = Cli.run("run", "x.yaml", "--plugins-dir", dir.resolve("nowhere").toString());
        assertEquals(ExitCodes.USAGE, m.code(), m::toString);
        assertTrue(m.err().contains("nowhere") && m.err().contains("does not exist"), m::toString);
    }

    @Test
    void pluginsListsFunctionsWithParametersAndSplineKinds() {
        Cli.Result r = Cli.withPlugins("plugins");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("nfw  [plugin halo-profiles]"), r::toString);
        assertTrue(r.out().contains("rho_s (number"), r::toString);
        assertTrue(r.out().contains("not-a-knot  [built-in]"), r::toString);
        assertTrue(r.out().contains("akima  [plugin spline-kinds]"), r::toString);
    }

    @Test
    void validationGridAvoidsKnotsAndMidpoints() {
        double[] g = PipelineRunner.grid(1e-4, 1e4, org.autoknots.config.KnotSpacing.LOG, 1, 2000);
        assertEquals(2000, g.length);
        for (int i = 0; i < g.length; i++) {
            assertTrue(g[i] >= 1e-4 && g[i] <= 1e4);
            assertTrue(i == 0 || g[i] > g[i - 1]);
            // not on the regular log grid that a pass-doubling refinement would produce
            double u = Math.log(g[i] / 1e-4) / Math.log(1e8) * 1024;
            assertTrue(Math.abs(u - Math.rint(u)) > 1e-9, "grid point on a dyadic position: " + g[i]);
        }
    }
}
