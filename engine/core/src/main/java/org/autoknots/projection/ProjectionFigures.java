package org.autoknots.projection;

import java.util.Locale;
import org.autoknots.api.RealFunction;
import org.autoknots.refine.AutoKnots;
import org.autoknots.refine.KnotScale;
import org.autoknots.refine.RefinementMode;
import org.autoknots.refine.RefinementOptions;
import org.autoknots.refine.RefinementResult;

/**
 * Measures the numerical projection of NFW (ρ_s = r_s = 1) tabulated with AutoKnots in log scale
 * over R ∈ [1e−4, 1e4] at several tolerances: knots, outer evaluations (quadratures), ρ
 * evaluations, wall time, and the largest relative error against the Wright &amp; Brainerd closed
 * forms (re-derived here in a plain form, accurate to ~1e−13 on this grid, which stays 1e−3 away from R = 1) on 10 000 log-spaced
 * points. Prints a Markdown table; the figures are recorded in {@code docs/projection.md}.
 *
 * <pre>{@code
 * mvn -B -q install -pl engine/api,engine/core -DskipTests
 * mvn -B -q -pl engine/core org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *     -Dexec.mainClass=org.autoknots.projection.ProjectionFigures [-Dexec.args="1e-6 1e-8 1e-10"]
 * }</pre>
 */
public final class ProjectionFigures {

    private ProjectionFigures() {
    }

    public static void main(String[] args) {
        double[] rels = args.length == 0 ? new double[] {1e-6, 1e-8, 1e-10} : new double[args.length];
        for (int i = 0; i < args.length; i++) {
            rels[i] = Double.parseDouble(args[i]);
        }
        RealFunction rho = r -> 1 / (r * (1 + r) * (1 + r));
        // warm-up (JIT), not reported
        for (SurfaceQuantity q : SurfaceQuantity.values()) {
            AutoKnots.tabulate(Projection.of(rho, 1e-6, 0).function(q),
                    RefinementOptions.builder(1e-4, 1e4).scale(KnotScale.LOG).rel(1e-6).build());
        }
        System.out.println("| mode | rel | quantity | knots | evaluations (quadratures) | rho evaluations | rho evals per quadrature"
                + " | time [s] | max rel. error (10 000 log points) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (RefinementMode mode : RefinementMode.values()) {
        for (double rel : rels) {
            for (SurfaceQuantity q : SurfaceQuantity.values()) {
                Projection p = Projection.of(rho, rel, 0);
                RefinementOptions o = RefinementOptions.builder(1e-4, 1e4).scale(KnotScale.LOG).rel(rel).abs(0)
                        .mode(mode).build();
                long t0 = System.nanoTime();
                RefinementResult r = AutoKnots.tabulate(p.function(q), o);
                double seconds = (System.nanoTime() - t0) * 1e-9;
                double worst = 0;
                for (int i = 0; i < 10_000; i++) {
                    double x = Math.pow(10, -4 + 8 * (i + 0.5) / 10_000);
                    double exact = closedForm(q, x);
                    worst = Math.max(worst, Math.abs(r.spline().value(x) - exact) / Math.abs(exact));
                }
                System.out.println(String.format(Locale.ROOT, "| %s | %.0e | %s | %d | %d | %d | %.0f | %.2f | %.2e |", mode.id(), rel,
                        q.key(), r.knots(), r.evaluations(), p.densityEvaluations(),
                        (double) p.densityEvaluations() / p.integrals(), seconds, worst));
            }
        }
        }
    }

    /** NFW with ρ_s = r_s = 1, plain Wright &amp; Brainerd forms (x ≠ 1). */
    private static double closedForm(SurfaceQuantity q, double x) {
        double big;
        if (x < 1) {
            big = Math.log((1 + Math.sqrt(1 - x * x)) / x) / Math.sqrt(1 - x * x);
        } else {
            big = Math.acos(1 / x) / Math.sqrt(x * x - 1);
        }
        double sigma = 2 * (1 - big) / (x * x - 1);
        double mean;
        if (x < 1) { // ln(x/2) + X without its small-x cancellation (see HaloFunctions in the plugin)
            double c = Math.sqrt(1 - x * x);
            double u = x * x / (2 * (1 + c));
            mean = 4 * (Math.log(2 / x) + 0.5 * Math.log1p(-u) / u) / ((1 + c) * c);
        } else {
            mean = 4 * (Math.log(x / 2) + big) / (x * x);
        }
        return switch (q) {
            case SIGMA -> sigma;
            case MEAN_SIGMA -> mean;
            case DELTA_SIGMA -> mean - sigma;
        };
    }
}
