package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        // the numbers of the progress lines as one would write them (not 1.0E-4, 10000.0)
        assertTrue(r.err().contains("[rho] tabulate nfw on [1e-4, 10000] (log, rel 1e-8)\n"), r::toString);
        assertTrue(r.err().contains("[check] validate sigma against analytic (max-rel-error 1e-7)\n"), r::toString);
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
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertTrue(r.err().contains("table f (stage 'f') did not converge: stopped at the knot limit max-knots = 12 ("),
                r::toString);
        assertTrue(r.out().contains("NOT converged"), r::toString);
        assertTrue(Files.exists(out.resolve("f.csv")), "the outputs are written before exit 1");
        assertFalse(Cli.json(out.resolve("summary.json")).path("tables_converged").asBoolean(true));
    }

    @Test
    void fThatIsZeroAtEveryKnotIsDiagnosedAsSuchInAPipeline(@TempDir Path dir) {
        Path p = Cli.write(dir, "zero.yaml", FORMULA.replace("MAXREL", "1.0e-5").replace("exp(x/3) + 1", "0"));
        Path out = dir.resolve("o");
        Cli.Result r = Cli.withPlugins("run", p.toString(), "--out", out.toString(), "--progress", "none", "--no-plots");
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        String line = r.err().lines().filter(l -> l.contains("did not converge")).findFirst()
                .orElseThrow(() -> new AssertionError(r.toString()));
        assertTrue(line.endsWith("table f (stage 'f') did not converge: f is 0 at every knot, so a pure relative tolerance"
                + " (tolerance.abs = 0) is meaningless there; set tolerance.abs > 0 (an error allowance where f is near 0)"),
                line);
        String diagnosis = Cli.json(out.resolve("summary.json")).path("stages").path("f").path("diagnosis").asText();
        assertTrue(diagnosis.startsWith("f is 0 at every knot") && !diagnosis.contains("crosses"), diagnosis);
    }

    @Test
    void aPoleIsDiagnosedAsSuchAndExitsOneAfterWritingTheOutputs(@TempDir Path dir) {
        Path p = Cli.write(dir, "pole.yaml", FORMULA.replace("MAXREL", "1.0e-5").replace("exp(x/3) + 1", "1/(x - 3.3)"));
        Path out = dir.resolve("o");
        Cli.Result r = Cli.withPlugins("run", p.toString(), "--out", out.toString(), "--progress", "none", "--no-plots");
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        String line = r.err().lines().filter(l -> l.contains("did not converge")).findFirst().orElseThrow(() -> new AssertionError(r.toString()));
        assertTrue(line.contains("stage 'f'") && line.contains("unresolved near x ≈ 3.3")
                && line.contains("pole"), line);
        assertFalse(line.contains("raise max-knots"), line);
        JsonNode f = Cli.json(out.resolve("summary.json")).path("stages").path("f");
        assertFalse(f.path("converged").asBoolean(true), f::toString);
        assertTrue(f.path("diagnosis").asText().contains("3.3"), f::toString);
        assertTrue(Files.exists(out.resolve("f.csv")));
    }

    @Test
    void aZeroCrossingWithAbsZeroIsDiagnosedAsSuch() {
        // sin at knots bracketing its zero at pi; the values there are tiny next to the median
        double[] x = {0.5, 1, 2, 3, Math.PI - 1e-12, Math.PI + 1e-12, 4, 5, 6};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(x[i]);
        }
        org.autoknots.api.Spline s = new org.autoknots.spline.NaturalCubicSpline().build(x, y);
        var r = new org.autoknots.refine.RefinementResult(s, x.length, 3, 0, x.length, false, new double[] {Math.PI},
                2.0, 0, 0);
        String d = Outcomes.diagnosis(r, 0, 1000, Outcomes.Names.COMMAND_LINE);
        assertTrue(d.startsWith("f crosses 0 near x ≈ 3.14159") && d.contains("set --abs > 0"), d);
        assertFalse(d.contains("max-knots"), d);
        // not converged for the zero alone (nothing unresolved, far below the knot limit)
        var zeroOnly = new org.autoknots.refine.RefinementResult(s, x.length, 3, 0, x.length, false, new double[0],
                2.0, 0, 0);
        String z = Outcomes.diagnosis(zeroOnly, 0, 1000, Outcomes.Names.PIPELINE);
        assertTrue(z.startsWith("f crosses 0 near x ≈ 3.14159") && z.contains("set tolerance.abs > 0"), z);
        assertFalse(z.contains("knot limit"), z);
        // the same sign change as a pole (large values on both sides) is not a zero
        double[] yp = y.clone();
        yp[4] = 1e12;
        yp[5] = -1e12;
        var pole = new org.autoknots.refine.RefinementResult(new org.autoknots.spline.NaturalCubicSpline().build(x, yp),
                x.length, 3, 0, x.length, false, new double[] {Math.PI}, 2.0, 0, 0);
        assertTrue(Outcomes.diagnosis(pole, 0, 1000, Outcomes.Names.PIPELINE).startsWith("unresolved near x ≈ 3.14159"));
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

    static final String CLASH = """
            name: clash
            function:
              id: nfw
              params: { rho_s: 1.0, r_s: 1.0 }
            stages:
              - id: sigma
                type: project
                range: [1.0e-2, 1.0e2]
                knots: log
                tolerance: { rel: 1.0e-5 }
                quantities: [sigma]
              - id: sigma-sigma
                type: tabulate
                range: [1.0, 5.0]
                tolerance: { rel: 1.0e-6 }
            """;

    @Test
    void twoStagesWritingTheSameFileAreAConfigurationErrorBeforeAnythingRuns(@TempDir Path dir) {
        Path p = Cli.write(dir, "clash.yaml", CLASH);
        Path out = dir.resolve("o");
        Cli.Result r = Cli.withPlugins("run", p.toString(), "--out", out.toString(), "--progress", "none");
        assertEquals(ExitCodes.CONFIGURATION, r.code(), r::toString);
        String line = p + ":12:9: stages[1].id: stage 'sigma-sigma' would write sigma-sigma.csv, which stage 'sigma'"
                + " writes too: rename one of them";
        assertEquals(List.of("autoknots: 1 problem in the pipeline file:", line), r.err().lines().toList(), r::toString);
        assertEquals("", r.out(), "no stage ran");
        assertFalse(Files.exists(out), "nothing may be written");
        Cli.Result v = Cli.withPlugins("validate", p.toString());
        assertEquals(ExitCodes.CONFIGURATION, v.code(), v::toString);
        assertTrue(v.err().contains(line), v::toString);

        // a validation's plot against a project stage's plot: a-sigma.png of stage 'a'
        String plots = CLASH.replace("id: sigma\n", "id: a\n").replace("""
                  - id: sigma-sigma
                    type: tabulate
                    range: [1.0, 5.0]
                    tolerance: { rel: 1.0e-6 }
                """, """
                  - id: a-sigma
                    type: validate
                    input: a
                    max-rel-error: 1.0e-4
                """);
        Cli.Result pv = Cli.withPlugins("validate", Cli.write(dir, "plots.yaml", plots).toString());
        assertEquals(ExitCodes.CONFIGURATION, pv.code(), pv::toString);
        assertTrue(pv.err().contains(":12:9: stages[1].id: stage 'a-sigma' would write a-sigma.png, which stage 'a'"
                + " writes too: rename one of them"), pv::toString);

        // names differing only in case are one file on macOS and Windows
        String cased = CLASH.replace("id: sigma-sigma", "id: Sigma-sigma");
        Cli.Result cv = Cli.withPlugins("validate", Cli.write(dir, "case.yaml", cased).toString());
        assertEquals(ExitCodes.CONFIGURATION, cv.code(), cv::toString);
        assertTrue(cv.err().contains(":12:9: stages[1].id: stage 'Sigma-sigma' would write Sigma-sigma.csv and stage"
                + " 'sigma' writes sigma-sigma.csv, one file where case is ignored"), cv::toString);

        // distinct names: the same stages are fine
        Cli.Result ok = Cli.withPlugins("validate", Cli.write(dir, "ok.yaml", CLASH.replace("id: sigma-sigma", "id: rho"))
                .toString());
        assertEquals(ExitCodes.OK, ok.code(), ok::toString);
    }

    static final String HALO_TABLE = """
            name: bad-range
            function:
              id: nfw
              params: { rho_s: 1.0, r_s: 1.0 }
            stages:
              - id: rho
                type: tabulate
                range: [-1.0, 10.0]
                tolerance: { rel: 1.0e-6 }
            """;

    @Test
    void aTabulateRangeOutsideTheFunctionsDomainIsAConfigurationError(@TempDir Path dir) {
        Path p = Cli.write(dir, "bad.yaml", HALO_TABLE);
        Path out = dir.resolve("o");
        Cli.Result r = Cli.withPlugins("run", p.toString(), "--out", out.toString(), "--progress", "none");
        assertEquals(ExitCodes.CONFIGURATION, r.code(), r::toString);
        String where = p + ":8:12: stages[0].range: function 'nfw'";
        assertTrue(r.err().contains(where) && r.err().contains("r must be > 0") && r.err().contains("[-1.0, 10.0]"),
                r::toString);
        assertFalse(r.err().contains("Infinity"), r::toString);
        assertFalse(Files.exists(out), "nothing may run");
        Cli.Result v = Cli.withPlugins("validate", p.toString());
        assertEquals(ExitCodes.CONFIGURATION, v.code(), v::toString);
        assertTrue(v.err().contains(where), v::toString);
        // Einasto is finite at r = 0: a range from 0 is accepted, one below 0 is not
        String einasto = HALO_TABLE.replace("id: nfw", "id: einasto")
                .replace("{ rho_s: 1.0, r_s: 1.0 }", "{ rho_2: 1.0, r_2: 1.0, alpha: 0.5 }");
        Cli.Result fromZero = Cli.withPlugins("validate", Cli.write(dir, "e0.yaml", einasto.replace("-1.0, 10.0", "0.0, 10.0"))
                .toString());
        assertEquals(ExitCodes.OK, fromZero.code(), fromZero::toString);
        Cli.Result below = Cli.withPlugins("validate", Cli.write(dir, "e1.yaml", einasto).toString());
        assertEquals(ExitCodes.CONFIGURATION, below.code(), below::toString);
        assertTrue(below.err().contains(":8:12: stages[0].range: function 'einasto'") && below.err().contains("r must be >= 0"),
                below::toString);
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
        assertEquals(2, lines.size(), r::toString);
        assertTrue(lines.get(0).startsWith("autoknots: error: stage 'f': ") && lines.get(0).contains("NaN"), r::toString);
        assertEquals("autoknots: the run failed; nothing was written to " + out.toAbsolutePath().normalize(), lines.get(1));
        assertFalse(Files.exists(out), "a failed run writes nothing");
        assertEquals(List.of("nan.yaml"), names(dir), "no staging folder left behind");
    }

    static List<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(q -> q.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRunReplacesItsOutputFolderAndAFailedRunLeavesItAsItWas(@TempDir Path dir) throws IOException {
        Path good = Cli.write(dir, "good.yaml", FORMULA.replace("MAXREL", "1.0e-5"));
        // an earlier run with one more stage, 'g', and its plots
        Path more = Cli.write(dir, "more.yaml", FORMULA.replace("MAXREL", "1.0e-5").replace("  - id: check",
                "  - id: g\n    type: tabulate\n    range: [0.0, 1.0]\n    tolerance: { rel: 1.0e-6 }\n  - id: check"));
        Path out = dir.resolve("o");
        assertEquals(ExitCodes.OK, Cli.withPlugins("run", more.toString(), "--out", out.toString(), "--progress", "none")
                .code());
        assertEquals(List.of("check.png", "f.csv", "f.png", "g.csv", "g.png", "summary.json"), names(out));
        assertEquals(ExitCodes.OK, Cli.withPlugins("run", good.toString(), "--out", out.toString(), "--progress", "none",
                "--no-plots").code());
        assertEquals(List.of("f.csv", "summary.json"), names(out), "files of the earlier run are gone");
        byte[] table = Files.readAllBytes(out.resolve("f.csv"));
        byte[] summary = Files.readAllBytes(out.resolve("summary.json"));
        assertEquals('\n', summary[summary.length - 1], "summary.json ends with a newline");

        Path bad = Cli.write(dir, "bad.yaml", FORMULA.replace("MAXREL", "1.0e-5").replace("exp(x/3) + 1", "log(x - 5)"));
        Cli.Result r = Cli.withPlugins("run", bad.toString(), "--out", out.toString(), "--progress", "none");
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertTrue(r.err().contains("nothing was written to " + out.toAbsolutePath().normalize()
                + " (its earlier contents are left as they were)"), r::toString);
        assertEquals(List.of("f.csv", "summary.json"), names(out));
        assertTrue(java.util.Arrays.equals(table, Files.readAllBytes(out.resolve("f.csv"))));
        assertTrue(java.util.Arrays.equals(summary, Files.readAllBytes(out.resolve("summary.json"))));
        assertEquals(List.of("bad.yaml", "good.yaml", "more.yaml", "o"), names(dir), "no staging folder left behind");
    }

    @Test
    void aFolderThatIsNotARunsOutputIsNotReplaced(@TempDir Path dir) throws IOException {
        Path good = Cli.write(dir, "good.yaml", FORMULA.replace("MAXREL", "1.0e-5"));
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        Cli.Result r = Cli.withPlugins("run", good.toString(), "--out", mine.toString(), "--progress", "none");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("not empty and holds no summary.json"), r::toString);
        assertEquals(List.of("notes.txt"), names(mine));
        Cli.Result f = Cli.withPlugins("run", good.toString(), "--out", mine.resolve("notes.txt").toString());
        assertEquals(ExitCodes.USAGE, f.code(), f::toString);
        assertTrue(f.err().contains("is an existing file"), f::toString);
    }

    @Test
    void aRunNeverDeletesFilesNoRunWrote(@TempDir Path dir) throws IOException {
        Path good = Cli.write(dir, "good.yaml", FORMULA.replace("MAXREL", "1.0e-5"));
        Path out = dir.resolve("o");
        assertEquals(ExitCodes.OK, Cli.withPlugins("run", good.toString(), "--out", out.toString(), "--progress", "none",
                "--no-plots").code());
        // a file that the earlier run did not write
        Files.writeString(out.resolve("notes.txt"), "keep me");
        Cli.Result n = Cli.withPlugins("run", good.toString(), "--out", out.toString(), "--progress", "none");
        assertEquals(ExitCodes.USAGE, n.code(), n::toString);
        assertEquals(List.of("autoknots: output folder " + out + " holds notes.txt, which the earlier run there did not"
                + " write (its summary.json does not list it); a run replaces its output folder as a whole, so move it"
                + " elsewhere or give another folder"), n.err().lines().toList());
        assertEquals(List.of("f.csv", "notes.txt", "summary.json"), names(out));
        assertEquals(List.of("good.yaml", "o"), names(dir), "no staging folder left behind");
    }

    @Test
    void anOutputFolderHoldingTheRunsInputsIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws IOException {
        Path good = Cli.write(dir, "good.yaml", FORMULA.replace("MAXREL", "1.0e-5"));
        Path out = dir.resolve("o");
        assertEquals(ExitCodes.OK, Cli.withPlugins("run", good.toString(), "--out", out.toString(), "--progress", "none",
                "--no-plots").code());
        byte[] table = Files.readAllBytes(out.resolve("f.csv"));
        String tail = ", which the run reads; a run replaces its output folder as a whole, deleting what it holds, so give"
                + " a folder that holds none of its inputs";

        // the pipeline file in the output folder
        Path inside = Cli.write(out, "p.yaml", FORMULA.replace("MAXREL", "1.0e-5"));
        Cli.Result r = Cli.withPlugins("run", inside.toString(), "--out", out.toString(), "--progress", "none");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertEquals(List.of("autoknots: --out " + out + ": the folder holds the pipeline file " + inside + tail),
                r.err().lines().toList());
        assertEquals("", r.out(), "nothing ran");
        assertEquals(List.of("f.csv", "p.yaml", "summary.json"), names(out));
        Files.delete(inside);

        // a reference file in the output folder: the earlier run's own table
        String withReference = FORMULA.replace("MAXREL", "1.0e-5").replace("max-rel-error: 1.0e-5",
                "max-rel-error: 1.0e-5\n    against: { file: o/f.csv }");
        Path ref = Cli.write(dir, "ref.yaml", withReference);
        Cli.Result rr = Cli.withPlugins("run", ref.toString(), "--out", out.toString(), "--progress", "none");
        assertEquals(ExitCodes.USAGE, rr.code(), rr::toString);
        assertEquals(List.of("autoknots: --out " + out + ": the folder holds " + out.resolve("f.csv")
                + ", the reference file of stage 'check'" + tail), rr.err().lines().toList());
        assertTrue(java.util.Arrays.equals(table, Files.readAllBytes(out.resolve("f.csv"))));
        // the same folder named by the pipeline's output: is an error at that line
        Path refOut = Cli.write(dir, "ref-out.yaml", withReference.replace("output: out", "output: " + out));
        Cli.Result ro = Cli.withPlugins("run", refOut.toString(), "--progress", "none");
        assertEquals(ExitCodes.CONFIGURATION, ro.code(), ro::toString);
        assertTrue(ro.err().contains(refOut + ":16:9: output: '" + out + "': the folder holds " + out.resolve("f.csv")
                + ", the reference file of stage 'check'" + tail), ro::toString);
        Cli.Result vo = Cli.withPlugins("validate", refOut.toString());
        assertEquals(ExitCodes.CONFIGURATION, vo.code(), vo::toString);
        // a plugins folder in the output folder
        Path plugins = Files.createDirectory(out.resolve("plugins"));
        Cli.Result rp = Cli.withPlugins("run", good.toString(), "--out", out.toString(), "--plugins-dir", plugins.toString());
        assertEquals(ExitCodes.USAGE, rp.code(), rp::toString);
        assertTrue(rp.err().contains("the folder holds the plugins folder " + plugins.toRealPath()), rp::toString);
        Files.delete(plugins);
        assertEquals(List.of("f.csv", "summary.json"), names(out));
        assertEquals(List.of("good.yaml", "o", "ref-out.yaml", "ref.yaml"), names(dir), "no staging folder left behind");
    }

    @Test
    void outputFolderPathProblemsAreOneLineBeforeAnythingRuns(@TempDir Path dir) throws IOException {
        Path good = Cli.write(dir, "good.yaml", FORMULA.replace("MAXREL", "1.0e-5"));
        Path file = Cli.write(dir, "afile", "not a folder");
        Cli.Result r = Cli.withPlugins("run", good.toString(), "--out", file.resolve("sub").toString(), "--progress", "none");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertEquals(List.of("autoknots: --out " + file.resolve("sub") + ": '" + file + "' is a file, not a folder"),
                r.err().lines().toList());
        assertEquals("", r.out(), "nothing ran");
        // the same in the pipeline's output: a configuration error at its line
        Path p = Cli.write(dir, "p.yaml", FORMULA.replace("MAXREL", "1.0e-5").replace("output: out",
                "output: " + file.resolve("sub/deeper")));
        Cli.Result c = Cli.withPlugins("run", p.toString(), "--progress", "none");
        assertEquals(ExitCodes.CONFIGURATION, c.code(), c::toString);
        assertEquals(List.of("autoknots: 1 problem in the pipeline file:", p + ":15:9: output: '" + file.resolve("sub/deeper")
                + "': '" + file + "' is a file, not a folder"), c.err().lines().toList());
        assertEquals(List.of("afile", "good.yaml", "p.yaml"), names(dir));
    }

    @Test
    void aWriteProtectedOutputFolderIsRefusedNotReplaced(@TempDir Path dir) throws IOException {
        // the permission bits are what counts, so this holds for root too, who may write anywhere
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path good = Cli.write(dir, "good.yaml", FORMULA.replace("MAXREL", "1.0e-5"));
        Path out = dir.resolve("o");
        assertEquals(ExitCodes.OK, Cli.withPlugins("run", good.toString(), "--out", out.toString(), "--progress", "none",
                "--no-plots").code());
        byte[] table = Files.readAllBytes(out.resolve("f.csv"));
        java.util.Set<java.nio.file.attribute.PosixFilePermission> readOnlyFile =
                java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--");
        java.util.Set<java.nio.file.attribute.PosixFilePermission> readOnlyFolder =
                java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x");
        String advice = "; a run replaces its output folder as a whole, so give another folder, or make this one writable"
                + " (chmod -R u+w " + out + ") if the run may replace it";
        try {
            // chmod -R a-w o
            Files.setPosixFilePermissions(out.resolve("f.csv"), readOnlyFile);
            Files.setPosixFilePermissions(out.resolve("summary.json"), readOnlyFile);
            Files.setPosixFilePermissions(out, readOnlyFolder);
            Cli.Result r = Cli.withPlugins("run", good.toString(), "--out", out.toString(), "--progress", "none");
            assertEquals(ExitCodes.USAGE, r.code(), r::toString);
            assertEquals(List.of("autoknots: --out " + out + ": is write-protected (the folder has no write permission)"
                    + advice), r.err().lines().toList());
            assertEquals("", r.out(), "nothing ran");
            // the folder writable, its files not (chmod a-w o/*)
            Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Cli.Result f = Cli.withPlugins("run", good.toString(), "--out", out.toString(), "--progress", "none");
            assertEquals(ExitCodes.USAGE, f.code(), f::toString);
            assertEquals(List.of("autoknots: --out " + out + ": holds write-protected files (no write permission: f.csv,"
                    + " summary.json)" + advice), f.err().lines().toList());
            // named by the pipeline's output: a configuration error at its line
            Path p = Cli.write(dir, "p.yaml", FORMULA.replace("MAXREL", "1.0e-5").replace("output: out", "output: " + out));
            Cli.Result c = Cli.withPlugins("run", p.toString(), "--progress", "none");
            assertEquals(ExitCodes.CONFIGURATION, c.code(), c::toString);
            assertTrue(c.err().contains(p + ":15:9: output: '" + out + "': holds write-protected files"), c::toString);
            assertTrue(java.util.Arrays.equals(table, Files.readAllBytes(out.resolve("f.csv"))));
            assertEquals(List.of("f.csv", "summary.json"), names(out));
            Files.delete(p);
        } finally {
            Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(out.resolve("f.csv"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.setPosixFilePermissions(out.resolve("summary.json"),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        // writable again: replaced, and the earlier folder, moved aside for the swap, is deleted
        Cli.Result again = Cli.withPlugins("run", good.toString(), "--out", out.toString(), "--progress", "none",
                "--no-plots");
        assertEquals(ExitCodes.OK, again.code(), again::toString);
        assertEquals("", again.err());
        assertEquals(List.of("good.yaml", "o"), names(dir), "no hidden folder is left beside the output");
    }

    @Test
    void anOutputFolderThatIsASymbolicLinkIsWrittenThroughAndTheLinkKept(@TempDir Path dir) throws IOException {
        Path good = Cli.write(dir, "good.yaml", FORMULA.replace("MAXREL", "1.0e-5"));
        Path more = Cli.write(dir, "more.yaml", FORMULA.replace("MAXREL", "1.0e-5").replace("  - id: check",
                "  - id: g\n    type: tabulate\n    range: [0.0, 1.0]\n    tolerance: { rel: 1.0e-6 }\n  - id: check"));
        Path real = dir.resolve("scratch/x");
        assertEquals(ExitCodes.OK, Cli.withPlugins("run", good.toString(), "--out", real.toString(), "--progress", "none",
                "--no-plots").code());
        Path link = Files.createSymbolicLink(dir.resolve("out"), real);
        Cli.Result r = Cli.withPlugins("run", more.toString(), "--out", link.toString(), "--progress", "none", "--no-plots");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().endsWith("Output: " + link + " (a link to " + real + ")\n"), r::toString);
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertEquals(real, Files.readSymbolicLink(link));
        assertEquals(List.of("f.csv", "g.csv", "summary.json"), names(real), "the link's target holds the new run");
        assertEquals(List.of("x"), names(dir.resolve("scratch")), "nothing left beside the target");
        assertEquals(List.of("good.yaml", "more.yaml", "out", "scratch"), names(dir), "nothing left beside the link");
        // what the target holds is checked as for any output folder
        Files.writeString(real.resolve("notes.txt"), "keep me");
        Cli.Result n = Cli.withPlugins("run", good.toString(), "--out", link.toString(), "--progress", "none");
        assertEquals(ExitCodes.USAGE, n.code(), n::toString);
        assertTrue(n.err().startsWith("autoknots: output folder " + real + " holds notes.txt, which the earlier run"), n::toString);
    }

    @Test
    void oneReferencePointAndOneRowOutsideAreCountedInTheSingular(@TempDir Path dir) {
        Cli.write(dir, "one.csv", "x,value\n1.0," + (Math.exp(1.0 / 3) + 1) + "\n20.0,1.0\n");
        Path p = Cli.write(dir, "one.yaml", FORMULA.replace("MAXREL", "1.0e-5").replace("max-rel-error: 1.0e-5",
                "max-rel-error: 1.0e-5\n    against: { file: one.csv }"));
        Cli.Result r = Cli.withPlugins("run", p.toString(), "--out", dir.resolve("o").toString(), "--progress", "none",
                "--no-plots");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("(allowed 1e-5, 1 point, 1 reference row outside the range)"), r::toString);
    }

    @Test
    void aCsvFileGivenToValidateIsQuotedShortAndEmptyParamsNameWhatIsNeeded(@TempDir Path dir) {
        Path csv = Cli.pipelines().resolve("reference/einasto_sigma.csv");
        Cli.Result v = Cli.withPlugins("validate", csv.toString());
        assertEquals(ExitCodes.CONFIGURATION, v.code(), v::toString);
        List<String> lines = v.err().lines().toList();
        assertEquals(2, lines.size(), v::toString);
        assertTrue(lines.get(1).endsWith("got text 'profile,rho_2,r_2,alpha,R,sigma,mean_sigma,delta_sigma einasto,1.0,1.0,"
                + "0.18,0.0…'"), v::toString);
        assertTrue(lines.get(1).length() < csv.toString().length() + 200, v::toString);
        // params: left empty, with the parameters the loaded plugin declares
        Path p = Cli.write(dir, "e.yaml", "name: e\nfunction:\n  id: nfw\n  params:\nstages:\n  - id: rho\n"
                + "    type: tabulate\n    range: [1, 10]\n    tolerance: { rel: 1.0e-8 }\n");
        Cli.Result e = Cli.withPlugins("validate", p.toString());
        assertEquals(ExitCodes.CONFIGURATION, e.code(), e::toString);
        assertEquals(List.of("autoknots: 1 problem in the pipeline file:", p + ":4:10: function.params: params is empty,"
                + " and function 'nfw' needs rho_s, r_s; give them as a mapping, e.g. params: { rho_s: …, r_s: … }"
                + " (./autoknots plugins lists them)"), e.err().lines().toList());
    }

    @Test
    void aTildeIsNotTakenForTheHomeFolder(@TempDir Path dir) {
        Path home = Path.of(System.getProperty("user.home"));
        String advice = "starts with '~', which only a shell turns into your home folder (a pipeline file or a quoted path"
                + " is not expanded), so this would make a folder named '~'; write the folder out, e.g. " + home.resolve("akout")
                + " (or ./~/akout for a folder named '~')";
        Path p = Cli.write(dir, "tilde.yaml", FORMULA.replace("MAXREL", "1.0e-5").replace("output: out", "output: \"~/akout\""));
        Cli.Result v = Cli.withPlugins("validate", p.toString());
        assertEquals(ExitCodes.CONFIGURATION, v.code(), v::toString);
        assertEquals(List.of("autoknots: 1 problem in the pipeline file:", p + ":15:9: output: '~/akout': " + advice),
                v.err().lines().toList());
        Cli.Result r = Cli.withPlugins("run", p.toString(), "--progress", "none");
        assertEquals(ExitCodes.CONFIGURATION, r.code(), r::toString);
        Cli.Result o = Cli.withPlugins("run", p.toString(), "--out", "~/akout", "--progress", "none");
        assertEquals(ExitCodes.USAGE, o.code(), o::toString);
        assertEquals(List.of("autoknots: --out ~/akout: " + advice), o.err().lines().toList());
        assertFalse(Files.exists(Path.of("~")), "no folder named ~ in the current directory");
        assertEquals(List.of("tilde.yaml"), names(dir));
    }

    @Test
    void eventsIncludeValidationResultsAndErrors(@TempDir Path dir) throws IOException {
        ObjectMapper m = new ObjectMapper();
        Path p = Cli.write(dir, "growth.yaml", FORMULA.replace("MAXREL", "1.0e-5"));
        Cli.Result r = Cli.withPlugins("run", p.toString(), "--out", dir.resolve("o").toString(), "--events", "ndjson",
                "--no-plots");
        JsonNode v = null;
        for (String l : r.out().split("\n")) {
            JsonNode e = m.readTree(l);
            if (e.path("event").asText().equals("validation")) {
                v = e;
            }
        }
        assertTrue(v != null, r::toString);
        assertEquals("check", v.path("stage").asText());
        assertTrue(v.path("passed").asBoolean());
        assertEquals(Cli.json(dir.resolve("o/summary.json")).path("stages").path("check").path("quantities").path("value")
                .path("max_rel_error").asDouble(), v.path("quantities").path("value").path("max_rel_error").asDouble());

        Path bad = Cli.write(dir, "bad.yaml", FORMULA.replace("MAXREL", "1.0e-5").replace("exp(x/3) + 1", "log(x - 5)"));
        Cli.Result b = Cli.withPlugins("run", bad.toString(), "--out", dir.resolve("b").toString(), "--events", "ndjson");
        String[] lines = b.out().split("\n");
        JsonNode last = m.readTree(lines[lines.length - 1]);
        assertEquals("error", last.path("event").asText(), b::toString);
        assertEquals("f", last.path("stage").asText());
        assertTrue(last.path("message").asText().contains("NaN"), last::toString);

        // a failure before any stage (the pipeline file, the output folder) ends the stream the same way
        Path unknown = Cli.write(dir, "unknown.yaml", FORMULA.replace("MAXREL", "1.0e-5").replace("id: formula", "id: nfx"));
        Cli.Result c = Cli.withPlugins("run", unknown.toString(), "--out", dir.resolve("c").toString(), "--events", "ndjson");
        assertEquals(ExitCodes.CONFIGURATION, c.code(), c::toString);
        List<String> only = c.out().lines().toList();
        assertEquals(1, only.size(), c::toString);
        JsonNode config = m.readTree(only.get(0));
        assertEquals("error", config.path("event").asText(), c::toString);
        assertTrue(config.path("message").asText().startsWith("1 problem in the pipeline file: " + unknown + ":3:7:"
                + " function.id: unknown function id 'nfx'"), c::toString);
        Files.createDirectory(dir.resolve("mine"));
        Files.writeString(dir.resolve("mine/notes.txt"), "keep me");
        Cli.Result f = Cli.withPlugins("run", p.toString(), "--out", dir.resolve("mine").toString(), "--events", "ndjson");
        assertEquals(ExitCodes.USAGE, f.code(), f::toString);
        JsonNode folder = m.readTree(f.out().lines().reduce((x, y) -> y).orElseThrow());
        assertEquals("error", folder.path("event").asText(), f::toString);
        assertTrue(folder.path("message").asText().contains("is not empty and holds no summary.json"), f::toString);
    }

    @Test
    void warningEventsSpellOptionsAsThePipelineDoesLikeThePlainOutput(@TempDir Path dir) throws IOException {
        Path p = Cli.write(dir, "tight.yaml", FORMULA.replace("MAXREL", "1.0e-5")
                .replace("    concurrency: 2\n", "    concurrency: 2\n    max-knots: 12\n"));
        Cli.Result r = Cli.withPlugins("run", p.toString(), "--out", dir.resolve("o").toString(), "--events", "ndjson",
                "--progress", "plain", "--no-plots");
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        ObjectMapper m = new ObjectMapper();
        List<String> json = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            JsonNode e = m.readTree(l);
            if (e.path("event").asText().equals("warning")) {
                json.add(e.path("message").asText());
            }
        }
        // the plain lines on stderr: "[STAGE] warning: MESSAGE" or "[STAGE] warning: MESSAGE (x = X)"
        List<String> plain = r.err().lines().filter(l -> l.matches("\\[[^\\]]*\\] warning: .*"))
                .map(l -> l.replaceFirst("^\\[[^\\]]*\\] warning: ", "").replaceFirst(" \\(x = [^)]*\\)$", "")).toList();
        assertTrue(json.stream().anyMatch(w -> w.contains("max-knots = 12")), r::toString);
        assertTrue(json.stream().noneMatch(w -> w.contains("maxKnots")), json::toString);
        assertEquals(plain, json, r::toString);
    }

    @Test
    void missingOrFolderPipelineAndUnknownCommandAreUsageErrors(@TempDir Path dir) {
        Cli.Result missing = Cli.withPlugins("run", dir.resolve("none.yaml").toString());
        assertEquals(ExitCodes.USAGE, missing.code(), missing::toString);
        assertEquals(List.of("autoknots: pipeline file " + dir.resolve("none.yaml") + " does not exist"),
                missing.err().lines().toList());
        Cli.Result folder = Cli.withPlugins("validate", dir.toString());
        assertEquals(ExitCodes.USAGE, folder.code(), folder::toString);
        assertTrue(folder.err().contains("is a folder"), folder::toString);
        Cli.Result unknown = Cli.run("frobnicate");
        assertEquals(ExitCodes.USAGE, unknown.code());
        assertTrue(unknown.err().startsWith("autoknots: unknown command 'frobnicate'; valid commands: run, validate,"),
                unknown::toString);
        assertEquals(1, unknown.err().lines().count(), unknown::toString);
        Cli.Result option = Cli.run("run", "p.yaml", "--frobnicate");
        assertEquals(ExitCodes.USAGE, option.code(), option::toString);
        assertEquals(1, option.err().lines().count(), option::toString);
        assertTrue(option.err().contains("--frobnicate") && option.err().endsWith("(see 'autoknots run --help')"
                + System.lineSeparator()), option::toString);
        Cli.Result empty = Cli.withPlugins("run", Cli.pipelines().resolve("nfw-sigma.yaml").toString(), "--out", "");
        assertEquals(ExitCodes.USAGE, empty.code(), empty::toString);
        assertTrue(empty.err().contains("--out ''"), empty::toString);
    }

    @Test
    void engineOptionErrorsUseThePipelinesKeyNames(@TempDir Path dir) {
        // max-spacing 0.01 on [0, 10] needs 1001 initial knots: the engine finds that the limit cannot hold them and a pass
        Path p = Cli.write(dir, "k.yaml", FORMULA.replace("MAXREL", "1.0e-5")
                .replace("    concurrency: 2\n", "    concurrency: 2\n    max-knots: 1500\n    max-spacing: 0.01\n"));
        Cli.Result r = Cli.withPlugins("validate", p.toString());
        assertEquals(ExitCodes.CONFIGURATION, r.code(), r::toString);
        assertTrue(r.err().contains("stages[0]: max-knots 1500 is below the 2001 knots that 1001 initial knots (what"
                + " max-spacing = 0.01 needs)") && !r.err().contains("maxKnots") && !r.err().contains("maxSpacing"),
                r::toString);
        Cli.Result ok = Cli.withPlugins("validate", Cli.write(dir, "one.yaml", FORMULA.replace("MAXREL", "1.0e-5")
                .substring(0, FORMULA.indexOf("  - id: check")) + "output: out\n").toString());
        assertTrue(ok.out().contains("1 stage: f (tabulate)"), ok::toString);
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
    void everySubcommandPrintsTheVersionAndItsOwnHelp() {
        Cli.Result top = Cli.run("--version");
        assertEquals(ExitCodes.OK, top.code(), top::toString);
        assertTrue(top.out().strip().matches("autoknots \\d+\\.\\d+\\.\\d+.*"), top::toString);
        for (String sub : List.of("run", "validate", "plugins", "tabulate", "bench")) {
            for (String option : List.of("--version", "-V")) {
                Cli.Result r = Cli.run(sub, option);
                assertEquals(ExitCodes.OK, r.code(), sub + " " + option + ": " + r);
                assertEquals(top.out(), r.out(), sub + " " + option);
                assertEquals("", r.err(), sub + " " + option);
            }
            Cli.Result help = Cli.run(sub, "--help");
            assertEquals(ExitCodes.OK, help.code(), help::toString);
            assertTrue(help.out().startsWith("Usage: autoknots " + sub + " "), help::toString);
            assertTrue(help.out().contains("-V, --version"), help::toString);
            // each command states its own exit codes (bench's differ from the pipelines')
            assertTrue(help.out().contains("Exit codes: 0 "), help::toString);
        }
        assertTrue(Cli.run("bench", "--help").out().contains("0 every row verified"));
        assertFalse(Cli.run("bench", "--help").out().contains("validation failed"));
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
