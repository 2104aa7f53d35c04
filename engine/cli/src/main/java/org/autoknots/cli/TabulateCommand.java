package org.autoknots.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.ParameterException;
import org.autoknots.api.SplineKind;
import org.autoknots.config.OutputPaths;
import org.autoknots.engine.RefinementFinished;
import org.autoknots.refine.AutoKnots;
import org.autoknots.refine.KnotScale;
import org.autoknots.refine.Limits;
import org.autoknots.refine.RefinementMode;
import org.autoknots.refine.RefinementOptions;
import org.autoknots.refine.RefinementResult;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code autoknots tabulate}: one-off tabulation of a formula or a plugin function, without a
 * pipeline file.
 *
 * <pre>
 * autoknots tabulate (--formula EXPR [--param NAME=VALUE]... | --function ID [--param NAME=VALUE]...)
 *                    --range A:B [--knots linear|log|asinh] [--rel R] [--abs A]
 *                    [--max-knots N] [--max-spacing H] [--spline KIND] [--concurrency N]
 *                    [--out TABLE.csv] [--eval POINTS.txt --eval-out VALUES.csv] [--summary SUMMARY.json]
 * </pre>
 *
 * The function is tabulated by {@link AutoKnots#refine}; {@code --out} gets the knots
 * ({@code x,value} at {@code %.17g}), {@code --eval-out} the finished spline at the points of
 * {@code --eval}, {@code --summary} the statistics as JSON (Jackson). All files are written
 * atomically ({@link AtomicFiles}). Exit codes ({@link ExitCodes}): 0 converged; 1 not converged
 * (after writing the summary; the table and the evaluated points only with
 * {@code --keep-unconverged}) or a failure while running (the function returned NaN, a file
 * could not be written); 2 a bad command line: option syntax, an unknown function or spline kind,
 * a formula or parameter error, a range outside the function's domain ({@link FunctionDomain}),
 * a bad points file, an output path that cannot be written (a folder, a file where a folder must
 * be, two options naming one file, the {@code --eval} file), checked before anything is computed.
 */
@Command(name = "tabulate", sortOptions = false,
        description = "Tabulate a formula or a plugin function on a range, without a pipeline file.",
        footer = {"",
            "Examples:",
            "  autoknots tabulate --formula 'exp(-x^2/(2*s^2))' --param s=0.3 \\",
            "      --range=-1:1 --out gauss.csv",
            "  autoknots tabulate --function burkert --param rho_0=1 --param r_0=2 \\",
            "      --range 1e-3:1e3 --knots log --rel 1e-8 \\",
            "      --eval radii.txt --eval-out rho.csv --summary summary.json",
            "",
            "--param VALUE is a number, or text for text parameters",
            "  (e.g. --param variable=r for a formula in r).",
            "--eval: one x per line; blank lines and lines starting with # are ignored.",
            "A run that does not converge writes its summary but not its table",
            "  (unless --keep-unconverged), and exits 1.",
            "Limits, the same as in pipelines: --rel below 1 (at least 1e-14 with --abs 0),",
            "  --max-knots from 2n-1 for n initial knots (11 by default) to " + Limits.MAX_KNOTS + ",",
            "  --concurrency 1 to " + Limits.MAX_CONCURRENCY + ".",
            "Exit codes: 0 ok, 1 not converged or failure,",
            "  2 usage (bad option, formula, parameter, points file or output path;",
            "  output paths are checked before anything is computed), 130 interrupted (Ctrl-C)."})
public final class TabulateCommand implements Callable<Integer> {

    /** The function id of the formula plugin. */
    static final String FORMULA = "formula";

    /** Exactly one of --formula and --function. */
    static final class Source {
        @Option(names = "--formula", paramLabel = "EXPR", required = true,
                description = "A formula in x (e.g. 'a*sin(x)/x'); needs the formula plugin.")
        String formula;

        @Option(names = "--function", paramLabel = "ID", required = true,
                description = "A function id provided by a plugin (see 'autoknots plugins').")
        String function;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A parameter of the function or a named constant of the formula; repeatable.")
    List<String> params = new ArrayList<>();

    @Option(names = "--range", paramLabel = "A:B", required = true,
            description = "The range, e.g. 0:10, --range=-1:1 or --range -1:1.")
    String range;

    @Option(names = "--knots", paramLabel = "SCALE", defaultValue = "linear",
            description = "Knot scale: linear, log (needs A > 0) or asinh. Default: ${DEFAULT-VALUE}.")
    String knots;

    @Option(names = "--asinh-scale", paramLabel = "S", defaultValue = "1",
            description = "Scale s of the asinh knot scale, u = asinh(x/s). Default: ${DEFAULT-VALUE}.")
    double asinhScale;

    @Option(names = "--rel", paramLabel = "R", defaultValue = "1e-6",
            description = "Relative tolerance, from 0 to below 1; at least 1e-14 with --abs 0. Default: ${DEFAULT-VALUE}.")
    double rel;

    @Option(names = "--abs", paramLabel = "A", defaultValue = "0",
            description = "Absolute tolerance, >= 0: |f - s| <= abs + rel*|f|. Default: ${DEFAULT-VALUE}.")
    double abs;

    @Option(names = "--max-knots", paramLabel = "N", description = "Knot limit, from 2n-1 for n initial knots (room"
            + " for one pass: 11 by default) to " + Limits.MAX_KNOTS + ". Default: " + Limits.DEFAULT_MAX_KNOTS + ".")
    Integer maxKnots;

    @Option(names = "--max-spacing", paramLabel = "H",
            description = "Largest initial knot spacing, in the knot scale: the cure for narrow features missed"
                    + " between the initial knots.")
    Double maxSpacing;

    @Option(names = "--initial-knots", paramLabel = "N", description = "Initial knots, evenly spaced in the knot scale,"
            + " at least " + Limits.MIN_INITIAL_KNOTS + ". Default: " + RefinementOptions.DEFAULT_INITIAL_KNOTS + ".")
    Integer initialKnots;

    @Option(names = "--spline", paramLabel = "KIND", defaultValue = "not-a-knot",
            description = "Spline kind (built-in: not-a-knot, natural; plugins add more, e.g. akima, steffen)."
                    + " Default: ${DEFAULT-VALUE}.")
    String spline;

    @Option(names = "--mode", paramLabel = "MODE", description = "Refinement mode: graded or paper (default: the engine's).")
    String mode;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Threads to use, 1 to " + Limits.MAX_CONCURRENCY + ": evaluations of the function at once, and"
                    + " from 50000 knots the engine's own work of a pass on two (default: the number of processors;"
                    + " results do not depend on it).")
    Integer concurrency;

    @Option(names = "--out", paramLabel = "TABLE.csv", description = "Write the knots and values (x,value).")
    Path out;

    @Option(names = "--eval", paramLabel = "POINTS.txt", description = "Points at which to evaluate the finished spline.")
    Path eval;

    @Option(names = "--eval-out", paramLabel = "VALUES.csv", description = "Where to write x,value for the --eval points.")
    Path evalOut;

    @Option(names = "--summary", paramLabel = "SUMMARY.json",
            description = "Write evaluations, knots, passes, converged, unresolved and seconds as JSON.")
    Path summary;

    @Option(names = "--keep-unconverged", description = "Write the table (and --eval-out) even when not converged.")
    boolean keepUnconverged;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto, plain or none (progress on stderr). Default: ${DEFAULT-VALUE}.")
    String progress;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec spec;

    /** Set once the files are in place (inside the write's lock, see {@link AtomicFiles#writeAll(Map, Runnable)}). */
    private volatile boolean written;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<Path> outputs = new ArrayList<>();
        for (Path p : new Path[] {out, evalOut, summary}) {
            if (p != null && !p.toString().isBlank()) {
                outputs.add(p);
            }
        }
        boolean earlier = outputs.stream().anyMatch(Files::exists);
        try (AtomicFiles.Registration r = AtomicFiles.onInterrupt(() -> {
            String files = String.join(", ", outputs.stream().map(Path::toString).toList());
            err.println("autoknots: interrupted" + (outputs.isEmpty() ? "" : written ? " after writing " + files
                    : "; nothing was written to " + files + (earlier ? " (earlier files there are left as they were)" : "")));
            err.flush();
        })) {
            return tabulate(err);
        }
    }

    private int tabulate(PrintWriter err) {
        PrintWriter stdout = spec.commandLine().getOut();
        double[] ab = parseRange(range);
        Progress.Mode progressMode = parseProgress();
        if ((eval == null) != (evalOut == null)) {
            throw usage(eval == null ? "--eval-out needs --eval POINTS.txt" : "--eval needs --eval-out VALUES.csv");
        }
        // the files to write, before any work: a bad path should not cost a tabulation
        checkOutputFiles();
        // read the points first: a bad file should not cost a tabulation
        double[] points = eval == null ? null : readPoints(eval, ab[0], ab[1]);
        Map<String, Object> values = parseParams();

        try (PluginRegistry registry = common.loadPlugins(err)) {
            String id = source.formula != null ? FORMULA : source.function;
            FunctionInstance f = bind(registry, id, values);
            // before anything is evaluated: a range outside the function's declared domain
            FunctionDomain.problem(f, ab[0], ab[1]).ifPresent(why -> {
                throw new ErrorReporter.UsageException("--range " + range.strip() + ": function '" + id + "' (plugin "
                        + registry.source(id) + "): " + why);
            });
            RefinementOptions options = options(registry, ab);

            long start = System.nanoTime();
            RefinementResult result;
            long[] knotsSoFar = {0};
            try {
                Progress bar = new Progress(err, progressMode).label(source.formula != null ? source.formula : id);
                RefinementFinished done = (RefinementFinished) AutoKnots.refine(attributed(f, id, registry.source(id)), options)
                        .doOnNext(e -> {
                            if (e instanceof org.autoknots.engine.PassFinished p) {
                                knotsSoFar[0] = p.knots();
                            }
                            bar.accept(e);
                        })
                        .filter(e -> e instanceof RefinementFinished).blockLast();
                if (done == null) {
                    throw new IllegalStateException("the refinement ended without a result");
                }
                result = done.result();
            } catch (OutOfMemoryError e) {
                String msg = ErrorReporter.outOfMemory(knotsSoFar[0], "--max-knots");
                if (ErrorReporter.firstOutOfMemory()) {
                    err.println("autoknots: error: " + msg);
                }
                if (summary != null) {
                    Summary.write(summary, summaryJson(id, values, options, null, seconds(start), msg));
                }
                err.println("autoknots: nothing was written" + (summary != null ? " but the summary " + summary : ""));
                err.flush();
                return ExitCodes.FAILURE;
            } catch (RuntimeException e) {
                // a spline kind's defect names the kind's plugin, which only the registry knows
                RuntimeException shown = e instanceof org.autoknots.refine.SplineKindException k
                        ? new IllegalStateException(k.withOrigin(registry.splineKindOrigin(k.kind())), k) : e;
                if (summary != null) {
                    Summary.write(summary, summaryJson(id, values, options, null, seconds(start), shown.getMessage()));
                }
                throw shown;
            }
            double seconds = seconds(start);
            boolean write = result.converged() || keepUnconverged;
            // the table, the values and the summary are written as one group (all or none)
            Map<Path, AtomicFiles.Content> files = new LinkedHashMap<>();
            if (write && out != null) {
                files.put(out, csv(result.spline().knots(), result.spline().values()));
            }
            if (write && points != null) {
                // one batch call: on a large table the points' memory accesses overlap
                files.put(evalOut, csv(points, result.spline().values(points)));
            }
            if (summary != null) {
                files.put(summary, Summary.content(summaryJson(id, values, options, result, seconds, null)));
            }
            AtomicFiles.writeAll(files, () -> written = true);
            report(stdout, err, id, ab, result, seconds, write, options);
            return result.converged() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    // ------------------------------------------------------------------ parsing

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /**
     * Checks {@code --out}, {@code --eval-out} and {@code --summary}: each a file that can be
     * written (not a folder, no file where a folder must be; missing folders are created), each
     * its own file, and none the {@code --eval} file that the command reads.
     *
     * @throws ErrorReporter.UsageException naming the option, the path and what is wrong
     */
    private void checkOutputFiles() {
        String[][] options = {{"--out", "table.csv"}, {"--eval-out", "values.csv"}, {"--summary", "summary.json"}};
        Path[] paths = {out, evalOut, summary};
        for (int i = 0; i < paths.length; i++) {
            Path p = paths[i];
            if (p == null) {
                continue;
            }
            String option = options[i][0];
            if (p.toString().isBlank()) {
                throw new ErrorReporter.UsageException(option + " '': give a file name such as " + options[i][1]);
            }
            OutputPaths.fileProblem(p, options[i][1], true).ifPresent(why -> {
                throw new ErrorReporter.UsageException(option + " " + p + ": " + why);
            });
            if (eval != null && sameFile(p, eval)) {
                throw new ErrorReporter.UsageException(option + " " + p + ": the same file as --eval, which the command reads;"
                        + " give another file");
            }
            for (int j = 0; j < i; j++) {
                if (paths[j] != null && sameFile(p, paths[j])) {
                    throw new ErrorReporter.UsageException(option + " " + p + ": the same file as " + options[j][0]
                            + "; give each its own file");
                }
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        Path ra = org.autoknots.config.OutputPaths.resolveLink(a.toAbsolutePath().normalize());
        Path rb = org.autoknots.config.OutputPaths.resolveLink(b.toAbsolutePath().normalize());
        // a link to the other (followed even when neither exists yet) names the same file
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize()) || ra != null && ra.equals(rb)) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Parses {@code A:B}; negative ends and exponents are fine ({@code -1e-3:2.5}). */
    double[] parseRange(String text) {
        String t = text.strip();
        int colon = t.indexOf(':');
        if (colon < 0 || t.indexOf(':', colon + 1) >= 0) {
            throw usage("--range '" + text + "': expected A:B with two numbers, e.g. --range 0:10 or --range=-1:1");
        }
        double a = number(t.substring(0, colon), "--range '" + text + "': lower end");
        double b = number(t.substring(colon + 1), "--range '" + text + "': upper end");
        if (!(a < b)) {
            throw usage("--range '" + text + "': the lower end must be less than the upper end");
        }
        return new double[] {a, b};
    }

    private double number(String s, String what) {
        try {
            double v = Double.parseDouble(s.strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage(what + " '" + s.strip() + "' is not a finite number");
    }

    private Progress.Mode parseProgress() {
        return switch (progress.toLowerCase(Locale.ROOT)) {
            case "auto" -> Progress.Mode.AUTO;
            case "plain" -> Progress.Mode.PLAIN;
            case "none" -> Progress.Mode.NONE;
            default -> throw usage("invalid value '" + progress + "' for --progress; valid: auto, plain, none");
        };
    }

    /** @return the --param values by name: numbers as Double, anything else as text */
    Map<String, Object> parseParams() {
        Map<String, Object> values = new LinkedHashMap<>();
        if (source.formula != null) {
            values.put("expression", source.formula);
        }
        for (String p : params) {
            int eq = p.indexOf('=');
            String name = eq < 0 ? "" : p.substring(0, eq).strip();
            if (name.isEmpty()) {
                throw usage("--param '" + p + "': expected NAME=VALUE, e.g. --param a=2.5");
            }
            if (source.formula != null && name.equals("expression")) {
                throw usage("--param expression=...: give the formula with --formula instead");
            }
            if (values.containsKey(name)) {
                throw usage("--param " + name + " is given twice");
            }
            String v = p.substring(eq + 1).strip();
            values.put(name, parseValue(v));
        }
        return values;
    }

    private static Object parseValue(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private FunctionInstance bind(PluginRegistry registry, String id, Map<String, Object> values) {
        if (registry.function(id).isEmpty()) {
            String loaded = registry.functions().isEmpty() ? "none" : String.join(", ", registry.functions().keySet());
            if (id.equals(FORMULA) && source.formula != null) {
                throw new ErrorReporter.UsageException("--formula needs the formula plugin, which is not in the plugins folder "
                        + registry.folder() + " (loaded functions: " + loaded + ")");
            }
            throw new ErrorReporter.UsageException("--function '" + id + "': unknown function id; loaded functions: " + loaded
                    + " (plugins folder " + registry.folder() + ")");
        }
        try {
            return registry.bind(id, values);
        } catch (ParameterException e) {
            String name = e.parameter();
            String msg = e.getMessage();
            if (source.formula != null && "expression".equals(name)) {
                // the formula plugin's message names the formula and the column: "formula 'sin(x': ..."
                throw new ErrorReporter.UsageException(msg.startsWith(FORMULA + " '") ? "--" + msg : "--formula: " + msg);
            }
            throw new ErrorReporter.UsageException((name == null ? "" : "--param " + name + ": ") + msg);
        } catch (RuntimeException e) {
            throw new IllegalStateException("function '" + id + "' (" + registry.origin(id)
                    + ") failed while being created: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    /** f, with an exception thrown by the plugin's code attributed to the function and x. */
    private static org.autoknots.api.RealFunction attributed(FunctionInstance f, String id, String plugin) {
        return x -> {
            try {
                return f.value(x);
            } catch (org.autoknots.refine.FunctionEvaluationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new IllegalStateException("function '" + id + "' (plugin " + plugin + ") threw "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + " at x = " + x, e);
            }
        };
    }

    private RefinementOptions options(PluginRegistry registry, double[] ab) {
        KnotScale scale;
        SplineKind kind;
        RefinementMode m = null;
        try {
            scale = KnotScale.parse(knots);
        } catch (IllegalArgumentException e) {
            throw usage("--knots: " + e.getMessage());
        }
        try {
            kind = registry.splineKind(spline);
        } catch (IllegalArgumentException e) {
            throw usage("--spline: " + e.getMessage());
        }
        if (mode != null) {
            try {
                m = RefinementMode.parse(mode);
            } catch (IllegalArgumentException e) {
                throw usage("--mode: " + e.getMessage());
            }
        }
        checkLimits(scale);
        if (scale == KnotScale.LOG && !(ab[0] > 0)) {
            throw usage("--knots log needs a range above 0, got --range " + range.strip() + "; use --knots linear or asinh"
                    + (ab[1] <= 0 ? " (or tabulate f(-x) on a positive range)" : " for a range reaching 0 or below"));
        }
        RefinementOptions.Builder b = RefinementOptions.builder(ab[0], ab[1]).scale(scale).asinhScale(asinhScale)
                .rel(rel).abs(abs).spline(kind)
                .maxKnots(maxKnots != null ? maxKnots : Limits.DEFAULT_MAX_KNOTS);
        if (maxSpacing != null) {
            b.maxSpacing(maxSpacing);
        }
        if (initialKnots != null) {
            b.initialKnots(initialKnots);
        }
        if (concurrency != null) {
            b.concurrency(concurrency);
        }
        if (m != null) {
            b.mode(m);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw usage(Outcomes.userWords(e.getMessage(), true));
        }
    }

    /**
     * The limits of a pipeline stage ({@link Limits}, the one place both check with), in the
     * same words, with the options' names in front.
     */
    private void checkLimits(KnotScale scale) {
        check("--rel", Limits.rel(rel));
        check("--abs", Limits.abs(abs));
        Limits.bothZero(rel, abs, "--rel", "--abs").ifPresent(w -> {
            throw usage(w);
        });
        Limits.belowFloor(rel, abs, "--rel", "--abs").ifPresent(w -> {
            throw usage(w);
        });
        if (maxKnots != null) {
            check("--max-knots", Limits.maxKnots(maxKnots));
        }
        if (initialKnots != null) {
            check("--initial-knots", Limits.initialKnots(initialKnots));
        }
        // the initial knots and one pass must fit; the engine checks it again with the spline kind's
        // minimum and --max-spacing
        Limits.knotBudget(maxKnots != null ? maxKnots : Limits.DEFAULT_MAX_KNOTS,
                initialKnots != null ? initialKnots : RefinementOptions.DEFAULT_INITIAL_KNOTS, "--max-knots", "")
                .ifPresent(w -> {
                    throw usage(w);
                });
        if (maxSpacing != null) {
            check("--max-spacing", Limits.positive(maxSpacing));
        }
        if (scale == KnotScale.ASINH) {
            check("--asinh-scale", Limits.positive(asinhScale));
        }
        if (concurrency != null) {
            check("--concurrency", Limits.concurrency(concurrency));
        }
    }

    private void check(String option, java.util.Optional<String> problem) {
        problem.ifPresent(w -> {
            throw usage(option + ": " + w);
        });
    }

    /**
     * Reads one x per line; blank lines and lines starting with {@code #} are ignored.
     *
     * @throws CommandLine.ParameterException naming file and line for a bad number or a point
     *         outside [a, b]
     */
    double[] readPoints(Path file, double a, double b) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw usage("--eval " + file + ": no such file");
        } catch (IOException e) {
            throw usage("--eval " + file + ": cannot read it: " + e.getMessage());
        }
        double[] x = new double[lines.size()];
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (i == 0 && t.startsWith("\uFEFF")) {
                t = t.substring(1).strip(); // a byte order mark, as some programs write at the start
            }
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw usage(file + ":" + (i + 1) + ": " + org.autoknots.config.Excerpt.quoted(t)
                        + " is not a number (one x per line; # starts a comment line)");
            }
            if (!(v >= a && v <= b)) {
                throw usage(file + ":" + (i + 1) + ": x = " + t + " is outside the range [" + fmt(a) + ", " + fmt(b) + "]");
            }
            x[n++] = v;
        }
        if (n == 0) {
            throw usage("--eval " + file + ": no points in the file (one x per line)");
        }
        return java.util.Arrays.copyOf(x, n);
    }

    // ------------------------------------------------------------------ output

    /** {@code x,value} rows at full precision ({@code %.17g}) with a header. */
    private static AtomicFiles.Content csv(double[] x, double[] y) {
        return os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
            w.write("x,value\n");
            for (int i = 0; i < x.length; i++) {
                w.write(String.format(Locale.ROOT, "%.17g,%.17g%n", x[i], y[i]));
            }
            w.flush();
        };
    }

    private ObjectNode summaryJson(String id, Map<String, Object> values, RefinementOptions o, RefinementResult r,
            double seconds, String error) {
        ObjectNode root = EventJson.MAPPER.createObjectNode();
        ObjectNode fn = root.putObject("function").put("id", id);
        ObjectNode ps = fn.putObject("params");
        values.forEach((k, v) -> {
            if (v instanceof Double d) {
                EventJson.number(ps, k, d);
            } else {
                ps.put(k, String.valueOf(v));
            }
        });
        ArrayNode rangeNode = root.putArray("range");
        rangeNode.add(o.a());
        rangeNode.add(o.b());
        root.put("knot_scale", knots.toLowerCase(Locale.ROOT)).put("rel", o.rel()).put("abs", o.abs())
                .put("spline", o.spline().id()).put("mode", o.mode().id());
        if (r != null) {
            root.put("evaluations", r.evaluations()).put("knots", r.knots()).put("passes", r.passes())
                    .put("refine_rounds", r.refineRounds()).put("converged", r.converged());
            ArrayNode u = root.putArray("unresolved");
            for (double x : r.unresolved()) {
                u.add(x);
            }
            EventJson.number(root, "worst_error_ratio", r.worstErrorRatio());
        } else {
            root.put("converged", false);
            root.putArray("unresolved");
        }
        root.put("seconds", seconds);
        boolean written = r != null && (r.converged() || keepUnconverged);
        if (out != null) {
            if (written) {
                root.put("table", out.toString());
            } else {
                root.putNull("table");
            }
        }
        if (error != null) {
            root.put("error", error);
        }
        return root;
    }

    private void report(PrintWriter stdout, PrintWriter err, String id, double[] ab, RefinementResult r, double seconds,
            boolean written, RefinementOptions o) {
        String what = source.formula != null ? "formula '" + source.formula + "'" : "function '" + id + "'";
        stdout.printf(Locale.ROOT, "%s on [%s, %s]: %d knots, %d evaluations, %s, %s, %.3f s%n", what, fmt(ab[0]),
                fmt(ab[1]), r.knots(), r.evaluations(), Outcomes.count(r.passes(), "pass", "passes"),
                r.converged() ? "converged" : "NOT converged", seconds);
        if (written && out != null) {
            stdout.println("Table: " + out);
        }
        if (written && evalOut != null) {
            stdout.println("Values at the --eval points: " + evalOut);
        }
        if (out == null) {
            stdout.println("Table not saved (no --out TABLE.csv)" + (summary != null ? "; summary: " + summary : ""));
        } else if (summary != null) {
            stdout.println("Summary: " + summary);
        }
        stdout.flush();
        if (!r.converged()) {
            StringBuilder sb = new StringBuilder("autoknots: not converged: ")
                    .append(Outcomes.diagnosis(r, o.abs(), o.maxKnots(), Outcomes.Names.COMMAND_LINE));
            if (!written && (out != null || evalOut != null)) {
                sb.append("; table not written (use --keep-unconverged to write it anyway)");
                // an older file at that path is left as it was: say so, lest it be taken for this run's
                List<String> older = new ArrayList<>();
                for (Path p : new Path[] {out, evalOut}) {
                    if (p != null && Files.exists(p)) {
                        older.add(p.toString());
                    }
                }
                if (!older.isEmpty()) {
                    sb.append("; ").append(String.join(" and ", older)).append(older.size() == 1 ? " is" : " are")
                            .append(" from an earlier run, left as ").append(older.size() == 1 ? "it was" : "they were");
                }
            }
            err.println(sb);
            err.flush();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }

    private static String fmt(double v) {
        return org.autoknots.refine.Numbers.format(v);
    }
}
