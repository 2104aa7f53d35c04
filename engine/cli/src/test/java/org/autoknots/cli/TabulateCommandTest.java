package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code autoknots tabulate} through the command line (picocli), with the plugins loaded from
 * the plugins folder the build fills ({@code autoknots.test.plugins}).
 */
class TabulateCommandTest {

    /** The pointer to the help that ends a usage error's one line. */
    static final String HELP = " (see 'autoknots tabulate --help')\n";

    @TempDir
    Path dir;

    /** Exit code, stdout and stderr of one command. */
    record Run(int code, String out, String err) {
    }

    private static Path pluginsDir() {
        String p = System.getProperty("autoknots.test.plugins");
        assertTrue(p != null && Files.isDirectory(Path.of(p)), "plugins folder (autoknots.test.plugins) " + p);
        return Path.of(p);
    }

    private static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("tabulate", "--plugins-dir", pluginsDir().toString(), "--progress", "none"));
        all.addAll(List.of(args));
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(all.toArray(new String[0]));
        return new Run(code, out.toString(), err.toString());
    }

    /** Jittered points strictly inside (a, b): one per cell of a fine grid, at a random offset. */
    private static double[] jittered(double a, double b, int n, long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a + (b - a) * (i + 0.05 + 0.9 * rnd.nextDouble()) / n;
        }
        return x;
    }

    private Path pointsFile(double[] x) throws IOException {
        StringBuilder sb = new StringBuilder("# test points, one per line\n\n");
        for (double v : x) {
            sb.append(String.format(java.util.Locale.ROOT, "%.17g%n", v));
        }
        sb.append("   \n# end\n");
        Path p = dir.resolve("points.txt");
        Files.writeString(p, sb.toString());
        return p;
    }

    /** Rows of an x,value CSV with header. */
    private static double[][] readCsv(Path p) throws IOException {
        List<String> lines = Files.readAllLines(p);
        assertEquals("x,value", lines.get(0));
        double[][] rows = new double[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(2, f.length, "line " + (i + 1) + ": " + lines.get(i));
            rows[i - 1] = new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])};
        }
        return rows;
    }

    /** Asserts every --eval value is within abs + rel·|f| of the true function. */
    private static void assertWithinTolerance(double[][] rows, double[] points, DoubleUnaryOperator f, double rel,
            double abs) {
        assertEquals(points.length, rows.length);
        double worst = 0;
        for (int i = 0; i < points.length; i++) {
            assertEquals(points[i], rows[i][0], 0.0, "x echoed at full precision");
            double fx = f.applyAsDouble(points[i]);
            worst = Math.max(worst, Math.abs(rows[i][1] - fx) / (abs + rel * Math.abs(fx)));
        }
        assertTrue(worst <= 1.0, "worst error/tolerance at the --eval points: " + worst);
    }

    @Test
    void formulaWithParameterWritesTableValuesAndSummary() throws IOException {
        double s = 0.3;
        DoubleUnaryOperator f = x -> 2.5 * Math.exp(-x * x / (2 * s * s));
        double[] points = jittered(-1, 1, 3000, 11);
        Path table = dir.resolve("out/gauss.csv");
        Path values = dir.resolve("values.csv");
        Path summary = dir.resolve("summary.json");
        Run r = run("--formula", "a * exp(-x^2 / (2*s^2))", "--param", "a=2.5", "--param", "s=0.3", "--range=-1:1",
                "--rel", "1e-7", "--out", table.toString(), "--eval", pointsFile(points).toString(), "--eval-out",
                values.toString(), "--summary", summary.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("converged"), r.out());

        double[][] knots = readCsv(table);
        assertEquals(-1.0, knots[0][0], 0.0);
        assertEquals(1.0, knots[knots.length - 1][0], 0.0);
        for (double[] k : knots) {
            // the table holds f at the knots, printed with 17 significant digits (exact round trip)
            assertEquals(f.applyAsDouble(k[0]), k[1], 1e-15 * Math.abs(k[1]));
        }
        for (int i = 1; i < knots.length; i++) {
            assertTrue(knots[i][0] > knots[i - 1][0], "knots increase");
        }
        assertTrue(Files.readAllLines(table).get(1).matches("-1\\.0{16},\\S+"), "%.17g format");
        assertWithinTolerance(readCsv(values), points, f, 1e-7, 0);

        JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertEquals(knots.length, json.get("knots").asInt());
        assertTrue(json.get("evaluations").asLong() >= knots.length);
        assertTrue(json.get("passes").asInt() >= 1);
        assertTrue(json.get("converged").asBoolean());
        assertTrue(json.get("unresolved").isArray());
        assertEquals(0, json.get("unresolved").size());
        assertTrue(json.get("seconds").asDouble() >= 0);
        assertEquals("formula", json.get("function").get("id").asText());
        assertEquals(0.3, json.get("function").get("params").get("s").asDouble(), 0.0);
        // a budget, far from the engine's limit: a Gaussian at 1e-7 needs a few hundred knots
        assertTrue(knots.length < 2000, "knots " + knots.length);
    }

    @Test
    void theResultLineShowsTheRangeFaithfully() {
        // the ends of the range with their exponents whole, and 10 significant digits otherwise
        Run wide = run("--formula", "x", "--range", "1e-100:1e100", "--knots", "log");
        assertEquals(ExitCodes.OK, wide.code(), wide.err());
        assertTrue(wide.out().startsWith("formula 'x' on [1e-100, 1e100]: "), wide.out());
        Run turns = run("--formula", "2 + sin(x)", "--range", "-62.83185307179586:1e-5");
        assertEquals(ExitCodes.OK, turns.code(), turns.err());
        assertTrue(turns.out().startsWith("formula '2 + sin(x)' on [-62.83185307, 1e-5]: "), turns.out());
    }

    @Test
    void negativeRangeAsSeparateArgumentAndRenamedVariable() throws IOException {
        double[] points = jittered(-2, -0.5, 500, 5);
        Path values = dir.resolve("v.csv");
        Run r = run("--formula", "sin(3*t) + t^3", "--param", "variable=t", "--range", "-2:-0.5", "--abs", "1e-9",
                "--rel", "1e-7", "--eval", pointsFile(points).toString(), "--eval-out", values.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertWithinTolerance(readCsv(values), points, t -> Math.sin(3 * t) + t * t * t, 1e-7, 1e-9);
    }

    @Test
    void pluginFunctionWithLogKnotsAndPluginSplineKind() throws IOException {
        double rho0 = 3.0;
        double r0 = 2.0;
        DoubleUnaryOperator burkert = r -> rho0 / ((1 + r / r0) * (1 + (r / r0) * (r / r0)));
        // points spread over six decades, between knots
        double[] points = jittered(Math.log(1e-3), Math.log(1e3), 1500, 7);
        for (int i = 0; i < points.length; i++) {
            points[i] = Math.exp(points[i]);
        }
        for (String kind : new String[] {"not-a-knot", "natural"}) {
            Path values = dir.resolve("burkert-" + kind + ".csv");
            Path summary = dir.resolve("burkert-" + kind + ".json");
            Run r = run("--function", "burkert", "--param", "rho_0=3", "--param", "r_0=2", "--range", "1e-3:1e3",
                    "--knots", "log", "--spline", kind, "--rel", "1e-6", "--eval", pointsFile(points).toString(),
                    "--eval-out", values.toString(), "--summary", summary.toString());
            assertEquals(ExitCodes.OK, r.code(), kind + ": " + r.err());
            assertWithinTolerance(readCsv(values), points, burkert, 1e-6, 0);
            assertEquals(kind, new ObjectMapper().readTree(summary.toFile()).get("spline").asText());
        }
        // a spline kind from the spline-kinds plugin: Steffen's cubic is monotone, so the values at
        // increasing points of the decreasing profile never increase (a not-a-knot spline does not
        // promise that)
        Path values = dir.resolve("burkert-steffen.csv");
        Path summary = dir.resolve("burkert-steffen.json");
        Run r = run("--function", "burkert", "--param", "rho_0=3", "--param", "r_0=2", "--range", "1e-3:1e3",
                "--knots", "log", "--spline", "steffen", "--rel", "1e-6", "--eval", pointsFile(points).toString(),
                "--eval-out", values.toString(), "--summary", summary.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals("steffen", new ObjectMapper().readTree(summary.toFile()).get("spline").asText());
        double[][] rows = readCsv(values);
        for (int i = 1; i < rows.length; i++) {
            assertTrue(rows[i][1] <= rows[i - 1][1], "monotone at x = " + rows[i][0]);
        }
    }

    @Test
    void aKnotLimitReachedOnNoiseSaysSoAndSuggestsAToleranceAboveIt() {
        // sin(1e15 x) is noise at any knot spacing above 1e-14: amplitude 1e-9 over |f| in [0.48, 1]
        Run r = run("--formula", "sin(x) + 1e-9*sin(1e15*x)", "--range", "0.5:1.5", "--rel", "1e-12", "--max-knots", "40000");
        assertEquals(ExitCodes.FAILURE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("stopped at the knot limit --max-knots = 40000 ("), r.err());
        // the knots the table holds, below the limit (the next pass would not fit), as the result line says
        java.util.regex.Matcher held = java.util.regex.Pattern.compile("--max-knots = 40000 \\((\\d+) knots: the next"
                + " pass would not fit\\)").matcher(r.err());
        assertTrue(held.find(), r.err());
        int knots = Integer.parseInt(held.group(1));
        assertTrue(knots <= 40000 && (r.out() + r.err()).contains(": " + knots + " knots, "), r.out() + r.err());
        assertTrue(r.err().contains("f looks noisy"), r.err());
        // the median |f - s| is below the amplitude and above a tenth of it: 10x that, rounded up to
        // a power of ten, is 1e-8 for |f| near 1 (1e-7 if the relative estimate exceeds 1e-9)
        assertTrue(r.err().matches("(?s).*loosen --rel to about 1e-[78] \\(or set --abs to about 1e-[78]\\).*"), r.err());
        assertFalse(r.err().contains("raise --max-knots"), r.err());
    }

    @Test
    void notConvergedWritesSummaryButNoTableAndExitsOne() throws IOException {
        Path table = dir.resolve("t.csv");
        Path summary = dir.resolve("s.json");
        String[] args = {"--formula", "sin(50*x)", "--range", "0:10", "--rel", "1e-9", "--abs", "1e-9", "--max-knots", "40",
            "--out", table.toString(), "--summary", summary.toString()};
        Run r = run(args);
        assertEquals(ExitCodes.FAILURE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("not converged"), r.err());
        assertTrue(r.err().contains("--keep-unconverged"), r.err());
        assertFalse(Files.exists(table), "no table without --keep-unconverged");
        JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertFalse(json.get("converged").asBoolean());
        assertTrue(json.get("knots").asInt() <= 40, "knot limit respected: " + json.get("knots"));
        assertTrue(json.get("table").isNull());

        List<String> keep = new ArrayList<>(List.of(args));
        keep.add("--keep-unconverged");
        Run k = run(keep.toArray(new String[0]));
        assertEquals(ExitCodes.FAILURE, k.code());
        double[][] rows = readCsv(table);
        assertEquals(new ObjectMapper().readTree(summary.toFile()).get("knots").asInt(), rows.length);
        assertEquals(10.0, rows[rows.length - 1][0], 0.0);
    }

    @Test
    void aFormulaErrorIsOneLineNamingTheFormulaAndTheColumnOnce() {
        Run r = run("--formula", "2 * y + 1", "--range", "0:1");
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("autoknots: --formula '2 * y + 1': unknown name 'y' at column 5 of the formula;"
                + " known names: x (the variable), pi, e and the functions "), r.err());
        Run paren = run("--formula", "exp(-(x^2)", "--range", "0:1");
        assertEquals(ExitCodes.USAGE, paren.code());
        assertEquals(List.of("autoknots: --formula 'exp(-(x^2)': missing ')' at column 11 of the formula, to close the"
                + " arguments of 'exp'"), paren.err().lines().toList());
        Run unclosed = run("--formula", "(1 + x", "--range", "0:1");
        assertEquals(List.of("autoknots: --formula '(1 + x': unclosed '(' at column 1 of the formula: add the missing ')'"),
                unclosed.err().lines().toList());
    }

    @Test
    void parameterErrorsNameTheParameter() {
        Run unused = run("--formula", "k*x", "--param", "k=2", "--param", "j=1", "--range", "0:1");
        assertEquals(ExitCodes.USAGE, unused.code());
        assertTrue(unused.err().contains("--param j: parameter 'j' is not used"), unused.err());
        Run text = run("--function", "burkert", "--param", "rho_0=dense", "--param", "r_0=1", "--range", "1:2");
        assertEquals(ExitCodes.USAGE, text.code());
        assertTrue(text.err().contains("--param rho_0"), text.err());
        Run malformed = run("--formula", "x", "--param", "k", "--range", "0:1");
        assertEquals(ExitCodes.USAGE, malformed.code());
        assertTrue(malformed.err().contains("expected NAME=VALUE"), malformed.err());
    }

    @Test
    void usageErrorsExitTwoWithAClearMessage() throws IOException {
        Run both = run("--formula", "x", "--function", "burkert", "--range", "0:1");
        assertEquals(ExitCodes.USAGE, both.code());
        assertTrue(both.err().contains("mutually exclusive"), both.err());

        Run unknown = run("--function", "no-such-thing", "--range", "0:1");
        assertEquals(ExitCodes.USAGE, unknown.code());
        assertTrue(unknown.err().contains("unknown function id") && unknown.err().contains("burkert"), unknown.err());

        Run range = run("--formula", "x", "--range", "1:0");
        assertEquals(ExitCodes.USAGE, range.code());
        assertTrue(range.err().contains("lower end must be less than"), range.err());
        Run range2 = run("--formula", "x", "--range", "0..1");
        assertEquals(ExitCodes.USAGE, range2.code());
        assertTrue(range2.err().contains("expected A:B"), range2.err());

        Run spline = run("--formula", "x", "--range", "0:1", "--spline", "quintic");
        assertEquals(ExitCodes.USAGE, spline.code());
        assertTrue(spline.err().contains("unknown spline kind 'quintic'") && spline.err().contains("akima"), spline.err());

        Run log = run("--formula", "x", "--range", "0:1", "--knots", "log");
        assertEquals(ExitCodes.USAGE, log.code());
        assertTrue(log.err().contains("log"), log.err());

        Run evalAlone = run("--formula", "x", "--range", "0:1", "--eval", "p.txt");
        assertEquals(ExitCodes.USAGE, evalAlone.code());
        assertTrue(evalAlone.err().contains("--eval needs --eval-out"), evalAlone.err());

        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "# header\n0.5\n\nhalf\n");
        Run badPoints = run("--formula", "x", "--range", "0:1", "--eval", bad.toString(), "--eval-out",
                dir.resolve("o.csv").toString());
        assertEquals(ExitCodes.USAGE, badPoints.code());
        assertTrue(badPoints.err().contains(bad + ":4: 'half' is not a number"), badPoints.err());

        Path outside = dir.resolve("outside.txt");
        Files.writeString(outside, "0.5\n1.5\n");
        Run out = run("--formula", "x", "--range", "0:1", "--eval", outside.toString(), "--eval-out",
                dir.resolve("o.csv").toString());
        assertEquals(ExitCodes.USAGE, out.code());
        assertTrue(out.err().contains(outside + ":2: x = 1.5 is outside the range [0, 1]"), out.err());
        assertFalse(Files.exists(dir.resolve("o.csv")));
    }

    @Test
    void outputPathProblemsAreOneLineBeforeAnythingIsTabulated() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("somedir"));
        Run r = run("--formula", "exp(x)", "--range", "0:1", "--out", folder.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertEquals(List.of("autoknots: --out " + folder + ": is a folder; give a file name such as "
                + folder.resolve("table.csv")), r.err().lines().toList());
        assertEquals("", r.out(), "nothing was tabulated");

        Path file = Files.writeString(dir.resolve("afile"), "a file");
        Run s = run("--formula", "exp(x)", "--range", "0:1", "--summary", file.resolve("s.json").toString());
        assertEquals(ExitCodes.USAGE, s.code(), s::toString);
        assertEquals(List.of("autoknots: --summary " + file.resolve("s.json") + ": '" + file + "' is a file, not a folder"),
                s.err().lines().toList());

        Path points = pointsFile(new double[] {0.25, 0.5});
        String pointsText = Files.readString(points);
        Run e = run("--formula", "exp(x)", "--range", "0:1", "--eval", points.toString(), "--eval-out", folder.toString());
        assertEquals(ExitCodes.USAGE, e.code(), e::toString);
        assertEquals(List.of("autoknots: --eval-out " + folder + ": is a folder; give a file name such as "
                + folder.resolve("values.csv")), e.err().lines().toList());

        // two options naming one file, and the points file as an output
        Path t = dir.resolve("t.csv");
        Run same = run("--formula", "exp(x)", "--range", "0:1", "--out", t.toString(), "--summary",
                dir.resolve("somedir/../t.csv").toString());
        assertEquals(ExitCodes.USAGE, same.code(), same::toString);
        assertEquals(List.of("autoknots: --summary " + dir.resolve("somedir/../t.csv") + ": the same file as --out;"
                + " give each its own file"), same.err().lines().toList());
        Run over = run("--formula", "exp(x)", "--range", "0:1", "--eval", points.toString(), "--eval-out", points.toString());
        assertEquals(ExitCodes.USAGE, over.code(), over::toString);
        assertEquals(List.of("autoknots: --eval-out " + points + ": the same file as --eval, which the command reads;"
                + " give another file"), over.err().lines().toList());
        assertEquals(pointsText, Files.readString(points));
        try (java.util.stream.Stream<Path> l = Files.list(dir)) {
            assertEquals(List.of("afile", "points.txt", "somedir"), l.map(q -> q.getFileName().toString()).sorted().toList(),
                    "nothing was written");
        }
        try (java.util.stream.Stream<Path> l = Files.list(folder)) {
            assertEquals(0, l.count());
        }
    }

    @Test
    void functionReturningNanFailsWithExitOneNamingX() throws IOException {
        Path summary = dir.resolve("nan.json");
        Run r = run("--formula", "sqrt(x)", "--range=-1:1", "--summary", summary.toString());
        assertEquals(ExitCodes.FAILURE, r.code());
        assertTrue(r.err().contains("NaN") && r.err().contains("x = -1"), r.err());
        JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertFalse(json.get("converged").asBoolean());
        assertTrue(json.get("error").asText().contains("NaN"));
    }

    @Test
    void aRangeOutsideTheFunctionsDomainIsAUsageErrorBeforeAnyEvaluation() {
        // rho_NFW(r) = rho_s / [x (1 + x)^2] has a pole at r = 0 and is negative on (-r_s, 0): no table below 0
        Path summary = dir.resolve("s.json");
        Run nfw = run("--function", "nfw", "--param", "rho_s=1", "--param", "r_s=1", "--range=-1:10",
                "--summary", summary.toString(), "--out", dir.resolve("t.csv").toString());
        assertEquals(ExitCodes.USAGE, nfw.code(), nfw::toString);
        List<String> lines = nfw.err().lines().toList();
        assertEquals(1, lines.size(), nfw::toString);
        String line = lines.get(0);
        assertTrue(line.startsWith("autoknots: --range -1:10: function 'nfw' (plugin halo-profiles): ")
                && line.contains("r must be > 0") && line.contains("[-1.0, 10.0]"), line);
        assertFalse(line.contains("Infinity"), line);
        assertFalse(Files.exists(summary), "nothing ran, so no summary");
        assertFalse(Files.exists(dir.resolve("t.csv")));
        // the pole itself is outside too
        Run hernquist = run("--function", "hernquist", "--param", "M=1", "--param", "a=1", "--range", "0:10");
        assertEquals(ExitCodes.USAGE, hernquist.code(), hernquist::toString);
        assertTrue(hernquist.err().contains("function 'hernquist'") && hernquist.err().contains("r must be > 0"),
                hernquist::toString);
        // Einasto is finite at r = 0 (rho_2 e^(2/alpha)) but not defined below it
        Run einasto = run("--function", "einasto", "--param", "rho_2=1", "--param", "r_2=1", "--param", "alpha=0.5",
                "--range=-0.5:2");
        assertEquals(ExitCodes.USAGE, einasto.code(), einasto::toString);
        assertTrue(einasto.err().contains("function 'einasto'") && einasto.err().contains("r must be >= 0"),
                einasto::toString);
        // a formula declares no domain: evaluated as before
        Run formula = run("--formula", "1 + x^2", "--range=-1:1");
        assertEquals(ExitCodes.OK, formula.code(), formula::toString);
    }

    @Test
    void limitsMatchThePipelinesAndErrorsUseOptionNames() {
        Run tiny = run("--formula", "exp(x)", "--range", "0:1", "--rel", "1e-20");
        assertEquals(ExitCodes.USAGE, tiny.code());
        assertTrue(tiny.err().startsWith("autoknots: --rel 1e-20 with --abs 0 is below what double precision can attain:"
                + " the smallest allowed is 1e-14 (or give --abs > 0)" + HELP), tiny.err());
        Run big = run("--formula", "exp(x)", "--range", "0:1", "--rel", "1");
        assertEquals(ExitCodes.USAGE, big.code());
        assertTrue(big.err().startsWith("autoknots: --rel: expected a number from 0 to below 1 (e.g. 1e-8), got 1" + HELP),
                big.err());
        Run huge = run("--formula", "exp(x)", "--range", "0:1", "--max-knots", "2147483647");
        assertEquals(ExitCodes.USAGE, huge.code());
        assertTrue(huge.err().contains("--max-knots: expected a whole number from 3 to 50000000, got 2147483647"),
                huge.err());
        // the initial knots and one pass must fit: 2*6 - 1 = 11 knots by default
        Run few = run("--formula", "exp(x)", "--range", "0:1", "--max-knots", "10");
        assertEquals(ExitCodes.USAGE, few.code());
        assertTrue(few.err().startsWith("autoknots: --max-knots 10 is below the 11 knots that 6 initial knots and one"
                + " refinement pass need"), few.err());
        assertTrue(few.err().contains("give --max-knots 11 or more"), few.err());
        assertEquals(ExitCodes.OK, run("--formula", "exp(x)", "--range", "0:1", "--rel", "1e-3", "--max-knots", "11").code());
        // the spline kind's minimum or --max-spacing can ask for more initial knots: the engine says so in option names
        Run spacing = run("--formula", "exp(x)", "--range", "0:1", "--max-spacing", "0.01", "--max-knots", "150");
        assertEquals(ExitCodes.USAGE, spacing.code());
        assertTrue(spacing.err().contains("--max-knots 150 is below the 201 knots that 101 initial knots (what"
                + " --max-spacing = 0.01 needs)") && !spacing.err().contains("maxKnots"), spacing.err());
        Run initial = run("--formula", "exp(x)", "--range", "0:1", "--initial-knots", "100000000");
        assertEquals(ExitCodes.USAGE, initial.code());
        assertTrue(initial.err().contains("--initial-knots: expected a whole number from 2 to 50000000, got 100000000"),
                initial.err());
        Run initialAboveLimit = run("--formula", "exp(x)", "--range", "0:1", "--initial-knots", "600000");
        assertEquals(ExitCodes.USAGE, initialAboveLimit.code());
        assertTrue(initialAboveLimit.err().contains("--max-knots 1000000 is below the 1199999 knots that 600000 initial"),
                initialAboveLimit.err());
        for (String threads : new String[] {"0", "4097", "2147483647"}) {
            Run c = run("--formula", "exp(x)", "--range", "0:1", "--concurrency", threads);
            assertEquals(ExitCodes.USAGE, c.code(), c.err());
            assertTrue(c.err().startsWith("autoknots: --concurrency: expected a whole number from 1 to 4096, got " + threads
                    + HELP), c.err());
        }
        Run negative = run("--formula", "exp(x)", "--range=-5:-1", "--knots", "log");
        assertEquals(ExitCodes.USAGE, negative.code());
        assertTrue(negative.err().contains("--knots log needs a range above 0") && !negative.err().contains("crossing"),
                negative.err());
        Run scale = run("--formula", "exp(x)", "--range", "0:1", "--knots", "asinh", "--asinh-scale", "0");
        assertEquals(ExitCodes.USAGE, scale.code());
        assertTrue(scale.err().contains("--asinh-scale: expected a finite number > 0, got 0"), scale.err());
    }

    /** The same bad value, in a pipeline stage and on the command line: the same words after the place. */
    @Test
    void aPipelineAndTabulateSayTheSameAboutTheSameLimit() {
        String[][] cases = {
            // pipeline key, value, tabulate option
            {"max-knots", "10", "--max-knots"},
            {"max-knots", "60000000", "--max-knots"},
            {"concurrency", "5000", "--concurrency"},
            {"concurrency", "0", "--concurrency"},
            {"initial-knots", "1", "--initial-knots"},
            {"max-spacing", "-1", "--max-spacing"},
        };
        for (String[] c : cases) {
            Path p = Cli.write(dir, "limit.yaml", String.join("\n",
                    "name: limit",
                    "function:",
                    "  id: formula",
                    "  params: { expression: \"exp(x)\" }",
                    "stages:",
                    "  - id: t",
                    "    type: tabulate",
                    "    range: [0, 1]",
                    "    tolerance: { rel: 1.0e-6 }",
                    "    " + c[0] + ": " + c[1],
                    ""));
            Cli.Result pipeline = Cli.withPlugins("validate", p.toString());
            assertEquals(ExitCodes.CONFIGURATION, pipeline.code(), pipeline::toString);
            List<String> lines = pipeline.err().lines().toList();
            assertEquals(2, lines.size(), pipeline::toString);
            String prefix = p + ":10:" + (7 + c[0].length()) + ": stages[0]." + c[0] + ": ";
            assertTrue(lines.get(1).startsWith(prefix), pipeline::toString);
            String said = lines.get(1).substring(prefix.length());

            Run tabulate = run("--formula", "exp(x)", "--range", "0:1", c[2], c[1]);
            assertEquals(ExitCodes.USAGE, tabulate.code(), tabulate::toString);
            String line = tabulate.err().lines().findFirst().orElseThrow();
            // a usage error ends with where the valid options are listed
            String help = " (see 'autoknots tabulate --help')";
            assertTrue(line.endsWith(help), line);
            line = line.substring(0, line.length() - help.length());
            // the option's name in front, or (a message naming the setting itself) in its place
            String expected = (said.startsWith(c[0] + " ") ? "autoknots: " + said.replace(c[0], c[2])
                    : "autoknots: " + c[2] + ": " + said);
            assertEquals(expected, line, c[0] + " " + c[1]);
        }
    }

    @Test
    void aPointsFileMayStartWithAByteOrderMarkAndABadLineIsQuotedShort() throws IOException {
        Path points = Files.writeString(dir.resolve("bom.txt"), "\uFEFF0.25\n0.5\n", StandardCharsets.UTF_8);
        Path values = dir.resolve("v.csv");
        // 1 + x²: no zero at the end x = 0, where a pure relative tolerance could not hold for x²
        Run r = run("--formula", "1 + x^2", "--range", "0:1", "--eval", points.toString(), "--eval-out", values.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(3, Files.readAllLines(values).size());
        Path bad = Files.writeString(dir.resolve("bad.txt"), "0.5\n" + "z".repeat(1000) + "\n");
        Run b = run("--formula", "1 + x^2", "--range", "0:1", "--eval", bad.toString(), "--eval-out", values.toString());
        assertEquals(ExitCodes.USAGE, b.code(), b.err());
        assertTrue(b.err().startsWith("autoknots: " + bad + ":2: '" + "z".repeat(79) + "…' is not a number"), b.err());
    }

    @Test
    void tildeInAFilePathIsNotTakenForTheHomeFolder() {
        Run r = run("--formula", "x", "--range", "0:1", "--out", "~/t.csv");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().startsWith("autoknots: --out ~/t.csv: starts with '~', which only a shell turns into your home"
                + " folder"), r.err());
        assertFalse(Files.exists(Path.of("~")));
    }

    @Test
    void withoutOutItSaysTheTableWasNotSavedAndProgressIsLabelled() {
        Cli.Result r = Cli.withPlugins("tabulate", "--formula", "exp(x)", "--range", "0:1", "--progress", "plain");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("Table not saved (no --out TABLE.csv)"), r::toString);
        assertTrue(r.err().contains("[exp(x)] "), r::toString);
        assertFalse(r.err().contains("[] "), r::toString);
    }

    @Test
    void fThatIsZeroAtEveryKnotIsSaidSoNotThatItCrossesZero() {
        // 0, and a Gaussian that underflows to 0 on the whole range
        for (String formula : List.of("0", "exp(-1e6*x^2)")) {
            Run r = run("--formula", formula, "--range", "10:20");
            assertEquals(ExitCodes.FAILURE, r.code(), r.err());
            assertEquals(List.of("autoknots: not converged: f is 0 at every knot, so a pure relative tolerance (--abs = 0)"
                    + " is meaningless there; set --abs > 0 (an error allowance where f is near 0)"), r.err().lines().toList());
            assertEquals(ExitCodes.OK, run("--formula", formula, "--range", "10:20", "--abs", "1e-12").code());
        }
        // underflowing on part of the range: the stretch is named
        Run part = run("--formula", "exp(-1e3*x^2)", "--range", "0:20");
        assertEquals(ExitCodes.FAILURE, part.code(), part.err());
        assertTrue(part.err().startsWith("autoknots: not converged: f is 0 at every knot on [0.8")
                && part.err().contains(", 20], so a pure relative tolerance (--abs = 0) is meaningless there; set --abs > 0"),
                part.err());
        assertFalse(part.err().contains("crosses"), part.err());
    }

    @Test
    void aZeroOfOrderThreeAtAnEndIsNotConvergedAndIsNotCalledACrossing() {
        // x³ from 0: the spline's slope at 0 is rounding, not 0, and |s − f|/f grows without bound towards 0
        Run r = run("--formula", "x^3", "--range", "0:10", "--rel", "1e-8");
        assertEquals(ExitCodes.FAILURE, r.code(), r.err());
        assertEquals(List.of("autoknots: not converged: f vanishes at the end x = 0: a pure relative tolerance"
                + " (--abs = 0) can't hold there; set --abs > 0 (an error allowance where f is near 0)"),
                r.err().lines().filter(l -> l.startsWith("autoknots:")).toList(), r.err());
        assertEquals(ExitCodes.OK, run("--formula", "x^3", "--range", "0:10", "--rel", "1e-8", "--abs", "1e-12").code());
        // a simple zero at the end keeps the relative error bounded
        assertEquals(ExitCodes.OK, run("--formula", "x*exp(x)", "--range", "0:2", "--rel", "1e-8").code());
        // only the end where the relative error is unbounded is named: the upper one for x(1 − x)
        Run both = run("--formula", "x*(1-x)", "--range", "0:1", "--rel", "1e-8");
        assertEquals(ExitCodes.FAILURE, both.code(), both.err());
        assertTrue(both.err().contains("autoknots: not converged: f vanishes at the end x = 1: "), both.err());
    }

    @Test
    void valuesNearTheSmallestDoublesAreSaidToBeTooSmall() {
        Run r = run("--formula", "1e-300*exp(-x)", "--range", "0:50", "--rel", "1e-8");
        assertEquals(ExitCodes.FAILURE, r.code(), r.err());
        List<String> said = r.err().lines().filter(l -> l.startsWith("autoknots:")).toList();
        assertEquals(1, said.size(), r.err());
        assertTrue(said.get(0).startsWith("autoknots: not converged: f is too small to hold the tolerance from x ≈ 28.")
                && said.get(0).endsWith("set --abs ≥ 5e-321"), r.err());
    }

    @Test
    void wholeNumbersMayBeWrittenAsInPipelinesAndPicocliWordsAreNotShown() {
        assertEquals(ExitCodes.OK, run("--formula", "1 + x", "--range", "1:2", "--max-knots", "1e6").code());
        Run half = run("--formula", "1 + x", "--range", "1:2", "--max-knots", "1.5");
        assertEquals(ExitCodes.USAGE, half.code(), half.err());
        assertTrue(half.err().contains("'1.5' is not a whole number"), half.err());
        Run both = run("--formula", "x", "--function", "nfw", "--range", "1:2");
        assertEquals(ExitCodes.USAGE, both.code(), both.err());
        assertEquals(1, both.err().lines().count(), both.err());
        assertTrue(both.err().startsWith("autoknots: --formula=EXPR, --function=ID are mutually exclusive"), both.err());
    }

    @Test
    void aLinkGivenAsAnOutputFileIsWrittenThroughAndCountsAsItsTarget() throws IOException {
        Path real = dir.resolve("real.csv");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real.getFileName());
        Run r = run("--formula", "exp(x)", "--range", "0:1", "--out", link.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertTrue(Files.readString(real).startsWith("x,value"), "its target holds the table");
        // a link to --out, given as --summary, names the same file
        Path other = Files.createSymbolicLink(dir.resolve("other.json"), dir.resolve("t.csv"));
        Run same = run("--formula", "exp(x)", "--range", "0:1", "--out", dir.resolve("t.csv").toString(),
                "--summary", other.toString());
        assertEquals(ExitCodes.USAGE, same.code(), same.err());
        assertTrue(same.err().contains("the same file as --out"), same.err());
        assertFalse(Files.exists(dir.resolve("t.csv")));
    }

    @Test
    void anUnconvergedTableSaysThatAnOlderFileAtItsPathIsNotThisRuns() throws IOException {
        Path out = dir.resolve("o.csv");
        Files.writeString(out, "x,value\n0,1\n1,2\n");
        Run r = run("--formula", "x^3", "--range", "0:1", "--out", out.toString());
        assertEquals(ExitCodes.FAILURE, r.code(), r.err());
        assertTrue(r.err().contains("; table not written (use --keep-unconverged to write it anyway); " + out
                + " is from an earlier run, left as it was"), r.err());
        assertEquals("x,value\n0,1\n1,2\n", Files.readString(out));
    }

    @Test
    void aPoleIsNotBlamedOnTheKnotLimit() {
        Run r = run("--formula", "1/(x-0.3)", "--range", "0:1");
        assertEquals(ExitCodes.FAILURE, r.code());
        assertTrue(r.err().contains("unresolved near x ≈ 0.3") && r.err().contains("pole"), r.err());
        assertFalse(r.err().contains("--max-knots"), r.err());
    }

    @Test
    void outOfMemoryIsOneLineWithExitOne() throws Exception {
        // a separate JVM with a small heap; sin(1e6 x) at rel 1e-12 would need some 10^9 knots
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Xmx40m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "tabulate", "--plugins-dir", pluginsDir().toString(), "--progress", "none",
                "--formula", "sin(1e6*x)", "--range", "0:1000", "--rel", "1e-12", "--max-knots", "50000000")
                .redirectErrorStream(false).start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int code = p.waitFor();
        assertEquals(ExitCodes.FAILURE, code, err);
        assertTrue(err.startsWith("autoknots: error: out of memory") && err.contains("AUTOKNOTS_JAVA_OPTS=-Xmx"), err);
        assertFalse(err.contains("\tat "), err);
        assertTrue(err.lines().count() <= 2, err);
    }
}
