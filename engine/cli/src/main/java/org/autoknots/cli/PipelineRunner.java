package org.autoknots.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.RealFunction;
import org.autoknots.api.Spline;
import org.autoknots.api.SurfaceDensity;
import org.autoknots.config.ConfigException;
import org.autoknots.config.ConfigProblem;
import org.autoknots.config.KnotSpacing;
import org.autoknots.config.Pipeline;
import org.autoknots.config.Refinement;
import org.autoknots.config.Stage;
import org.autoknots.engine.EngineEvent;
import org.autoknots.engine.RefinementFinished;
import org.autoknots.engine.StageFinished;
import org.autoknots.engine.StageStarted;
import org.autoknots.engine.Warning;
import org.autoknots.projection.Projection;
import org.autoknots.projection.SurfaceQuantity;
import org.autoknots.refine.AutoKnots;
import org.autoknots.refine.FunctionEvaluationException;
import org.autoknots.refine.KnotScale;
import org.autoknots.refine.Numbers;
import org.autoknots.refine.RefinementMode;
import org.autoknots.refine.RefinementOptions;
import org.autoknots.refine.SplineKindException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a checked {@link Pipeline} as one stream of engine events: for each stage a
 * {@link StageStarted}, the engine's own events ({@link AutoKnots#refine}: one pass event per
 * pass, warnings, the result), and a {@link StageFinished}. A project stage runs one refinement
 * per quantity, each framed by its own start/finish events with id {@code stage/quantity}.
 * Tables are written (atomically) as soon as they are finished; the outcomes are kept for
 * the summary and the plots.
 *
 * <p>The stream is cold and sequential: nothing runs until it is subscribed, and stages run in
 * file order on the subscribing thread (the engine evaluates each pass's test points in parallel).
 */
public final class PipelineRunner {

    private final Pipeline pipeline;
    private final Path out;
    private final FunctionInstance function;
    private final String plugin;
    private final String functionPackages;
    private final java.util.function.UnaryOperator<String> splineKindOrigin;
    /** "plugin ID, loaded from JAR" of the pipeline's function */
    private final String functionOrigin;
    private final Map<String, RefinementOptions> options;
    private final Map<String, Outcomes.StageResult> results = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * @param pipeline a loaded pipeline
     * @param registry the plugins it was checked against
     * @param out      the output folder
     * @throws ConfigException when an engine option is out of range
     */
    public PipelineRunner(Pipeline pipeline, PluginRegistry registry, Path out) {
        this.pipeline = pipeline;
        this.out = out;
        this.options = checkOptions(pipeline, registry);
        String id = pipeline.function().id();
        this.plugin = registry.source(id);
        this.splineKindOrigin = registry::splineKindOrigin;
        this.functionOrigin = registry.origin(id);
        this.functionPackages = registry.function(id).map(f -> f.getClass().getPackageName()).orElse("?");
        try {
            this.function = registry.bind(id, pipeline.function().params());
        } catch (org.autoknots.api.ParameterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("function '" + id + "' (" + registry.origin(id) + ") failed while being created: "
                    + describe(e), e);
        }
    }

    /**
     * A stage that failed: the message names the stage, and the function and its plugin when the
     * exception came from the plugin's code.
     */
    public static final class StageException extends RuntimeException {
        private final String stage;

        StageException(String stage, String message, Throwable cause) {
            super("stage '" + stage + "': " + message, cause);
            this.stage = stage;
        }

        /** @return the id of the stage that failed */
        public String stage() {
            return stage;
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        boolean ours = e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof java.io.UncheckedIOException || e.getClass().getName().startsWith("org.autoknots");
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return ours ? m : e.getClass().getSimpleName() + ": " + m;
    }

    /** @return t without Reactor's and the executors' wrappers */
    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof java.util.concurrent.CompletionException || e instanceof java.util.concurrent.ExecutionException
                || e.getClass().getName().equals("reactor.core.Exceptions$ReactiveException")) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** Unwraps Reactor's and the executors' wrappers; names the stage and, if it threw, the function. */
    private Throwable stageError(String stageId, Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof StageException || e instanceof Error) {
            return e;
        }
        if (e instanceof SplineKindException k) {
            return new StageException(stageId, k.withOrigin(splineKindOrigin.apply(k.kind())), e);
        }
        String id = pipeline.function().id();
        if (fromFunction(e)) {
            return new StageException(stageId, "function '" + id + "' (plugin " + plugin + ") threw " + e.getClass().getSimpleName()
                    + (e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage()), e);
        }
        return new StageException(stageId, describe(e), e);
    }

    /** @return whether the innermost frame outside the JDK belongs to the function's plugin */
    private boolean fromFunction(Throwable e) {
        for (StackTraceElement f : e.getStackTrace()) {
            String c = f.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
                continue;
            }
            return c.startsWith(functionPackages + ".") || c.substring(0, Math.max(0, c.lastIndexOf('.'))).equals(functionPackages);
        }
        return false;
    }

    /**
     * Builds the engine options of every tabulating stage, so that anything the engine rejects
     * is a configuration error reported before the run.
     *
     * @return the options by stage id
     * @throws ConfigException listing every stage whose options the engine rejects
     */
    public static Map<String, RefinementOptions> checkOptions(Pipeline pipeline, PluginRegistry registry) {
        Map<String, RefinementOptions> map = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < pipeline.stages().size(); i++) {
            Stage s = pipeline.stages().get(i);
            Refinement r = s instanceof Stage.Tabulate t ? t.refinement() : s instanceof Stage.Project p ? p.refinement() : null;
            if (r == null) {
                continue;
            }
            try {
                map.put(s.id(), options(r, registry));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(s.mark(), "stages[" + i + "]", Outcomes.userWords(e.getMessage(), false)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return map;
    }

    private static RefinementOptions options(Refinement r, PluginRegistry registry) {
        RefinementOptions.Builder b = RefinementOptions.builder(r.lower(), r.upper())
                .scale(KnotScale.parse(r.spacing().key()))
                .rel(r.rel())
                .abs(r.abs())
                .spline(registry.splineKind(r.spline()))
                .maxKnots(r.maxKnots())
                .mode(RefinementMode.parse(r.mode()))
                .concurrency(r.concurrency() != null ? r.concurrency() : Runtime.getRuntime().availableProcessors());
        if (r.spacing() == KnotSpacing.ASINH) {
            b.asinhScale(r.asinhScale());
        }
        if (r.initialKnots() != null) {
            b.initialKnots(r.initialKnots());
        }
        if (r.maxSpacing() != null) {
            b.maxSpacing(r.maxSpacing());
        }
        if (r.refineRounds() != null) {
            b.refineRounds(r.refineRounds());
        }
        return b.build();
    }

    /** @return the run as a cold event stream (see the class comment) */
    public Flux<EngineEvent> events() {
        return Flux.fromIterable(pipeline.stages()).concatMap(this::stage, 1);
    }

    /** @return the outcomes of the stages finished so far, in run order */
    public List<Outcomes.StageResult> results() {
        synchronized (results) {
            return List.copyOf(results.values());
        }
    }

    /** @return the output folder */
    public Path outputFolder() {
        return out;
    }

    /** @return true when every validation that ran passed */
    public boolean validationsPassed() {
        return results().stream().allMatch(r -> r.validation() == null || r.validation().passed());
    }

    private Flux<EngineEvent> stage(Stage s) {
        return Flux.defer(() -> {
            long t0 = System.nanoTime();
            List<Outcomes.Table> tables = Collections.synchronizedList(new ArrayList<>());
            Flux<EngineEvent> body;
            String method = null;
            String description;
            if (s instanceof Stage.Tabulate t) {
                description = "tabulate " + pipeline.function().id() + " on " + range(t.refinement());
                body = table(s.id(), null, "x", "value", function, t.refinement(), options.get(s.id()), null, tables);
            } else if (s instanceof Stage.Project p) {
                method = p.method().name().toLowerCase(Locale.ROOT);
                description = "project " + pipeline.function().id() + " (" + method + "): "
                        + String.join(", ", p.quantities()) + " on " + range(p.refinement());
                body = Flux.fromIterable(p.quantities()).concatMap(q -> projected(p, q, tables), 1);
            } else {
                Stage.Validate v = (Stage.Validate) s;
                description = "validate " + v.input() + " against " + (v.against() instanceof Stage.ReferenceFile f
                        ? f.file().getFileName() : "analytic") + " (max-rel-error " + Numbers.shortest(v.maxRelError()) + ")";
                body = Mono.fromCallable(() -> validate(v)).flatMapMany(val -> {
                    results.put(s.id(), new Outcomes.StageResult(s.id(), s.type(), null, seconds(t0), List.of(), val));
                    List<EngineEvent> ws = new ArrayList<>();
                    if (val.skippedRows() > 0) {
                        ws.add(new Warning(val.skippedRows() + " reference rows outside the range of stage '" + v.input()
                                + "' were skipped", Double.NaN));
                    }
                    for (Map.Entry<String, Outcomes.QuantityError> e : val.quantities().entrySet()) {
                        if (!(e.getValue().maxRelError() <= val.maxAllowed())) {
                            ws.add(new Warning(String.format(Locale.ROOT, "validation '%s' failed for %s: max rel error %.3g > %s",
                                    s.id(), e.getKey(), e.getValue().maxRelError(), Numbers.shortest(val.maxAllowed())),
                                    e.getValue().at()));
                        }
                    }
                    return Flux.fromIterable(ws);
                });
            }
            String m = method;
            return Flux.concat(Mono.just(new StageStarted(s.id(), description)), body,
                    Mono.fromCallable(() -> {
                        double sec = seconds(t0);
                        if (!(s instanceof Stage.Validate)) {
                            results.put(s.id(), new Outcomes.StageResult(s.id(), s.type(), m, sec, List.copyOf(tables), null));
                        }
                        return new StageFinished(s.id(), sec);
                    }));
        }).onErrorMap(e -> stageError(s.id(), e));
    }

    private static String range(Refinement r) {
        return "[" + Numbers.shortest(r.lower()) + ", " + Numbers.shortest(r.upper()) + "] (" + r.spacing().key() + ", rel "
                + Numbers.shortest(r.rel()) + (r.abs() > 0 ? ", abs " + Numbers.shortest(r.abs()) : "") + ")";
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }

    private Flux<EngineEvent> projected(Stage.Project p, String key, List<Outcomes.Table> tables) {
        return Flux.defer(() -> {
            SurfaceQuantity q = SurfaceQuantity.parse(key);
            RealFunction f;
            Projection projection = null;
            if (p.method() == Stage.Method.ANALYTIC) {
                SurfaceDensity forms = function.surfaceDensity().orElseThrow(() -> new IllegalStateException(
                        "function '" + pipeline.function().id() + "' has no closed forms"));
                f = Projection.analytic(forms, q);
                // the engine's "f(x) = NaN" is about the tabulated function: here the plugin's closed form
                return table(p.id() + "/" + key, key, "R", key, f, p.refinement(), options.get(p.id()), null, tables)
                        .onErrorMap(e -> unwrap(e) instanceof FunctionEvaluationException n
                                ? new StageException(p.id(), closedForm(q) + " returned " + Numbers.shortest(n.value())
                                        + " at R = " + Numbers.shortest(n.x()) + "; a closed form must be finite on the"
                                        + " whole range: a defect of the plugin (method: numeric computes " + key
                                        + " from the density instead)", e)
                                : e);
            }
            projection = Projection.of(function, p.refinement().rel(), p.refinement().abs());
            f = projection.function(q);
            return table(p.id() + "/" + key, key, "R", key, f, p.refinement(), options.get(p.id()), projection, tables);
        });
    }

    /** @return "the closed form of sigma (SurfaceDensity.sigma) of function 'id' (plugin ..., loaded from ...)" */
    private String closedForm(SurfaceQuantity q) {
        String method = switch (q) {
            case SIGMA -> "sigma";
            case MEAN_SIGMA -> "meanSigma";
            case DELTA_SIGMA -> "deltaSigma";
        };
        return "the closed form of " + q.key() + " (SurfaceDensity." + method + ") of function '" + pipeline.function().id()
                + "' (" + functionOrigin + ")";
    }

    private Flux<EngineEvent> table(String subId, String quantity, String abscissa, String column, RealFunction f,
            Refinement r, RefinementOptions o, Projection projection, List<Outcomes.Table> tables) {
        return Flux.defer(() -> {
            long t0 = System.nanoTime();
            String stageId = quantity == null ? subId : subId.substring(0, subId.indexOf('/'));
            Path csv = out.resolve(org.autoknots.config.OutputFiles.table(stageId, quantity));
            // doOnNext, not an operator with a prefetch: no pass runs ahead of the subscriber
            Flux<EngineEvent> framed = AutoKnots.refine(f, o).doOnNext(e -> {
                if (e instanceof RefinementFinished rf) {
                    writeTable(csv, abscissa, column, rf.result().spline());
                    tables.add(new Outcomes.Table(stageId, quantity, abscissa, column, r.spacing(), rf.result(), csv,
                            seconds(t0), projection == null ? 0 : projection.densityEvaluations()));
                }
            });
            if (quantity == null) {
                return framed;
            }
            return Flux.concat(Mono.just(new StageStarted(subId, "tabulate " + quantity)), framed,
                    Mono.fromCallable(() -> new StageFinished(subId, seconds(t0))));
        });
    }

    /** Writes knots and values at full precision ({@code %.17g}). */
    static void writeTable(Path csv, String abscissa, String column, Spline s) {
        double[] x = s.knots();
        double[] y = s.values();
        AtomicFiles.write(csv, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
            w.write(abscissa + "," + column + "\n");
            for (int i = 0; i < x.length; i++) {
                w.write(String.format(Locale.ROOT, "%.17g,%.17g%n", x[i], y[i]));
            }
            w.flush();
        });
    }

    // ------------------------------------------------------------------ validation

    private Outcomes.Validation validate(Stage.Validate v) {
        Outcomes.StageResult in = results.get(v.input());
        if (in == null) {
            throw new IllegalStateException("stage '" + v.input() + "' has not run");
        }
        Map<String, Outcomes.QuantityError> errors = new LinkedHashMap<>();
        int points = 0;
        int skipped = 0;
        String against;
        boolean passed = true;
        if (v.against() instanceof Stage.ReferenceFile ref) {
            against = ref.file().toString();
            skipped = ref.table().skipped();
            double[] x = ref.table().abscissae();
            points = x.length;
            for (Outcomes.Table t : in.tables()) {
                String key = t.quantity() == null ? "value" : t.quantity();
                double[] want = ref.table().column(key);
                Outcomes.QuantityError e = compare(t.result().spline(), x, want);
                errors.put(key, e);
                passed &= e.maxRelError() <= v.maxRelError();
            }
        } else {
            against = "analytic";
            for (Outcomes.Table t : in.tables()) {
                Spline s = t.result().spline();
                double[] x = grid(s.lower(), s.upper(), t.spacing(), asinhScale(v.input()), v.gridPoints());
                RealFunction exact;
                String key;
                String truth;
                if (t.quantity() == null) {
                    exact = function;
                    key = "value";
                    truth = "function '" + pipeline.function().id() + "' (" + functionOrigin + ")";
                } else {
                    SurfaceDensity forms = function.surfaceDensity().orElseThrow(() -> new IllegalStateException(
                            "function '" + pipeline.function().id() + "' has no closed forms"));
                    SurfaceQuantity q = SurfaceQuantity.parse(t.quantity());
                    exact = Projection.analytic(forms, q);
                    key = t.quantity();
                    truth = closedForm(q);
                }
                double[] want = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    want[i] = exact.value(x[i]);
                    if (!Double.isFinite(want[i])) {
                        // not a failed comparison (max rel error Infinity) but a reference that is not there
                        throw new StageException(v.id(), truth + " returned " + Numbers.shortest(want[i]) + " at "
                                + (t.quantity() == null ? "x" : "R") + " = " + Numbers.shortest(x[i]) + ", a point where it is"
                                + " compared with stage '" + v.input() + "'; " + (t.quantity() == null
                                        ? "the function must be finite on the whole range"
                                        : "a closed form must be finite on the whole range: a defect of the plugin"), null);
                    }
                }
                Outcomes.QuantityError e = compare(s, x, want);
                errors.put(key, e);
                points = x.length;
                passed &= e.maxRelError() <= v.maxRelError();
            }
        }
        return new Outcomes.Validation(v.input(), against, v.maxRelError(), points, skipped, passed,
                Collections.unmodifiableMap(errors));
    }

    private double asinhScale(String stageId) {
        Stage s = pipeline.stage(stageId).orElseThrow();
        Refinement r = s instanceof Stage.Tabulate t ? t.refinement() : ((Stage.Project) s).refinement();
        return r.asinhScale();
    }

    private static Outcomes.QuantityError compare(Spline s, double[] x, double[] want) {
        double[] err = new double[x.length];
        double worst = -1;
        double at = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            double got = s.value(x[i]);
            double d = Math.abs(got - want[i]);
            double e = want[i] == 0 ? d : d / Math.abs(want[i]);
            if (Double.isNaN(e)) {
                e = Double.POSITIVE_INFINITY;
            }
            err[i] = e;
            if (e > worst) {
                worst = e;
                at = x[i];
            }
        }
        return new Outcomes.QuantityError(worst, at, x.clone(), err);
    }

    /**
     * An independent validation grid: n points evenly spaced in the knot scale's coordinate
     * (ln x, x or asinh(x/s)), each moved by a pseudo-random fraction (fixed seed) of up to ±40 %
     * of the spacing, so that the points fall neither on knots nor on interval midpoints.
     */
    static double[] grid(double a, double b, KnotSpacing spacing, double asinhScale, int n) {
        double ua = toU(a, spacing, asinhScale);
        double ub = toU(b, spacing, asinhScale);
        SplittableRandom rnd = new SplittableRandom(0x5eed_a070L);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double t = (i + 0.5 + 0.8 * (rnd.nextDouble() - 0.5)) / n;
            double xi = fromU(ua + (ub - ua) * t, spacing, asinhScale);
            x[i] = Math.min(b, Math.max(a, xi));
        }
        Arrays.sort(x);
        return x;
    }

    private static double toU(double x, KnotSpacing s, double scale) {
        return switch (s) {
            case LINEAR -> x;
            case LOG -> Math.log(x);
            case ASINH -> asinh(x / scale);
        };
    }

    private static double fromU(double u, KnotSpacing s, double scale) {
        return switch (s) {
            case LINEAR -> u;
            case LOG -> Math.exp(u);
            case ASINH -> scale * Math.sinh(u);
        };
    }

    private static double asinh(double v) {
        double a = Math.abs(v);
        double r = a > 1e150 ? Math.log(a) + Math.log(2) : Math.log(a + Math.sqrt(a * a + 1));
        return Math.copySign(r, v);
    }
}
