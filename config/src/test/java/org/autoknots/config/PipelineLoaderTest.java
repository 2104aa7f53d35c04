package org.autoknots.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autoknots.api.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineLoaderTest {

    /** nfw (rho_s, r_s > 0, closed forms) and einasto (no closed forms); two spline kinds. */
    static final Catalog CATALOG = new Catalog() {
        @Override
        public Collection<String> functionIds() {
            return List.of("einasto", "nfw");
        }

        @Override
        public Collection<String> splineKinds() {
            return List.of("natural", "not-a-knot");
        }

        @Override
        public boolean bind(String id, Map<String, Object> params) {
            List<String> names = id.equals("nfw") ? List.of("rho_s", "r_s") : List.of("rho_2", "r_2", "alpha");
            for (String k : params.keySet()) {
                if (!names.contains(k)) {
                    throw new ParameterException(k, "unknown parameter '" + k + "'; valid: " + String.join(", ", names));
                }
            }
            for (String n : names) {
                Object v = params.get(n);
                if (v == null) {
                    throw new ParameterException(n, "missing parameter '" + n + "'");
                }
                if (!(v instanceof Double d) || !(d > 0)) {
                    throw new ParameterException(n, "parameter '" + n + "' must be positive and finite, got " + v);
                }
            }
            return id.equals("nfw");
        }

        /** nfw declares r > 0, in words of its own; einasto declares nothing. */
        @Override
        public Optional<String> domainProblem(String id, Map<String, Object> params, double lower, double upper) {
            return id.equals("nfw") && !(lower > 0) ? Optional.of("r must be > 0, got [" + lower + ", " + upper + "]")
                    : Optional.empty();
        }
    };

    static final String EXAMPLE = """
            name: nfw-sigma
            function:
              id: nfw                       # an extension id from a loaded plugin
              params: { rho_s: 1.0, r_s: 1.0 }
            stages:
              - id: rho
                type: tabulate              # AutoKnots on the function itself
                range: [1.0e-4, 1.0e4]
                knots: log                  # linear | log | asinh
                tolerance: { rel: 1.0e-8, abs: 0.0 }
              - id: sigma
                type: project               # Σ, Σ̄, ΔΣ by numerical projection of ρ
                range: [1.0e-4, 1.0e4]
                knots: log
                tolerance: { rel: 1.0e-8 }
                quantities: [sigma, mean_sigma, delta_sigma]
              - id: check
                type: validate
                input: sigma
                against: analytic           # or: { file: path/to/reference.csv }
                max-rel-error: 1.0e-7
            output: out/nfw-sigma
            """;

    /** The test catalog's answers, for a test to change one of them. */
    abstract static class Delegating implements Catalog {
        @Override
        public Collection<String> functionIds() {
            return CATALOG.functionIds();
        }

        @Override
        public Collection<String> splineKinds() {
            return CATALOG.splineKinds();
        }

        @Override
        public boolean bind(String id, Map<String, Object> params) {
            return CATALOG.bind(id, params);
        }
    }

    static Pipeline load(String yaml) {
        return PipelineLoader.load(new StringReader(yaml), "p.yaml", Path.of("."), CATALOG);
    }

    static List<ConfigProblem> problems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        return e.problems();
    }

    static ConfigProblem only(String yaml) {
        List<ConfigProblem> ps = problems(yaml);
        assertEquals(1, ps.size(), () -> "expected one problem, got " + ps);
        return ps.get(0);
    }

    /** Replaces the first occurrence of {@code from} in the example. */
    static String example(String from, String to) {
        assertTrue(EXAMPLE.contains(from), from);
        return EXAMPLE.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    static void assertAt(ConfigProblem p, int line, int column, String path) {
        assertEquals(line, p.mark().line(), p::toString);
        assertEquals(column, p.mark().column(), p::toString);
        assertEquals(path, p.path(), p::toString);
        assertTrue(p.toString().startsWith("p.yaml:" + line + ":" + column + ": " + path), p::toString);
    }

    @Test
    void theIssueExampleLoadsWithDefaults() {
        Pipeline p = load(EXAMPLE);
        assertEquals("nfw-sigma", p.name());
        assertEquals("nfw", p.function().id());
        assertEquals(Map.of("rho_s", 1.0, "r_s", 1.0), p.function().params());
        assertTrue(p.function().hasClosedForms());
        assertEquals(List.of("rho", "sigma", "check"), p.stages().stream().map(Stage::id).toList());
        Stage.Tabulate rho = assertInstanceOf(Stage.Tabulate.class, p.stages().get(0));
        assertEquals(1.0e-4, rho.refinement().lower());
        assertEquals(1.0e4, rho.refinement().upper());
        assertEquals(KnotSpacing.LOG, rho.refinement().spacing());
        assertEquals(1.0e-8, rho.refinement().rel());
        assertEquals(0.0, rho.refinement().abs());
        assertEquals("not-a-knot", rho.refinement().spline());
        assertEquals(org.autoknots.refine.Limits.DEFAULT_MAX_KNOTS, rho.refinement().maxKnots());
        assertEquals("graded", rho.refinement().mode());
        Stage.Project sigma = assertInstanceOf(Stage.Project.class, p.stages().get(1));
        assertEquals(List.of("sigma", "mean_sigma", "delta_sigma"), sigma.quantities());
        assertEquals(Stage.Method.NUMERIC, sigma.method());
        Stage.Validate check = assertInstanceOf(Stage.Validate.class, p.stages().get(2));
        assertEquals("sigma", check.input());
        assertInstanceOf(Stage.Analytic.class, check.against());
        assertEquals(1.0e-7, check.maxRelError());
        assertEquals(PipelineLoader.DEFAULT_GRID_POINTS, check.gridPoints());
        assertEquals("out/nfw-sigma", p.output().orElseThrow());
    }

    @Test
    void unknownStageTypeNamesTheValidTypes() {
        ConfigProblem p = only(example("type: tabulate ", "type: tabulat  "));
        assertAt(p, 7, 11, "stages[0].type");
        assertTrue(p.message().contains("'tabulat'") && p.message().contains("tabulate, project, validate"), p::toString);
    }

    @Test
    void unknownFunctionIdListsTheLoadedOnes() {
        ConfigProblem p = only(example("id: nfw ", "id: nfx "));
        assertAt(p, 3, 7, "function.id");
        assertTrue(p.message().contains("'nfx'") && p.message().contains("einasto, nfw"), p::toString);
    }

    @Test
    void missingKeyIsNamedWithItsPath() {
        ConfigProblem p = only(example("    max-rel-error: 1.0e-7\n", ""));
        assertAt(p, 17, 5, "stages[2].max-rel-error");
        assertTrue(p.message().contains("missing key 'max-rel-error'"), p::toString);
    }

    @Test
    void unknownKeyListsTheValidKeys() {
        ConfigProblem p = only(example("    type: tabulate              # AutoKnots on the function itself\n", "    type: tabulate              # AutoKnots on the function itself\n" + "    nots: 3\n"));
        assertAt(p, 8, 5, "stages[0].nots");
        assertTrue(p.message().contains("unknown key 'nots'") && p.message().contains("range, knots"), p::toString);
    }

    @Test
    void badNumberSaysWhatWasExpected() {
        ConfigProblem p = only(example("rel: 1.0e-8, abs", "rel: tight, abs"));
        assertAt(p, 10, 23, "stages[0].tolerance.rel");
        assertTrue(p.message().contains("expected a number") && p.message().contains("'tight'"), p::toString);
    }

    @Test
    void inputNamingNoEarlierStageListsTheCandidates() {
        ConfigProblem p = only(example("input: sigma", "input: sigmaa"));
        assertAt(p, 19, 12, "stages[2].input");
        assertTrue(p.message().contains("'sigmaa'") && p.message().contains("valid: rho, sigma"), p::toString);
    }

    @Test
    void inputMustComeBeforeTheValidation() {
        String yaml = EXAMPLE.replace("input: sigma", "input: check");
        ConfigProblem p = only(yaml);
        assertAt(p, 19, 12, "stages[2].input");
        assertTrue(p.message().contains("'check'"), p::toString);
        assertTrue(p.message().contains("names no earlier tabulate or project stage"), p::toString);
    }

    @Test
    void reversedRangeIsRejected() {
        ConfigProblem p = only(example("range: [1.0e-4, 1.0e4]", "range: [1.0e4, 1.0e-4]"));
        assertAt(p, 8, 12, "stages[0].range");
        assertTrue(p.message().contains("a < b"), p::toString);
    }

    @Test
    void logKnotsNeedAPositiveRange() {
        ConfigProblem p = only(example("range: [1.0e-4, 1.0e4]", "range: [0.0, 1.0e4]"));
        assertAt(p, 8, 12, "stages[0].range");
        assertTrue(p.message().contains("log needs a range above 0") && p.message().contains("linear or asinh"), p::toString);
    }

    @Test
    void aTabulateRangeOutsideTheFunctionsDomainPointsAtTheRange() {
        ConfigProblem p = only(example("range: [1.0e-4, 1.0e4]\n    knots: log ", "range: [-1.0, 1.0e4]\n    knots: linear "));
        assertAt(p, 8, 12, "stages[0].range");
        assertEquals("function 'nfw': r must be > 0, got [-1.0, 10000.0]", p.message());
        // a function without a declared domain is not checked here
        String einasto = EXAMPLE.replace("id: nfw ", "id: einasto ")
                .replace("{ rho_s: 1.0, r_s: 1.0 }", "{ rho_2: 1.0, r_2: 1.0, alpha: 0.2 }")
                .replace("range: [1.0e-4, 1.0e4]\n    knots: log ", "range: [-1.0, 1.0e4]\n    knots: linear ");
        assertTrue(problems(einasto).stream().noneMatch(q -> q.path().equals("stages[0].range")), einasto);
    }

    @Test
    void aFunctionFailingInCreateIsNamedWithItsPlugin() {
        Catalog failing = new Delegating() {
            @Override
            public boolean bind(String id, Map<String, Object> params) {
                throw new IllegalStateException("no license server");
            }

            @Override
            public Optional<String> origin(String id) {
                return Optional.of("plugin halo-profiles, loaded from /opt/halo.jar");
            }
        };
        ConfigException e = assertThrows(ConfigException.class,
                () -> PipelineLoader.load(new StringReader(EXAMPLE), "p.yaml", Path.of("."), failing));
        ConfigProblem p = e.problems().get(0);
        assertAt(p, 3, 3, "function");
        assertEquals("function 'nfw' (plugin halo-profiles, loaded from /opt/halo.jar) failed while being created"
                + " with these parameters: IllegalStateException: no license server", p.message());
    }

    @Test
    void pluginParameterErrorPointsAtTheParameter() {
        ConfigProblem p = only(example("r_s: 1.0 }", "r_s: -2.0 }"));
        assertAt(p, 4, 30, "function.params.r_s");
        assertTrue(p.message().contains("must be positive") && p.message().contains("-2.0"), p::toString);
    }

    @Test
    void unknownPluginParameterListsTheValidOnes() {
        ConfigProblem p = only(example("r_s: 1.0 }", "r_s: 1.0, c: 4 }"));
        assertAt(p, 4, 38, "function.params.c");
        assertTrue(p.message().contains("valid: rho_s, r_s"), p::toString);
    }

    @Test
    void unknownKnotScaleListsTheScales() {
        ConfigProblem p = only(example("knots: log  ", "knots: logg "));
        assertAt(p, 9, 12, "stages[0].knots");
        assertTrue(p.message().contains("linear, log, asinh"), p::toString);
    }

    @Test
    void unknownSplineKindListsTheAvailable() {
        ConfigProblem p = only(example("    type: tabulate              # AutoKnots on the function itself\n", "    type: tabulate              # AutoKnots on the function itself\n" + "    spline: akima\n"));
        assertAt(p, 8, 13, "stages[0].spline");
        assertTrue(p.message().contains("'akima'") && p.message().contains("natural, not-a-knot"), p::toString);
    }

    @Test
    void analyticMethodNeedsClosedForms() {
        String einasto = EXAMPLE.replace("id: nfw ", "id: einasto ")
                .replace("{ rho_s: 1.0, r_s: 1.0 }", "{ rho_2: 1.0, r_2: 1.0, alpha: 0.2 }");
        ConfigProblem p = only(einasto.replace("    quantities: [sigma, mean_sigma, delta_sigma]\n", "    method: analytic\n"));
        assertAt(p, 16, 13, "stages[1].method");
        assertTrue(p.message().contains("einasto") && p.message().contains("method: numeric"), p::toString);
        ConfigProblem q = only(einasto);
        assertAt(q, 20, 14, "stages[2].against");
        assertTrue(q.message().contains("{ file: reference.csv }"), q::toString);
    }

    @Test
    void anchorsAliasesAndMergeKeysAreRejected() {
        String yaml = EXAMPLE.replace("range: [1.0e-4, 1.0e4]\n    knots: log                  # linear",
                "range: &r [1.0e-4, 1.0e4]\n    knots: log                  # linear")
                .replace("    range: [1.0e-4, 1.0e4]\n    knots: log\n    tolerance: { rel: 1.0e-8 }",
                        "    range: *r\n    knots: log\n    tolerance: { <<: {rel: 1.0e-8} }");
        List<ConfigProblem> ps = problems(yaml);
        assertTrue(ps.stream().anyMatch(p -> p.message().contains("anchors (&r) are not supported")
                && p.mark().line() == 8), ps::toString);
        assertTrue(ps.stream().anyMatch(p -> p.message().contains("aliases (*r) are not supported")
                && p.mark().line() == 13 && p.path().equals("stages[1].range")), ps::toString);
        assertTrue(ps.stream().anyMatch(p -> p.message().contains("merge keys (<<) are not supported")
                && p.mark().line() == 15), ps::toString);
    }

    @Test
    void specialFloatsAreRejected() {
        List<ConfigProblem> ps = problems(example("range: [1.0e-4, 1.0e4]", "range: [1.0e-4, .inf]"));
        assertTrue(ps.stream().anyMatch(p -> p.message().contains("'.inf' is not supported")
                && p.path().equals("stages[0].range[1]") && p.mark().line() == 8), ps::toString);
        List<ConfigProblem> qs = problems(example("max-rel-error: 1.0e-7", "max-rel-error: .NaN"));
        assertTrue(qs.stream().anyMatch(p -> p.message().contains("'.NaN' is not supported")
                && p.path().equals("stages[2].max-rel-error")), qs::toString);
    }

    @Test
    void allProblemsOfAFileAreReportedTogetherInFileOrder() {
        String yaml = EXAMPLE.replace("id: nfw ", "id: nfx ").replace("knots: log  ", "knots: logg ")
                .replace("type: validate", "type: check").replace("output: out", "outptu: out");
        List<ConfigProblem> ps = problems(yaml);
        assertEquals(List.of("function.id", "stages[0].knots", "stages[2].type", "outptu"),
                ps.stream().map(ConfigProblem::path).toList(), ps::toString);
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        assertEquals(4, e.getMessage().lines().count());
    }

    @Test
    void syntaxErrorHasALocation() {
        ConfigProblem p = only("name: x\nfunction: { id: nfw, params: { rho_s: 1, r_s: 1 }\nstages: []\n");
        assertTrue(p.message().startsWith("YAML syntax error") && p.message().contains("expected ',' or '}'"), p::toString);
        assertEquals(3, p.mark().line(), p::toString);
        assertEquals(1, p.mark().column(), p::toString);
        assertEquals(1, p.toString().lines().count());
        ConfigProblem tab = only("name: x\n\tfunction: 1\n");
        assertEquals(2, tab.mark().line(), tab::toString);
        assertTrue(tab.message().contains("TAB"), tab::toString);
    }

    @Test
    void duplicateStageIdsAndKeysAreRejected() {
        List<ConfigProblem> ps = problems(example("id: sigma\n", "id: rho\n").replace("output: out", "name: again\noutput: out"));
        assertTrue(ps.stream().anyMatch(p -> p.path().equals("stages[1].id") && p.message().contains("duplicate stage id 'rho'")), ps::toString);
        assertTrue(ps.stream().anyMatch(p -> p.path().equals("name") && p.message().contains("duplicate key 'name'")), ps::toString);
    }

    @Test
    void referenceFileRowsOutsideTheRangeAreSkippedAndCounted(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ref.csv"), """
                # a comment
                profile,R,sigma,mean_sigma,delta_sigma
                nfw,1.0e-5,1,2,1
                nfw,2.0,0.5,0.75,0.25
                # another
                nfw,1.0,1.5,2.5,1.0
                nfw,2.0e4,1,1,0
                """);
        String yaml = EXAMPLE.replace("against: analytic", "against: { file: ref.csv }");
        Pipeline p = PipelineLoader.load(new StringReader(yaml), "p.yaml", dir, CATALOG);
        Stage.ReferenceFile ref = assertInstanceOf(Stage.ReferenceFile.class, ((Stage.Validate) p.stages().get(2)).against());
        assertEquals(2, ref.table().rows());
        assertEquals(2, ref.table().skipped());
        assertEquals(List.of(1.0, 2.0), java.util.Arrays.stream(ref.table().abscissae()).boxed().toList());
        assertEquals(List.of(1.0, 0.25), java.util.Arrays.stream(ref.table().column("delta_sigma")).boxed().toList());
    }

    @Test
    void referenceFileWithoutAQuantityColumnNamesItsColumns(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ref.csv"), "R,sigma,mean_sigma\n1.0,1,2\n");
        String yaml = EXAMPLE.replace("against: analytic", "against: { file: ref.csv }");
        ConfigException e = assertThrows(ConfigException.class,
                () -> PipelineLoader.load(new StringReader(yaml), "p.yaml", dir, CATALOG));
        ConfigProblem p = e.problems().get(0);
        assertAt(p, 20, 22, "stages[2].against.file");
        assertTrue(p.message().contains("lacks column(s) delta_sigma") && p.message().contains("R, sigma, mean_sigma"), p::toString);
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsNotPartOfTheFirstColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ref.csv"), "\uFEFFR,sigma,mean_sigma,delta_sigma\n1.0,1.5,2.5,1.0\n",
                java.nio.charset.StandardCharsets.UTF_8);
        String yaml = EXAMPLE.replace("against: analytic", "against: { file: ref.csv }");
        Pipeline p = PipelineLoader.load(new StringReader(yaml), "p.yaml", dir, CATALOG);
        Stage.ReferenceFile ref = assertInstanceOf(Stage.ReferenceFile.class, ((Stage.Validate) p.stages().get(2)).against());
        assertEquals(List.of(1.0), java.util.Arrays.stream(ref.table().abscissae()).boxed().toList());
        // and a pipeline file may start with one too
        assertEquals("nfw-sigma", load("\uFEFF" + EXAMPLE).name());
    }

    @Test
    void aColumnGivenTwiceOrAnAbscissaWithTwoValuesIsRejectedAtItsLine(@TempDir Path dir) throws IOException {
        String yaml = EXAMPLE.replace("against: analytic", "against: { file: ref.csv }");
        Files.writeString(dir.resolve("ref.csv"), "R,sigma,mean_sigma,delta_sigma,R\n1.0,1.5,2.5,1.0,3\n");
        ConfigException cols = assertThrows(ConfigException.class,
                () -> PipelineLoader.load(new StringReader(yaml), "p.yaml", dir, CATALOG));
        assertEquals(dir.resolve("ref.csv") + ":1: reference file has two columns named R (columns 1 and 5); give each"
                + " column once", cols.problems().get(0).message());
        Files.writeString(dir.resolve("ref.csv"), "# R twice\nR,sigma,mean_sigma,delta_sigma\n2.0,1,1,1\n1.0,1.5,2.5,1.0\n"
                + "1.0,1.5,2.25,1.0\n");
        ConfigException rows = assertThrows(ConfigException.class,
                () -> PipelineLoader.load(new StringReader(yaml), "p.yaml", dir, CATALOG));
        assertEquals(dir.resolve("ref.csv") + ":5: R = 1.0 again (first at line 4), with another mean_sigma (2.5 there,"
                + " 2.25 here); give each R once", rows.problems().get(0).message());
        // the same row twice says the same thing twice: accepted
        Files.writeString(dir.resolve("ref.csv"), "R,sigma,mean_sigma,delta_sigma\n1.0,1.5,2.5,1.0\n1.0,1.5,2.5,1.0\n");
        Pipeline p = PipelineLoader.load(new StringReader(yaml), "p.yaml", dir, CATALOG);
        assertEquals(2, ((Stage.ReferenceFile) ((Stage.Validate) p.stages().get(2)).against()).table().rows());
        // columns the stage does not read may repeat
        Files.writeString(dir.resolve("ref.csv"), "note,R,sigma,mean_sigma,delta_sigma,note\na,1.0,1.5,2.5,1.0,b\n");
        PipelineLoader.load(new StringReader(yaml), "p.yaml", dir, CATALOG);
    }

    @Test
    void userContentQuotedInAMessageIsCutTo80Characters(@TempDir Path dir) throws IOException {
        // a CSV file given as a pipeline: its lines fold into one long text
        StringBuilder csv = new StringBuilder("profile,rho_2,r_2,alpha,R,sigma\n");
        for (int i = 0; i < 200; i++) {
            csv.append("einasto,1.0,1.0,0.18,").append(i).append(",60.303898761876724621\n");
        }
        ConfigProblem p = only(csv.toString());
        String quoted = p.message().substring(p.message().indexOf("got text '") + "got text '".length());
        assertEquals(Excerpt.MAX + 1, quoted.length(), p::toString); // 79 characters, "…" and the closing quote
        assertTrue(quoted.endsWith("…'") && quoted.startsWith("profile,rho_2,r_2,alpha,R,sigma einasto,1.0"), p::toString);
        // a long value in a key that takes a word
        ConfigProblem knots = only(example("knots: log", "knots: " + "x".repeat(500)));
        assertTrue(knots.message().startsWith("'" + "x".repeat(79) + "…' is not valid; valid: linear, log, asinh"),
                knots::toString);
        // a long cell of a reference file
        Files.writeString(dir.resolve("ref.csv"), "R,sigma,mean_sigma,delta_sigma\n1.0," + "y".repeat(300) + ",1,1\n");
        String yaml = EXAMPLE.replace("against: analytic", "against: { file: ref.csv }");
        ConfigException e = assertThrows(ConfigException.class,
                () -> PipelineLoader.load(new StringReader(yaml), "p.yaml", dir, CATALOG));
        assertTrue(e.problems().get(0).message().endsWith(":2: column sigma holds '" + "y".repeat(79)
                + "…', expected a finite number"), e::getMessage);
        // line breaks of a block scalar stay on the message's line
        ConfigProblem block = only(example("knots: log", "knots: |\n      lo\n      g"));
        assertTrue(block.message().startsWith("'lo\\ng ") && block.message().endsWith("' is not valid; valid: linear, log,"
                + " asinh") && block.message().lines().count() == 1, block::toString);
        assertEquals("short", Excerpt.of("short"));
        assertEquals("a".repeat(80), Excerpt.of("a".repeat(80)));
        assertEquals("a".repeat(79) + "…", Excerpt.of("a".repeat(81)));
    }

    @Test
    void anEmptyValueIsNothingAndEmptyParamsSayWhatTheFunctionNeeds() {
        Catalog withRequired = new Delegating() {
            @Override
            public List<String> requiredParameters(String id) {
                return id.equals("nfw") ? List.of("rho_s", "r_s") : List.of();
            }
        };
        for (String empty : List.of("params:", "params: ~", "params: {}")) {
            String yaml = example("params: { rho_s: 1.0, r_s: 1.0 }", empty);
            ConfigException e = assertThrows(ConfigException.class,
                    () -> PipelineLoader.load(new StringReader(yaml), "p.yaml", Path.of("."), withRequired));
            assertEquals(1, e.problems().size(), e::getMessage);
            ConfigProblem p = e.problems().get(0);
            assertEquals("function.params", p.path(), p::toString);
            assertEquals(4, p.mark().line(), p::toString);
            assertEquals("params is empty, and function 'nfw' needs rho_s, r_s; give them as a mapping, e.g. params:"
                    + " { rho_s: …, r_s: … } (./autoknots plugins lists them)", p.message(), empty);
        }
        // quoted, "" is text; left empty, another key's value is nothing
        assertTrue(only(example("params: { rho_s: 1.0, r_s: 1.0 }", "params: \"\"")).message()
                .endsWith("got text ''"));
        assertEquals("expected text, got nothing (an empty value)", only(example("knots: log", "knots:")).message());
    }

    @Test
    void missingReferenceFileIsAConfigurationError(@TempDir Path dir) {
        String yaml = EXAMPLE.replace("against: analytic", "against: { file: nowhere.csv }");
        ConfigException e = assertThrows(ConfigException.class,
                () -> PipelineLoader.load(new StringReader(yaml), "p.yaml", dir, CATALOG));
        assertTrue(e.getMessage().contains("nowhere.csv does not exist"), e::getMessage);
    }

    @Test
    void optionalKeysAreRead() {
        Pipeline p = load(example("    type: tabulate              # AutoKnots on the function itself\n", "    type: tabulate              # AutoKnots on the function itself\n" + "    spline: natural\n    max-knots: 5000\n"
                + "    initial-knots: 12\n    concurrency: 2\n    mode: paper\n").replace("max-rel-error: 1.0e-7",
                "max-rel-error: 1.0e-7\n    grid-points: 500"));
        Refinement r = ((Stage.Tabulate) p.stages().get(0)).refinement();
        assertEquals("natural", r.spline());
        assertEquals(5000, r.maxKnots());
        assertEquals(12, r.initialKnots());
        assertEquals(2, r.concurrency());
        assertEquals("paper", r.mode());
        assertEquals(500, ((Stage.Validate) p.stages().get(2)).gridPoints());
    }

    @Test
    void projectStageNeedsRadiiAboveZero() {
        String yaml = EXAMPLE.replace("    range: [1.0e-4, 1.0e4]\n    knots: log\n    tolerance: { rel: 1.0e-8 }\n",
                "    range: [0, 1.0e4]\n    knots: linear\n    tolerance: { rel: 1.0e-8 }\n");
        assertTrue(yaml.contains("[0, 1.0e4]"));
        ConfigProblem p = only(yaml);
        assertAt(p, 13, 12, "stages[1].range");
        assertTrue(p.message().contains("R > 0"), p::toString);
        ConfigProblem q = only(yaml.replace("range: [0, 1.0e4]", "range: [-1, 10]"));
        assertAt(q, 13, 12, "stages[1].range");
    }

    @Test
    void aProjectStageCannotAskForMoreThanItsQuadraturesReach() {
        String project = "tolerance: { rel: 1.0e-8 }\n    quantities";
        assertTrue(EXAMPLE.contains(project));
        ConfigProblem p = only(EXAMPLE.replace(project, "tolerance: { rel: 1.0e-12 }\n    quantities"));
        assertAt(p, 15, 23, "stages[1].tolerance.rel");
        assertTrue(p.message().contains("the smallest allowed is 1e-11"), p::toString);
        // 1e-11 is accepted, and a tabulate stage may go further (1e-14)
        load(EXAMPLE.replace(project, "tolerance: { rel: 1.0e-11 }\n    quantities")
                .replace("rel: 1.0e-8, abs: 0.0", "rel: 1.0e-13, abs: 0.0"));
    }

    @Test
    void relBelowDoublePrecisionIsRejectedUnlessAbsIsGiven() {
        ConfigProblem p = only(example("rel: 1.0e-8, abs: 0.0", "rel: 1.0e-20, abs: 0.0"));
        assertAt(p, 10, 23, "stages[0].tolerance.rel");
        assertTrue(p.message().contains("rel 1e-20 with abs 0 is below what double precision can attain: the smallest allowed is 1e-14"),
                p::toString);
        assertEquals(1.0e-20, ((Stage.Tabulate) load(example("rel: 1.0e-8, abs: 0.0", "rel: 1.0e-20, abs: 1.0e-12"))
                .stages().get(0)).refinement().rel());
    }

    @Test
    void maxKnotsAboveTheLimitIsRejectedNamingTheLimit() {
        ConfigProblem p = only(example("    knots: log                  # linear | log | asinh\n",
                "    knots: log                  # linear | log | asinh\n    max-knots: 100000000\n"));
        assertEquals("stages[0].max-knots", p.path());
        assertEquals("expected a whole number from 3 to 50000000, got 100000000", p.message());
    }

    @Test
    void pipelineNameCannotLeaveTheOutputFolder() {
        ConfigProblem p = only(example("name: nfw-sigma", "name: ../../evilname"));
        assertAt(p, 1, 7, "name");
        assertTrue(p.message().contains("'../../evilname'") && p.message().contains("letters, digits"), p::toString);
        assertEquals(1, problems(example("name: nfw-sigma", "name: a/b")).size());
    }

    @Test
    void outputMustNotBeAnExistingFileNorEmpty(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        ConfigProblem p = only(EXAMPLE.replace("output: out/nfw-sigma", "output: " + file));
        assertEquals("output", p.path());
        assertTrue(p.message().contains("existing file"), p::toString);
        assertTrue(only(EXAMPLE.replace("output: out/nfw-sigma", "output: ''")).message().contains("empty output folder"));
    }

    @Test
    void aValidationsOwnProblemsAreReportedWhenItsInputHasProblemsToo() {
        String yaml = example("range: [1.0e-4, 1.0e4]\n    knots: log\n    tolerance: { rel: 1.0e-8 }",
                "range: [1.0e-4, 1.0e4]\n    knots: log\n    tolerance: { rel: 2 }")
                .replace("against: analytic ", "against: { file: x.csv, extra: 1 }");
        List<ConfigProblem> ps = problems(yaml);
        assertEquals(3, ps.size(), ps::toString);
        assertEquals("stages[1].tolerance.rel", ps.get(0).path());
        assertTrue(ps.stream().anyMatch(q -> q.path().equals("stages[2].against.extra")), ps::toString);
        assertTrue(ps.stream().anyMatch(q -> q.path().equals("stages[2].against.file")
                && q.message().contains("x.csv does not exist")), ps::toString);
    }

    @Test
    void aBinaryOrMissingPipelineFileGetsAClearMessage(@TempDir Path dir) throws IOException {
        Path bin = Files.write(dir.resolve("b.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        ConfigException e = assertThrows(ConfigException.class, () -> PipelineLoader.load(bin, CATALOG));
        assertTrue(e.problems().get(0).message().contains("not UTF-8 text"), e::getMessage);
        Path nul = Files.write(dir.resolve("n.yaml"), new byte[] {'a', 0, 'b'});
        e = assertThrows(ConfigException.class, () -> PipelineLoader.load(nul, CATALOG));
        assertTrue(e.problems().get(0).message().contains("not text"), e::getMessage);
        e = assertThrows(ConfigException.class, () -> PipelineLoader.load(dir, CATALOG));
        assertTrue(e.problems().get(0).message().contains("it is a folder"), e::getMessage);
    }

    @Test
    void hexNumbersAndAliasesGetOneClearProblem() {
        ConfigProblem hex = only(example("rel: 1.0e-8, abs", "rel: 0x1, abs"));
        assertAt(hex, 10, 23, "stages[0].tolerance.rel");
        assertTrue(hex.message().contains("'0x1'") && hex.message().contains("decimal"), hex::toString);
        List<ConfigProblem> alias = problems(example("rel: 1.0e-8, abs: 0.0", "rel: &r 1.0e-8, abs: *r"));
        assertEquals(1, alias.stream().filter(q -> q.path().equals("stages[0].tolerance.abs")).count(), alias::toString);
        assertTrue(alias.stream().anyMatch(q -> q.message().contains("aliases (*r) are not supported")), alias::toString);
        assertTrue(alias.stream().noneMatch(q -> q.message().contains("got text")), alias::toString);
    }
}
