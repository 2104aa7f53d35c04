package org.autoknots.refine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.autoknots.api.RealFunction;
import org.autoknots.api.Spline;
import org.autoknots.api.SplineKind;
import org.autoknots.engine.EngineEvent;
import org.autoknots.engine.PassFinished;
import org.autoknots.engine.RefinementFinished;
import org.autoknots.engine.Warning;
import org.autoknots.spline.CubicNotAKnotSpline;
import reactor.core.publisher.SynchronousSink;

/**
 * The mutable state of one refinement, advanced one emission at a time by {@link #step}: each
 * call runs at most one pass, so the work is pulled by the subscriber's demand.
 */
final class Refinement {

    /**
     * Knots from which, at concurrency ≥ 2, the end of each pass runs on two threads
     * ({@link #pipelined}); below it the hand-over costs more than it saves.
     */
    static final int PIPELINE_MIN_KNOTS = 50_000;

    private final RefinementOptions o;
    private RefinementPlan plan;
    private final SplineKind kind;
    private final ParallelEvaluator evaluator;
    private final Deque<EngineEvent> pending = new ArrayDeque<>();

    private double[] x;
    private double[] y;
    private Spline spline;
    /** the graded plan runs (not-a-knot kind): the passes use {@link SlopeSpline}s */
    private final boolean graded;
    /** the slope solver's work array, reused between passes */
    private double[] work = new double[0];
    private long evaluations;
    private int passes;
    private long engineNanos;
    private boolean started;
    /** the proposal for the next pass, planned at the end of the previous one */
    private RefinementPlan.Proposal next;
    private boolean finished;
    private NoiseWatch noise;
    /** the knots were probed once for aliasing ({@link #aliased}) */
    private boolean probed;

    Refinement(RealFunction f, RefinementOptions o) {
        this.o = o;
        this.noise = new NoiseWatch(o.rel(), o.abs());
        this.kind = o.spline();
        this.graded = usesGradedPlan(o);
        this.plan = newPlan();
        this.evaluator = new ParallelEvaluator(f, o.concurrency());
    }

    private RefinementPlan newPlan() {
        if (graded) {
            GradedPlan g = new GradedPlan(o);
            if (o.concurrency() >= 2) {
                g.useHelper(ParallelEvaluator.pool());
            }
            return g;
        }
        return new PaperPlan(o);
    }

    /**
     * The graded plan's error model (fourth differences, not-a-knot end factors) holds for the
     * cubic not-a-knot spline only; with any other kind the graded mode runs the paper plan,
     * whose tests measure the actual spline (in its checked variant for every kind but
     * not-a-knot, {@link PaperPlan}: off-centre comparison with the rebuilt spline, and closed
     * intervals reopened when new knots nearby change their spline).
     */
    static boolean usesGradedPlan(RefinementOptions o) {
        return o.mode() == RefinementMode.GRADED && CubicNotAKnotSpline.ID.equals(o.spline().id());
    }

    /** Emits the next event (running one pass when needed) or completes. */
    void step(SynchronousSink<EngineEvent> sink) {
        if (!pending.isEmpty()) {
            sink.next(pending.poll());
            return;
        }
        if (finished) {
            sink.complete();
            return;
        }
        long t0 = System.nanoTime();
        long evalWall = 0;
        if (!started) {
            x = initialKnots(o);
            long e0 = System.nanoTime();
            y = evaluator.evaluate(x);
            evalWall += System.nanoTime() - e0;
            evaluations = x.length;
            spline = build(x, y);
            plan.start(x, y, spline);
            started = true;
        }
        RefinementPlan.Proposal p = next != null ? next : plan.propose(x, y, spline);
        next = null;
        int m = p.size();
        if (m == 0 && !probed && aliased()) {
            // start again from the knots and the probes: no evaluation is lost
            engineNanos += System.nanoTime() - t0 - evalWall;
            step(sink);
            return;
        }
        if (m == 0 || (long) x.length + m > o.maxKnots()) {
            engineNanos += System.nanoTime() - t0 - evalWall;
            finish(m > 0, (long) x.length + m);
            sink.next(pending.poll());
            return;
        }
        checkProposal(p);
        long e0 = System.nanoTime();
        double[] fp = evaluator.evaluate(p.x());
        evalWall += System.nanoTime() - e0;
        double[] sp = new double[m];
        for (int k = 0; k < m; k++) {
            sp[k] = spline.value(p.interval()[k], p.x()[k]);
        }
        noise.pass(fp, sp);
        if (o.concurrency() >= 2 && (long) x.length + m >= PIPELINE_MIN_KNOTS) {
            pipelined(p, fp, sp);
        } else {
            plan.observe(x, y, spline, p, fp, sp);
            double[][] merged = merge(x, y, p, fp);
            x = merged[0];
            y = merged[1];
            spline = build(x, y);
        }
        evaluations += m;
        passes++;
        double measured = plan.worstErrorRatio();
        // plan the next pass now (no evaluation) so that the event reports the intervals still open
        next = plan.propose(x, y, spline);
        int open = next.size() == 0 ? 0 : plan.openIntervals();
        engineNanos += System.nanoTime() - t0 - evalWall;
        sink.next(new PassFinished(passes, x.length, evaluations, open, measured));
    }

    /**
     * Guards against knots that all fall where a periodic f takes one value, or values on one
     * cubic (sin x on [0, 20π] with knots at multiples of 2π, where it is 0 up to rounding that
     * grows linearly): every test then passes. When the knots' values look degenerate (all
     * within the tolerance of one value, or the last pass's points met the spline before them to
     * within a millionth of the tolerance, every one, and the refinement stopped after one or two
     * passes: data a cubic fits exactly; an alias shows at once, since the midpoints of a grid
     * that keeps to a period keep to it too), f is
     * evaluated once more inside each interval, at a fraction of its width spread by the golden
     * ratio (no dyadic grid lands there). If any of them misses the spline by more than the
     * tolerance, the refinement starts again from the knots and these points (none of the
     * evaluations is lost): the new knots split the intervals unevenly, and their dyadic
     * refinement no longer keeps to the period. When none misses (a constant, a cubic), the
     * table stands as it was and the probes are counted as evaluations.
     *
     * @return true when the refinement was restarted
     */
    private boolean aliased() {
        probed = true;
        int n = x.length;
        double c = y[0];
        double tol = o.abs() + o.rel() * Math.abs(c);
        boolean flat = true;
        for (double v : y) {
            flat &= Math.abs(v - c) <= tol;
        }
        if (!flat && !(passes <= 2 && noise.lastMaxRatio() <= 1e-6)) {
            return false;
        }
        if ((long) 2 * n - 1 > o.maxKnots()) {
            return false;
        }
        KnotScale sc = o.scale();
        double s = o.asinhScale();
        double[] px = new double[n - 1];
        int[] at = new int[n - 1];
        int m = 0;
        for (int i = 0; i < n - 1; i++) {
            // 0.35 to 0.65 of the interval in u: frac((i + 1)·φ) is spread and never dyadic
            double t = 0.35 + 0.3 * frac((i + 1) * GOLDEN);
            double u0 = sc.toU(x[i], s);
            double v = sc.toX(u0 + t * (sc.toU(x[i + 1], s) - u0), s);
            if (v > x[i] && v < x[i + 1]) {
                px[m] = v;
                at[m] = i;
                m++;
            }
        }
        if (m == 0) {
            return false;
        }
        RefinementPlan.Proposal p = new RefinementPlan.Proposal(java.util.Arrays.copyOf(px, m),
                java.util.Arrays.copyOf(at, m));
        double[] fp = evaluator.evaluate(p.x());
        evaluations += m;
        boolean differs = false;
        for (int k = 0; k < m; k++) {
            double v = fp[k];
            differs |= !(Math.abs(v - spline.value(p.interval()[k], p.x()[k])) <= o.abs() + o.rel() * Math.abs(v));
        }
        if (!differs) {
            return false;
        }
        double[][] merged = merge(x, y, p, fp);
        x = merged[0];
        y = merged[1];
        spline = build(x, y);
        plan = newPlan();
        noise = new NoiseWatch(o.rel(), o.abs());
        plan.start(x, y, spline);
        next = null;
        pending.add(new Warning("the spline fit f exactly at the knots but missed it between them (the knots kept to"
                + " a period of f?): refinement restarted with " + m + " more knots placed off that grid", Double.NaN));
        return true;
    }

    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private static double frac(double v) {
        return v - Math.floor(v);
    }

    /** @param needed the knots the refused pass would have made (when the limit was hit) */
    private void finish(boolean limitHit, long needed) {
        finished = true;
        if (spline instanceof SlopeSpline view) {
            spline = view.full();
        }
        double[] unresolved = plan.unresolved(x);
        ZeroSites.Verdict v = ZeroSites.classify(x, y, spline, unresolved, o.abs());
        if (v.zeros().length > 0) {
            // where f is 0 at every knot of a stretch the tolerance is 0 there: meaningless rather than unmet
            double at = v.allZero() ? Double.NaN : !v.flats().isEmpty() ? v.flats().get(0)[0] : v.zeros()[0];
            pending.add(new Warning("abs = 0 but " + ZeroSites.zeroSubject(v) + (v.flats().isEmpty()
                    ? ": a pure relative tolerance cannot be met there" : ", so a pure relative tolerance is meaningless"
                    + " there") + "; not converged; set abs > 0", at));
        }
        for (double e : v.endZeros()) {
            pending.add(new Warning("abs = 0 but f vanishes at the end x = " + e + " and the relative error does not"
                    + " shrink there: not converged; set abs > 0", e));
        }
        for (double u : v.discontinuities()) {
            pending.add(new Warning("could not resolve f near x = " + u + " to the tolerance: the interval reached the"
                    + " width floor (probable discontinuity or noise); left as is", u));
        }
        NoiseWatch.Noise noisy = limitHit ? noise.verdict() : null;
        if (limitHit) {
            // before any pass there is no measured error: say what the first pass needed instead
            String state = passes == 0 ? "the first pass needs " + needed + " knots"
                    : "worst error/tolerance " + plan.worstErrorRatio();
            pending.add(new Warning("maxKnots = " + o.maxKnots() + " reached with " + plan.openIntervals()
                    + " intervals still open (" + state + "): not converged; "
                    + (noisy != null ? ZeroSites.noise(noisy) : "raise maxKnots or loosen the tolerance"), Double.NaN));
        }
        boolean converged = !limitHit && plan.openIntervals() == 0 && unresolved.length == 0 && v.zeros().length == 0;
        if (converged && o.abs() == 0) {
            double[] ends = endZeroMisses();
            if (ends.length > 0) {
                converged = false;
                double[] all = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(v.endZeros()),
                        java.util.Arrays.stream(ends)).distinct().toArray();
                v = new ZeroSites.Verdict(v.zeros(), v.touchesOnly(), all, v.discontinuities(), v.flats(), v.allZero());
            }
        }
        int tiny = converged ? belowResolution() : -1;
        if (tiny >= 0) {
            converged = false;
            pending.add(new Warning("not converged: " + tinyMessage(tiny), x[tiny]));
        }
        String diagnosis = converged ? "" : ZeroSites.diagnosis(v, limitHit, x.length, plan.worstErrorRatio());
        if (tiny >= 0) {
            diagnosis = diagnosis.isEmpty() ? tinyMessage(tiny) : diagnosis + "; " + tinyMessage(tiny);
        }
        if (noisy != null) {
            diagnosis += "; " + ZeroSites.noise(noisy);
        }
        if (!converged && diagnosis.isEmpty()) {
            diagnosis = plan.openIntervals() + " intervals still open";
        }
        pending.add(new RefinementFinished(new RefinementResult(spline, evaluations, passes, plan.refineRounds(),
                x.length, converged, unresolved, plan.worstErrorRatio(), evaluator.functionNanos(), engineNanos,
                v.zeros(), diagnosis, noisy != null ? noisy.absError() : Double.NaN,
                noisy != null ? noisy.relError() : Double.NaN, v.endZeros(), tiny >= 0 ? x[tiny] : Double.NaN)));
    }

    /**
     * With abs = 0, an end where f is 0 holds the relative tolerance only if f's zero there is
     * simple and at the lower end (at the upper end the spline's value is a sum formed from the
     * last interval's left knot, whose rounding is not small beside f there): at a zero of order
     * two or more (x² or x³ from 0, an enclosed mass from r = 0) the
     * spline's slope at the end is rounding rather than 0, and |f − s|/|f| grows without bound
     * towards the end, below where any knot test looks. f is evaluated once next to each such
     * end, 2⁻⁴⁰ of the end interval's width inside, or 64 ulp of the end if more (counted as an evaluation, not kept as a knot);
     * a miss of the relative tolerance there is reported with a warning.
     *
     * @return the ends where the spline missed
     */
    private double[] endZeroMisses() {
        int n = x.length;
        double[] misses = new double[2];
        int k = 0;
        for (int end = 0; end < 2; end++) {
            int i = end == 0 ? 0 : n - 1;
            if (y[i] != 0) {
                continue;
            }
            double h = end == 0 ? x[1] - x[0] : x[n - 1] - x[n - 2];
            // 2⁻⁴⁰ of the interval, but at least 64 units in the last place of the end (h can be that small)
            double d = Math.min(0.5 * h, Math.max(h * 0x1p-40, 64 * Math.ulp(x[i])));
            double t = end == 0 ? x[0] + d : x[n - 1] - d;
            if (!(t > x[0] && t < x[n - 1]) || t == x[i]) {
                continue;
            }
            double ft = evaluator.evaluate(new double[] {t})[0];
            evaluations++;
            double st = spline.value(t);
            if (!(Math.abs(ft - st) <= o.rel() * Math.abs(ft))) {
                misses[k++] = x[i];
                pending.add(new Warning(String.format(java.util.Locale.ROOT, "abs = 0 but f vanishes at the end x = %s"
                        + " and the spline misses it by %.3g of |f| at x = %s, next to it (a zero of order two or more,"
                        + " any zero at the upper end, where the spline is summed from its last interval's left knot,"
                        + " or f losing relative precision there, as log(1+x) does where log1p(x) would not): not"
                        + " converged; set abs > 0", Numbers.shortest(x[i]),
                        Math.abs(ft - st) / Math.abs(ft), Numbers.shortest(t)), x[i]));
            }
        }
        return java.util.Arrays.copyOf(misses, k);
    }

    /**
     * The finest step of doubles is {@link Double#MIN_VALUE} (4.9e-324): where f's values are
     * subnormal or nearly so, the spline's arithmetic rounds in steps that size, and a tolerance
     * of only a few of them cannot be told from rounding (measured: 1e-300·e⁻ˣ at rel 1e-8 missed
     * by up to 3.5e6 × the tolerance beyond x ≈ 35, though every knot test passed).
     *
     * @return the first knot where f ≠ 0 and the tolerance is below 1024 of those steps, or −1
     */
    private int belowResolution() {
        double floor = 1024 * Double.MIN_VALUE;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && o.abs() + o.rel() * Math.abs(y[i]) < floor) {
                return i;
            }
        }
        return -1;
    }

    private String tinyMessage(int i) {
        return RefinementResult.tooSmall(x[i], y[i], "abs");
    }

    /**
     * The spline of the current knots: with the graded plan (not-a-knot kind) the slopes only
     * ({@link SlopeSpline}, the same values; the full spline is built once, for the result),
     * else the kind's spline. Called by one thread at a time.
     */
    private Spline build(double[] xs, double[] ys) {
        Spline s;
        try {
            if (!graded) {
                s = kind.build(xs, ys);
            } else {
                if (work.length < xs.length) {
                    work = new double[Math.max(xs.length, work.length + (work.length >> 1))];
                }
                s = SlopeSpline.notAKnot(xs, ys, work);
            }
        } catch (RuntimeException e) {
            // knots and values are finite here (the engine made the one, the evaluator checked the
            // other): either f's slope is beyond what a double holds, or the kind failed
            throw failedBuild(kind.id(), xs, ys, e);
        }
        if (s == null) {
            throw new SplineKindException(kind.id(), "returned no spline (null) for " + xs.length + " knots; build must"
                    + " return the spline through the knots", null);
        }
        return s;
    }

    /**
     * Slopes between the knots up to this size leave every reasonable slope formula finite,
     * products of two slopes included (√{@link Double#MAX_VALUE} ≈ 1.3e154): a kind that fails
     * below it fails on its own account.
     */
    static final double SAFE_SLOPE = 1e150;

    /**
     * Tells whose fault a failed build is: f's, when a slope between two knots (a divided
     * difference) overflows a double or comes near it, else the kind's.
     *
     * @param e what the kind threw
     */
    static RuntimeException failedBuild(String kindId, double[] xs, double[] ys, RuntimeException e) {
        double steepest = 0;
        for (int i = 0; i + 1 < xs.length; i++) {
            double d = (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]);
            if (!Double.isFinite(d)) {
                return new IllegalArgumentException(String.format(java.util.Locale.ROOT, "f changes faster than a double can"
                        + " hold between x = %.6g and %.6g (f = %.6g and %.6g there): its slope overflows, so no spline can"
                        + " represent it; narrow the range or rescale f or x", xs[i], xs[i + 1], ys[i], ys[i + 1]), e);
            }
            steepest = Math.max(steepest, Math.abs(d));
        }
        if (e instanceof IllegalArgumentException && steepest > SAFE_SLOPE) {
            return new IllegalArgumentException("the spline through f's values overflows a double (" + e.getMessage()
                    + "): f's slope between knots reaches " + Numbers.format(steepest, 3) + ", too steep for a"
                    + " double-precision spline there; narrow the range or rescale f or x", e);
        }
        String what = e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new SplineKindException(kindId, "failed on finite data (" + xs.length + " knots in [" + Numbers.shortest(xs[0])
                + ", " + Numbers.shortest(xs[xs.length - 1]) + "], slopes between them at most " + Numbers.format(steepest, 3)
                + " in size): " + what.replaceAll("\\s*\\R\\s*", " ")
                + "; this is a defect of the spline kind, not of f; use another spline kind", e);
    }

    /** Every point strictly inside its interval and increasing: f never leaves [a, b], no knot twice. */
    private void checkProposal(RefinementPlan.Proposal p) {
        double prev = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < p.size(); k++) {
            int i = p.interval()[k];
            double v = p.x()[k];
            if (!(v > x[i] && v < x[i + 1] && v > prev)) {
                throw new IllegalStateException("refinement plan proposed x = " + v + " for interval [" + x[i] + ", "
                        + x[i + 1] + "] (bug: points must be increasing and strictly inside their interval)");
            }
            prev = v;
        }
    }

    /**
     * The end of a pass on two threads (the concurrency allows two): a helper merges the points
     * into the knots and builds the spline while this thread updates the plan's state and then
     * does the plan's work that needs the new knots but not the spline ({@link
     * RefinementPlan#prepare}); the results are the same as one after the other, since each step
     * reads only what the previous ones finished writing.
     */
    private void pipelined(RefinementPlan.Proposal p, double[] fp, double[] sp) {
        double[] x0 = x;
        double[] y0 = y;
        CompletableFuture<double[][]> merged = new CompletableFuture<>();
        CompletableFuture<Spline> built = CompletableFuture.supplyAsync(() -> {
            double[][] a;
            try {
                a = merge(x0, y0, p, fp);
            } catch (RuntimeException | Error e) {
                merged.completeExceptionally(e);
                throw e;
            }
            merged.complete(a);
            Spline built0 = build(a[0], a[1]);
            plan.assist();
            return built0;
        }, ParallelEvaluator.pool());
        try {
            plan.observe(x0, y0, spline, p, fp, sp);
        } finally {
            // never leave the helper's result behind (an error here is rethrown after it)
            double[][] a = join(merged);
            x = a[0];
            y = a[1];
        }
        plan.prepare(x, y);
        spline = join(built);
    }

    /** The value of a helper's future; what the helper threw is rethrown as it was. */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw ParallelEvaluator.rethrow(e.getCause());
        }
    }

    /** @return the knots and values with the proposed points merged in (linear merge) */
    private static double[][] merge(double[] x, double[] y, RefinementPlan.Proposal p, double[] fp) {
        int n = x.length;
        int m = p.size();
        double[] nx = new double[n + m];
        double[] ny = new double[n + m];
        int[] interval = p.interval();
        double[] px = p.x();
        int k = 0;
        int j = 0;
        int from = 0;
        while (k < m) {
            // knots from .. i unchanged (copied as runs), then the points proposed in interval i
            int i = interval[k];
            int run = i + 1 - from;
            System.arraycopy(x, from, nx, j, run);
            System.arraycopy(y, from, ny, j, run);
            j += run;
            while (k < m && interval[k] == i) {
                nx[j] = px[k];
                ny[j] = fp[k];
                j++;
                k++;
            }
            from = i + 1;
        }
        System.arraycopy(x, from, nx, j, n - from);
        System.arraycopy(y, from, ny, j, n - from);
        return new double[][] {nx, ny};
    }

    /**
     * Evenly spaced in u, at least the spline kind's minimum and enough for maxSpacing; both
     * ends exact.
     */
    static double[] initialKnots(RefinementOptions o) {
        int n = Math.max(o.initialKnots(), o.spline().minKnots());
        KnotScale sc = o.scale();
        double s = o.asinhScale();
        double ua = sc.toU(o.a(), s);
        double ub = sc.toU(o.b(), s);
        if (Double.isFinite(o.maxSpacing())) {
            double need = Math.ceil((ub - ua) / o.maxSpacing()) + 1;
            n = (int) Math.max(n, Math.min(need, Integer.MAX_VALUE - 8));
        }
        double[] x = new double[n];
        x[0] = o.a();
        x[n - 1] = o.b();
        for (int i = 1; i < n - 1; i++) {
            double u = ua + (ub - ua) * i / (n - 1);
            x[i] = sc == KnotScale.LINEAR ? o.a() + (o.b() - o.a()) * ((double) i / (n - 1)) : sc.toX(u, s);
        }
        for (int i = 1; i < n; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("range [" + o.a() + ", " + o.b() + "] is too narrow for " + n
                        + " distinct initial knots in the " + sc.id() + " scale; widen it or use fewer initial knots");
            }
        }
        return x;
    }
}
