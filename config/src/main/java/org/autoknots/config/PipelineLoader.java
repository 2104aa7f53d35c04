package org.autoknots.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.autoknots.api.ParameterException;
import org.autoknots.refine.Limits;
import org.autoknots.refine.RefinementOptions;

/**
 * Loads a pipeline file and checks it completely before anything runs: the closed schema
 * (unknown and missing keys), value types and ranges, stage references, function ids, spline
 * kinds, plugin parameters and, for functions that declare a domain, tabulate ranges inside it
 * ({@link Catalog#domainProblem}). Every problem found is collected; {@link #load} throws one
 * {@link ConfigException} holding all of them, each with file:line:column, the path inside the
 * document and the valid choices.
 */
public final class PipelineLoader {

    /** Stage types. */
    public static final List<String> STAGE_TYPES = List.of("tabulate", "project", "validate");
    /** Quantities of a project stage. */
    public static final List<String> QUANTITIES = List.of("sigma", "mean_sigma", "delta_sigma");
    /** Default points of the independent validation grid. */
    public static final int DEFAULT_GRID_POINTS = 2000;

    private static final List<String> TOP_KEYS = List.of("name", "description", "function", "stages", "output");
    private static final List<String> FUNCTION_KEYS = List.of("id", "params");
    private static final List<String> REFINE_KEYS = List.of("id", "type", "range", "knots", "asinh-scale", "tolerance",
            "spline", "max-knots", "initial-knots", "max-spacing", "refine-rounds", "concurrency", "mode");
    private static final List<String> PROJECT_EXTRA = List.of("quantities", "method");
    private static final List<String> VALIDATE_KEYS = List.of("id", "type", "input", "against", "max-rel-error",
            "grid-points");
    private static final List<String> TOLERANCE_KEYS = List.of("rel", "abs");
    private static final List<String> MODES = List.of("graded", "paper");
    private static final List<String> METHODS = List.of("numeric", "analytic");
    private static final Pattern STAGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private final Catalog catalog;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<Mark> readerMarks = new java.util.HashSet<>();
    private final List<ConfigProblem> followUps = new ArrayList<>();
    private String fileName;
    private Path folder;

    private PipelineLoader(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Loads and checks a pipeline file. Relative reference-file paths resolve against the
     * file's folder.
     *
     * @throws ConfigException with every problem of the file
     */
    public static Pipeline load(Path file, Catalog catalog) {
        PipelineLoader l = new PipelineLoader(catalog);
        l.fileName = file.toString();
        l.folder = file.toAbsolutePath().getParent();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(List.of(new ConfigProblem(new Mark(l.fileName, 1, 1), "",
                    "the pipeline file is not UTF-8 text (a binary file?); give a YAML pipeline file")));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(new Mark(l.fileName, 1, 1), "",
                    "cannot read the pipeline file: " + (Files.isDirectory(file) ? "it is a folder"
                            : Files.exists(file) ? e.getMessage() : "no such file"))));
        }
        if (text.indexOf('\0') >= 0) {
            throw new ConfigException(List.of(new ConfigProblem(new Mark(l.fileName, 1, 1), "",
                    "the pipeline file is not text (a binary file?); give a YAML pipeline file")));
        }
        return l.parse(new StringReader(text), file);
    }

    /** Loads from a reader; {@code fileName} is used in messages, references resolve against {@code folder}. */
    public static Pipeline load(Reader reader, String fileName, Path folder, Catalog catalog) {
        PipelineLoader l = new PipelineLoader(catalog);
        l.fileName = fileName;
        l.folder = folder;
        return l.parse(reader, folder.resolve(fileName));
    }

    private Pipeline parse(Reader reader, Path file) {
        YamlNode root = new YamlTreeReader(fileName, problems).read(reader);
        problems.forEach(q -> readerMarks.add(q.mark()));
        Pipeline p = null;
        if (root != null) {
            p = pipeline(root, file);
        }
        if (!problems.isEmpty()) {
            problems.removeAll(followUps); // once per value is enough
            problems.sort((a, b) -> a.mark().line() != b.mark().line()
                    ? Integer.compare(a.mark().line(), b.mark().line())
                    : Integer.compare(a.mark().column(), b.mark().column()));
            throw new ConfigException(problems);
        }
        return p;
    }

    // ---------------------------------------------------------------- helpers

    private void problem(Mark m, String path, String message) {
        ConfigProblem q = new ConfigProblem(m, path, message);
        if (readerMarks.contains(m)) {
            followUps.add(q); // the YAML reader already reported this value (an alias, an anchor, .inf)
        }
        problems.add(q);
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String choices(Collection<String> c) {
        return c.isEmpty() ? "(none loaded)" : String.join(", ", c);
    }

    /** A mapping with its keys checked against the allowed and required ones. */
    private final class Fields {
        final YamlNode.MapNode map;
        final String path;

        Fields(YamlNode.MapNode map, String path, List<String> allowed, List<String> required, String what) {
            this.map = map;
            this.path = path;
            for (YamlNode.Entry e : map.entries().values()) {
                if (!allowed.contains(e.key()) && !"<<".equals(e.key())) {
                    problem(e.keyMark(), child(path, e.key()), "unknown key " + Excerpt.quoted(e.key()) + " in " + what
                            + "; valid keys: " + String.join(", ", allowed));
                }
            }
            for (String r : required) {
                if (!map.entries().containsKey(r)) {
                    problem(map.mark(), path.isEmpty() ? r : child(path, r), "missing key '" + r + "' in " + what);
                }
            }
        }

        YamlNode.Entry get(String key) {
            return map.entries().get(key);
        }

        String path(String key) {
            return child(path, key);
        }

        String text(String key, String fallback) {
            YamlNode.Entry e = get(key);
            if (e == null) {
                return fallback;
            }
            return asText(e.value(), path(key));
        }

        String choice(String key, List<String> valid, String fallback) {
            YamlNode.Entry e = get(key);
            if (e == null) {
                return fallback;
            }
            String s = asText(e.value(), path(key));
            if (s == null) {
                return null;
            }
            if (!valid.contains(s)) {
                problem(e.value().mark(), path(key), Excerpt.quoted(s) + " is not valid; valid: " + String.join(", ", valid));
                return null;
            }
            return s;
        }

        Double number(String key, Double fallback) {
            YamlNode.Entry e = get(key);
            if (e == null) {
                return fallback;
            }
            return asNumber(e.value(), path(key));
        }

        Double positive(String key, Double fallback) {
            return checked(key, number(key, fallback), Limits::positive);
        }

        /** @return d when the check finds nothing wrong with it (or the key is absent), else null, reported */
        Double checked(String key, Double d, java.util.function.DoubleFunction<Optional<String>> check) {
            if (d == null || get(key) == null) {
                return d;
            }
            Optional<String> wrong = check.apply(d);
            wrong.ifPresent(w -> problem(get(key).value().mark(), path(key), w));
            return wrong.isPresent() ? null : d;
        }

        Integer integer(String key, Integer fallback, int min, int max) {
            return integer(key, fallback, d -> Limits.wholeNumber(d, min, max));
        }

        /** @param check the limit's check ({@link Limits}), which also makes sure of a whole number */
        Integer integer(String key, Integer fallback, java.util.function.DoubleFunction<Optional<String>> check) {
            if (get(key) == null) {
                return fallback;
            }
            Double d = checked(key, asNumber(get(key).value(), path(key)), check);
            return d == null ? null : d.intValue();
        }
    }

    private YamlNode.MapNode asMap(YamlNode n, String path, String expected) {
        if (n instanceof YamlNode.MapNode m) {
            return m;
        }
        problem(n.mark(), path, "expected " + expected + ", got " + n.describe());
        return null;
    }

    private String asText(YamlNode n, String path) {
        if (n instanceof YamlNode.Scalar s && s.kind() != YamlNode.ScalarKind.NULL) {
            return s.text();
        }
        problem(n.mark(), path, "expected text, got " + n.describe());
        return null;
    }

    private Double asNumber(YamlNode n, String path) {
        if (n instanceof YamlNode.Scalar s) {
            String t = s.text().trim();
            if ((s.kind() == YamlNode.ScalarKind.INTEGER || s.kind() == YamlNode.ScalarKind.FLOAT
                    || s.kind() == YamlNode.ScalarKind.TEXT) && NUMBER.matcher(t).matches()) {
                double d = Double.parseDouble(t);
                if (Double.isFinite(d)) {
                    return d;
                }
                problem(n.mark(), path, "the number " + t + " overflows a double; give a finite number");
                return null;
            }
            if (t.toLowerCase(Locale.ROOT).matches("[-+]?\\.(inf|nan)")) {
                return null; // already reported by the reader
            }
            if (s.kind() == YamlNode.ScalarKind.INTEGER || s.kind() == YamlNode.ScalarKind.FLOAT) {
                problem(n.mark(), path, Excerpt.quoted(t) + ": write numbers in decimal (e.g. 1, 0.5 or 1.0e-8); hexadecimal,"
                        + " octal, binary and '_' separators are not supported");
                return null;
            }
        }
        problem(n.mark(), path, "expected a number (e.g. 1.0e-8), got " + n.describe());
        return null;
    }

    // ---------------------------------------------------------------- the document

    private Pipeline pipeline(YamlNode root, Path file) {
        YamlNode.MapNode map = asMap(root, "", "a mapping with keys " + String.join(", ", TOP_KEYS));
        if (map == null) {
            return null;
        }
        Fields top = new Fields(map, "", TOP_KEYS, List.of("name", "function", "stages"), "the pipeline");
        String name = top.text("name", null);
        if (name != null && !STAGE_ID.matcher(name).matches()) {
            problem(top.get("name").value().mark(), "name", "pipeline name " + Excerpt.quoted(name) + " is not valid: use letters, digits,"
                    + " '_', '-', '.' and start with a letter or digit (it names the default output folder out/<name>)");
            name = null;
        }
        top.text("description", null);
        String output = top.text("output", null);
        if (output != null) {
            Mark om = top.get("output").value().mark();
            if (output.isBlank()) {
                problem(om, "output", "empty output folder; give a folder such as out/" + (name != null ? name : "my-run")
                        + ", or leave 'output:' out for out/<name>");
                output = null;
            } else {
                Path op = Path.of(output).toAbsolutePath();
                if (Files.exists(op) && !Files.isDirectory(op)) {
                    problem(om, "output", Excerpt.quoted(output) + " is an existing file, not a folder; give a folder for the run's"
                            + " tables, summary and plots");
                    output = null;
                }
            }
        }
        FunctionSpec function = null;
        if (top.get("function") != null) {
            function = function(top.get("function").value());
        }
        List<Stage> stages = new ArrayList<>();
        if (top.get("stages") != null) {
            YamlNode sn = top.get("stages").value();
            if (sn instanceof YamlNode.ListNode list) {
                if (list.items().isEmpty()) {
                    problem(sn.mark(), "stages", "no stages; expected a list of stages of type " + String.join(", ", STAGE_TYPES));
                }
                Map<String, Stage> earlier = new LinkedHashMap<>();
                Map<String, Integer> idLines = new HashMap<>();
                Map<String, String[]> written = new HashMap<>();
                written.put(OutputFiles.SUMMARY.toLowerCase(Locale.ROOT), new String[] {OutputFiles.SUMMARY, null});
                for (int i = 0; i < list.items().size(); i++) {
                    Stage s = stage(list.items().get(i), "stages[" + i + "]", earlier, idLines, function);
                    if (s != null) {
                        stages.add(s);
                        earlier.put(s.id(), s);
                        claimOutputs(s, list.items().get(i), "stages[" + i + "].id", written);
                    }
                }
            } else {
                problem(sn.mark(), "stages", "expected a list of stages, got " + sn.describe());
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Pipeline(file, name, function, List.copyOf(stages), Optional.ofNullable(output),
                Optional.ofNullable(output == null ? null : top.get("output").value().mark()));
    }

    /**
     * Records the files a stage writes and reports a name that an earlier stage (or the run's
     * summary) writes too, or one differing only in case (one file where case is ignored), once
     * per other stage.
     *
     * @param written the names claimed so far, by lower-case name: {name, stage id or null for the run}
     */
    private void claimOutputs(Stage s, YamlNode node, String path, Map<String, String[]> written) {
        Mark m = s.mark();
        if (node instanceof YamlNode.MapNode map && map.entries().get("id") != null) {
            m = map.entries().get("id").value().mark();
        }
        Set<String> reported = new java.util.HashSet<>();
        for (String name : OutputFiles.of(s)) {
            String[] owner = written.putIfAbsent(name.toLowerCase(Locale.ROOT), new String[] {name, s.id()});
            if (owner == null || !reported.add(java.util.Objects.toString(owner[1], ""))) {
                continue;
            }
            String message;
            if (owner[1] == null) {
                message = "stage '" + s.id() + "' would write " + name + ", the run's summary file: rename the stage";
            } else if (owner[0].equals(name)) {
                message = "stage '" + s.id() + "' would write " + name + ", which stage '" + owner[1]
                        + "' writes too: rename one of them";
            } else {
                message = "stage '" + s.id() + "' would write " + name + " and stage '" + owner[1] + "' writes " + owner[0]
                        + ", one file where case is ignored (macOS, Windows): rename one of them";
            }
            problem(m, path, message);
        }
    }

    private FunctionSpec function(YamlNode n) {
        YamlNode.MapNode map = asMap(n, "function", "a mapping with keys id, params");
        if (map == null) {
            return null;
        }
        Fields f = new Fields(map, "function", FUNCTION_KEYS, List.of("id"), "function");
        String id = f.text("id", null);
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, YamlNode.Entry> paramNodes = new HashMap<>();
        YamlNode.MapNode pm = null;
        boolean paramsOk = true;
        boolean emptyParams = false;
        if (f.get("params") != null) {
            YamlNode pv = f.get("params").value();
            if (pv instanceof YamlNode.Scalar s && s.kind() == YamlNode.ScalarKind.NULL) {
                pm = null;
                emptyParams = true;
            } else {
                pm = asMap(pv, "function.params", "a mapping of parameter names to values");
                paramsOk = pm != null;
                emptyParams = pm != null && pm.entries().isEmpty();
            }
            if (pm != null) {
                for (YamlNode.Entry e : pm.entries().values()) {
                    String path = "function.params." + e.key();
                    paramNodes.put(e.key(), e);
                    if (e.value() instanceof YamlNode.Scalar s && (s.kind() == YamlNode.ScalarKind.INTEGER
                            || s.kind() == YamlNode.ScalarKind.FLOAT)) {
                        Double d = asNumber(s, path);
                        if (d == null) {
                            paramsOk = false;
                        } else {
                            params.put(e.key(), d);
                        }
                    } else if (e.value() instanceof YamlNode.Scalar s && s.kind() == YamlNode.ScalarKind.TEXT) {
                        params.put(e.key(), s.text());
                    } else {
                        problem(e.value().mark(), path, "expected a number or text, got " + e.value().describe());
                        paramsOk = false;
                    }
                }
            }
        }
        if (id == null) {
            return null;
        }
        Collection<String> ids = catalog.functionIds();
        if (!ids.contains(id)) {
            problem(f.get("id").value().mark(), "function.id", "unknown function id " + Excerpt.quoted(id) + "; loaded functions: "
                    + choices(ids));
            return null;
        }
        if (!paramsOk) {
            return null;
        }
        List<String> required = catalog.requiredParameters(id);
        if (emptyParams && !required.isEmpty()) {
            problem(f.get("params").value().mark(), "function.params", "params is empty, and function '" + id + "' needs "
                    + String.join(", ", required) + "; give " + (required.size() == 1 ? "it" : "them") + " as a mapping, e.g. params: { " + String.join(", ",
                    required.stream().map(r -> r + ": …").toList()) + " } (./autoknots plugins lists them)");
            return null;
        }
        try {
            boolean closed = catalog.bind(id, params);
            return new FunctionSpec(id, java.util.Collections.unmodifiableMap(params), closed);
        } catch (ParameterException e) {
            String name = e.parameter();
            YamlNode.Entry pe = name == null ? null : paramNodes.get(name);
            Mark m = pe != null ? pe.value().mark() : pm != null ? pm.mark() : map.mark();
            String path = name == null ? "function.params" : "function.params." + name;
            // a message that starts with the function's id names it already ("formula 'sin(x': ...")
            String msg = e.getMessage().replaceAll("\\s*\\R\\s*", " ").strip();
            problem(m, path, msg.startsWith(id + " ") ? msg : msg + " (function '" + id + "')");
            return null;
        } catch (RuntimeException e) {
            String from = catalog.origin(id).map(o -> " (" + o + ")").orElse("");
            problem(map.mark(), "function", "function '" + id + "'" + from + " failed while being created with these parameters: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return null;
        }
    }

    private Stage stage(YamlNode n, String path, Map<String, Stage> earlier, Map<String, Integer> idLines,
            FunctionSpec function) {
        YamlNode.MapNode map = asMap(n, path, "a stage mapping with keys id, type, ...");
        if (map == null) {
            return null;
        }
        String type = null;
        YamlNode.Entry te = map.entries().get("type");
        if (te == null) {
            problem(map.mark(), path + ".type", "missing key 'type'; valid types: " + String.join(", ", STAGE_TYPES));
        } else {
            type = asText(te.value(), path + ".type");
            if (type != null && !STAGE_TYPES.contains(type)) {
                problem(te.value().mark(), path + ".type", "unknown stage type " + Excerpt.quoted(type) + "; valid types: "
                        + String.join(", ", STAGE_TYPES));
                type = null;
            }
        }
        String id = null;
        YamlNode.Entry ie = map.entries().get("id");
        if (ie == null) {
            problem(map.mark(), path + ".id", "missing key 'id' (a name for the stage, e.g. sigma)");
        } else {
            id = asText(ie.value(), path + ".id");
            if (id != null && !STAGE_ID.matcher(id).matches()) {
                problem(ie.value().mark(), path + ".id", "stage id " + Excerpt.quoted(id)
                        + " is not valid: use letters, digits, '_', '-', '.' (it names output files)");
                id = null;
            } else if (id != null && idLines.containsKey(id)) {
                problem(ie.value().mark(), path + ".id", "duplicate stage id '" + id + "' (first at line "
                        + idLines.get(id) + ")");
                id = null;
            } else if (id != null) {
                idLines.put(id, ie.value().mark().line());
            }
        }
        if (type == null) {
            return null;
        }
        int before = problems.size();
        Stage s = switch (type) {
            case "tabulate" -> {
                Fields f = new Fields(map, path, REFINE_KEYS, List.of("range", "tolerance"),
                        "a tabulate stage");
                Refinement r = refinement(f);
                if (r != null && function != null) {
                    // the stage's range is the function's argument: it must lie in the function's domain
                    Optional<String> outside = catalog.domainProblem(function.id(), function.params(),
                            r.lower(), r.upper());
                    if (outside.isPresent()) {
                        problem(f.get("range").value().mark(), f.path("range"), "function '" + function.id() + "': "
                                + outside.get());
                        r = null;
                    }
                }
                yield r == null ? null : new Stage.Tabulate(id, map.mark(), r);
            }
            case "project" -> {
                List<String> keys = new ArrayList<>(REFINE_KEYS);
                keys.addAll(PROJECT_EXTRA);
                Fields f = new Fields(map, path, keys, List.of("range", "tolerance"), "a project stage");
                Refinement r = refinement(f);
                if (r != null && !(r.lower() > 0)) {
                    problem(f.get("range").value().mark(), f.path("range"), "a project stage needs radii R > 0 (the"
                            + " projection integrates rho(sqrt(R^2 + z^2)) along the line of sight), got a range starting at "
                            + r.lower() + "; start the range above 0, e.g. [1.0e-4, " + r.upper() + "]");
                    r = null;
                }
                List<String> qs = quantities(f);
                String method = f.choice("method", METHODS, "numeric");
                // the quadratures run 100 times tighter than the table and stop at 1e-13 relative
                double projectFloor = org.autoknots.projection.Projection.MIN_QUADRATURE_REL
                        / org.autoknots.projection.Projection.TOLERANCE_FACTOR;
                if (r != null && "numeric".equals(method) && r.rel() > 0 && r.rel() < projectFloor) {
                    YamlNode tol = f.get("tolerance").value();
                    YamlNode.Entry relEntry = tol instanceof YamlNode.MapNode m ? m.entries().get("rel") : null;
                    problem(relEntry != null ? relEntry.value().mark() : tol.mark(), f.path("tolerance") + ".rel", "rel "
                            + org.autoknots.refine.Numbers.shortest(r.rel()) + " is below what a project stage can"
                            + " attain: its quadratures must be 100 times tighter than the table, and they stop at "
                            + org.autoknots.refine.Numbers.shortest(org.autoknots.projection.Projection.MIN_QUADRATURE_REL)
                            + " relative; the smallest allowed is " + org.autoknots.refine.Numbers.shortest(projectFloor));
                    r = null;
                }
                if ("analytic".equals(method) && function != null && !function.hasClosedForms()) {
                    problem(f.get("method").value().mark(), f.path("method"), "method analytic needs closed forms of Σ and Σ̄, and function '"
                            + function.id() + "' has none; use method: numeric");
                }
                yield r == null || qs == null || method == null ? null
                        : new Stage.Project(id, map.mark(), r, qs, Stage.Method.valueOf(method.toUpperCase(Locale.ROOT)));
            }
            default -> validate(new Fields(map, path, VALIDATE_KEYS, List.of("input", "max-rel-error"),
                    "a validate stage"), id, earlier, idLines.keySet(), function);
        };
        if (id == null || problems.size() > before) {
            return null;
        }
        return s;
    }

    private List<String> quantities(Fields f) {
        YamlNode.Entry e = f.get("quantities");
        if (e == null) {
            return QUANTITIES;
        }
        if (!(e.value() instanceof YamlNode.ListNode list) || list.items().isEmpty()) {
            problem(e.value().mark(), f.path("quantities"), "expected a non-empty list of quantities out of "
                    + String.join(", ", QUANTITIES) + ", got " + e.value().describe());
            return null;
        }
        Set<String> qs = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode q = list.items().get(i);
            String p = f.path("quantities") + "[" + i + "]";
            String s = asText(q, p);
            if (s == null) {
                ok = false;
            } else if (!QUANTITIES.contains(s)) {
                problem(q.mark(), p, "unknown quantity " + Excerpt.quoted(s) + "; valid: " + String.join(", ", QUANTITIES));
                ok = false;
            } else if (!qs.add(s)) {
                problem(q.mark(), p, "quantity '" + s + "' is listed twice");
                ok = false;
            }
        }
        return ok ? List.copyOf(qs) : null;
    }

    private Refinement refinement(Fields f) {
        int before = problems.size();
        double[] range = null;
        YamlNode.Entry re = f.get("range");
        if (re != null) {
            range = range(re.value(), f.path("range"));
        }
        String spacingName = f.choice("knots", List.of("linear", "log", "asinh"), "linear");
        KnotSpacing spacing = spacingName == null ? null : KnotSpacing.valueOf(spacingName.toUpperCase(Locale.ROOT));
        if (range != null && spacing == KnotSpacing.LOG && !(range[0] > 0)) {
            problem(re.value().mark(), f.path("range"), "knots: log needs a range above 0, got a = " + range[0]
                    + "; use knots: linear or asinh for ranges reaching 0 or below");
        }
        Double asinhScale = f.positive("asinh-scale", 1.0);
        if (f.get("asinh-scale") != null && spacing != null && spacing != KnotSpacing.ASINH) {
            problem(f.get("asinh-scale").keyMark(), f.path("asinh-scale"), "asinh-scale only applies to knots: asinh (this stage has knots: "
                    + spacing.key() + ")");
        }
        Double rel = null;
        Double abs = null;
        YamlNode.Entry te = f.get("tolerance");
        if (te != null) {
            YamlNode.MapNode tm = asMap(te.value(), f.path("tolerance"), "a mapping like { rel: 1.0e-8, abs: 0.0 }");
            if (tm != null) {
                Fields t = new Fields(tm, f.path("tolerance"), TOLERANCE_KEYS, List.of("rel"), "tolerance");
                // the limits and their wording are those of autoknots tabulate (Limits)
                rel = t.checked("rel", t.number("rel", null), Limits::rel);
                abs = t.checked("abs", t.number("abs", 0.0), Limits::abs);
                if (rel != null && abs != null) {
                    Optional<String> floor = Limits.belowFloor(rel, abs, "rel", "abs");
                    floor.ifPresent(w -> problem(t.get("rel").value().mark(), t.path("rel"), w));
                    Limits.bothZero(rel, abs, "rel", "abs").ifPresent(w -> problem(tm.mark(), f.path("tolerance"), w));
                    if (floor.isPresent()) {
                        rel = null;
                    }
                }
            }
        }
        String spline = f.text("spline", Refinement.DEFAULT_SPLINE);
        if (spline != null && !catalog.splineKinds().contains(spline)) {
            problem(f.get("spline").value().mark(), f.path("spline"), "unknown spline kind " + Excerpt.quoted(spline)
                    + "; available: " + choices(catalog.splineKinds()));
        }
        Integer maxKnots = f.integer("max-knots", Limits.DEFAULT_MAX_KNOTS, Limits::maxKnots);
        Integer initialKnots = f.integer("initial-knots", null, Limits::initialKnots);
        if (maxKnots != null && (initialKnots != null || f.get("max-knots") != null)) {
            // the initial knots and one pass must fit; the engine checks it again with the spline
            // kind's minimum and max-spacing (PipelineRunner.checkOptions)
            int start = initialKnots != null ? initialKnots : RefinementOptions.DEFAULT_INITIAL_KNOTS;
            String blamed = f.get("max-knots") != null ? "max-knots" : "initial-knots";
            Limits.knotBudget(maxKnots, start, "max-knots", "").ifPresent(w ->
                    problem(f.get(blamed).value().mark(), f.path(blamed), w));
        }
        Double maxSpacing = f.positive("max-spacing", null);
        Integer refineRounds = f.integer("refine-rounds", null, Limits::refineRounds);
        Integer concurrency = f.integer("concurrency", null, Limits::concurrency);
        String mode = f.choice("mode", MODES, "graded");
        if (problems.size() > before || range == null || rel == null) {
            return null;
        }
        return new Refinement(range[0], range[1], spacing, asinhScale, rel, abs, spline, maxKnots, initialKnots,
                maxSpacing, refineRounds, concurrency, mode);
    }

    private double[] range(YamlNode n, String path) {
        if (!(n instanceof YamlNode.ListNode list) || list.items().size() != 2) {
            problem(n.mark(), path, "expected a range [a, b] of two numbers with a < b, got " + (n instanceof YamlNode.ListNode l
                    ? "a list of " + l.items().size() : n.describe()));
            return null;
        }
        Double a = asNumber(list.items().get(0), path + "[0]");
        Double b = asNumber(list.items().get(1), path + "[1]");
        if (a == null || b == null) {
            return null;
        }
        if (!(a < b)) {
            problem(n.mark(), path, "range start must be below its end, got [" + a + ", " + b + "]; write [a, b] with a < b");
            return null;
        }
        return new double[] {a, b};
    }

    private Stage validate(Fields f, String id, Map<String, Stage> earlier, Set<String> declared,
            FunctionSpec function) {
        int before = problems.size();
        String input = f.text("input", null);
        Stage in = null;
        boolean inputBroken = false;
        if (input != null) {
            in = earlier.get(input);
            List<String> candidates = earlier.values().stream().filter(s -> !(s instanceof Stage.Validate))
                    .map(Stage::id).toList();
            if (in == null && declared.contains(input) && !input.equals(id)) {
                // an earlier stage with problems of its own, already reported: check the rest of this one
                inputBroken = true;
            } else if (in == null || in instanceof Stage.Validate) {
                problem(f.get("input").value().mark(), f.path("input"), Excerpt.quoted(input)
                        + " names no earlier tabulate or project stage; valid: "
                        + (candidates.isEmpty() ? "(none before this stage)" : String.join(", ", candidates)));
                in = null;
            }
        }
        Double maxRel = f.positive("max-rel-error", null);
        Integer grid = f.integer("grid-points", DEFAULT_GRID_POINTS, 10, 10_000_000);
        Stage.Against against = new Stage.Analytic();
        YamlNode.Entry ae = f.get("against");
        if (ae != null) {
            YamlNode av = ae.value();
            if (av instanceof YamlNode.Scalar s && s.kind() == YamlNode.ScalarKind.TEXT && s.text().equals("analytic")) {
                against = new Stage.Analytic();
            } else if (av instanceof YamlNode.MapNode am) {
                Fields af = new Fields(am, f.path("against"), List.of("file"), List.of("file"), "against");
                String file = af.text("file", null);
                against = null;
                if (file != null && in != null) {
                    against = reference(file, af.get("file").value().mark(), af.path("file"), in);
                } else if (file != null && inputBroken) {
                    Path rp = folder == null ? Path.of(file) : folder.resolve(file);
                    if (!Files.isRegularFile(rp)) {
                        problem(af.get("file").value().mark(), af.path("file"), missingReference(rp));
                    }
                }
            } else {
                problem(av.mark(), f.path("against"), "expected 'analytic' or { file: path/to/reference.csv }, got "
                        + av.describe());
                against = null;
            }
        }
        if (against instanceof Stage.Analytic && in instanceof Stage.Project && function != null
                && !function.hasClosedForms()) {
            problem(ae != null ? ae.value().mark() : f.map.mark(), f.path("against"), "against: analytic needs closed forms of Σ and Σ̄, and function '"
                    + function.id() + "' has none; use against: { file: reference.csv }");
        }
        if (problems.size() > before || in == null || maxRel == null || against == null) {
            return null;
        }
        return new Stage.Validate(id, f.map.mark(), input, against, maxRel, grid);
    }

    private Stage.Against reference(String file, Mark m, String path, Stage in) {
        Path p = folder == null ? Path.of(file) : folder.resolve(file);
        double lower;
        double upper;
        List<String> needed;
        List<String> xNames;
        if (in instanceof Stage.Project pr) {
            lower = pr.refinement().lower();
            upper = pr.refinement().upper();
            needed = pr.quantities();
            xNames = List.of("R");
        } else {
            Stage.Tabulate t = (Stage.Tabulate) in;
            lower = t.refinement().lower();
            upper = t.refinement().upper();
            needed = List.of("value");
            xNames = List.of("x", "R");
        }
        if (!Files.isRegularFile(p)) {
            problem(m, path, missingReference(p));
            return null;
        }
        try {
            return new Stage.ReferenceFile(p, ReferenceTable.read(p, xNames, needed, lower, upper));
        } catch (IllegalArgumentException e) {
            problem(m, path, e.getMessage());
            return null;
        }
    }

    private static String missingReference(Path p) {
        return Files.isDirectory(p) ? "reference file " + p + " is a folder; give a CSV file"
                : "reference file " + p + " does not exist (relative paths resolve against the pipeline's folder)";
    }
}
