package org.autoknots.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.Parameters;
import org.autoknots.api.RealFunction;
import org.autoknots.api.Spline;
import org.autoknots.api.SurfaceDensity;
import org.autoknots.plugins.halo.EinastoProfile;
import org.autoknots.plugins.halo.HernquistProfile;
import org.autoknots.plugins.halo.NfwProfile;
import org.autoknots.quadrature.QuadratureException;
import org.autoknots.refine.AutoKnots;
import org.autoknots.refine.KnotScale;
import org.autoknots.refine.RefinementMode;
import org.autoknots.refine.RefinementOptions;
import org.autoknots.refine.RefinementResult;
import org.junit.jupiter.api.Test;

/**
 * The numerical projection against closed forms (the halo-profiles plugin and the cored
 * profile 1/(1 + r²)) and, for Einasto, against an independent slow integration done here.
 */
class ProjectionTest {

    private static void assertRel(double expected, double actual, double tol, String what) {
        double err = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(err <= tol, what + ": expected " + expected + ", got " + actual + ", relative error " + err);
    }

    // ---------------------------------------------------------------- ρ = 1/(1 + r²)

    private static final RealFunction CORED = r -> 1 / (1 + r * r);

    private static double coredSigma(double r) {
        return Math.PI / Math.sqrt(1 + r * r);
    }

    /** 2π(√(1+R²) − 1)/R², written as 2π/(√(1+R²) + 1) to avoid its cancellation at small R. */
    private static double coredMeanSigma(double r) {
        return 2 * Math.PI / (Math.sqrt(1 + r * r) + 1);
    }

    @Test
    void coredProfileDirect() {
        Projection p = Projection.of(CORED, 1e-8, 0);
        for (double r : new double[] {1e-6, 1e-4, 0.01, 0.3, 1, 3.7, 100, 1e4, 1e6}) {
            assertRel(coredSigma(r), p.sigma(r), 1e-8, "sigma at " + r);
            assertRel(coredMeanSigma(r), p.meanSigma(r), 1e-8, "mean_sigma at " + r);
        }
        // ΔΣ = πR²/((√(1+R²) + 1)² √(1+R²)): for a cored profile it vanishes like R², so its
        // relative accuracy degrades like (quadrature rel)/R² below R ~ 1e-2
        for (double r : new double[] {0.01, 0.3, 1, 3.7, 100, 1e4}) {
            double s = Math.sqrt(1 + r * r);
            assertRel(Math.PI * r * r / ((s + 1) * (s + 1) * s), p.deltaSigma(r), 1e-8, "delta_sigma at " + r);
        }
    }

    @Test
    void coredProfileTabulated() {
        double rel = 1e-9;
        Projection p = Projection.of(CORED, rel, 0);
        RefinementOptions o = RefinementOptions.builder(1e-4, 1e4).scale(KnotScale.LOG).rel(rel).build();
        RefinementResult sigma = AutoKnots.tabulate(p.function(SurfaceQuantity.SIGMA), o);
        RefinementResult mean = AutoKnots.tabulate(p.function(SurfaceQuantity.MEAN_SIGMA), o);
        assertTrue(sigma.converged() && mean.converged());
        double[] grid = jitteredLogGrid(1e-4, 1e4, 5_000, 11);
        for (double r : grid) {
            assertRel(coredSigma(r), sigma.spline().value(r), 1e-8, "tabulated sigma at " + r);
            assertRel(coredMeanSigma(r), mean.spline().value(r), 1e-8, "tabulated mean_sigma at " + r);
        }
    }

    // ---------------------------------------------------------------- NFW and Hernquist

    /** n log-spaced points on [a, b], each moved at random within its cell (not knots, not midpoints). */
    private static double[] jitteredLogGrid(double a, double b, int n, long seed) {
        Random random = new Random(seed);
        double la = Math.log(a);
        double step = (Math.log(b) - la) / n;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.exp(la + step * (i + random.nextDouble()));
        }
        x[0] = Math.max(x[0], a);
        x[n - 1] = Math.min(x[n - 1], b);
        return x;
    }

    private record Budget(SurfaceQuantity quantity, long maxEvaluations) {
    }

    private static void tabulateAgainstClosedForm(FunctionInstance profile, double scale, RefinementMode mode,
            Budget... budgets) {
        SurfaceDensity exact = profile.surfaceDensity().orElseThrow();
        double rel = 1e-8;
        double a = 1e-4 * scale;
        double b = 1e4 * scale;
        double[] grid = jitteredLogGrid(a, b, 10_000, 42);
        for (Budget budget : budgets) {
            Projection p = Projection.of(profile, rel, 0);
            RefinementOptions.Builder ob = RefinementOptions.builder(a, b).scale(KnotScale.LOG).rel(rel);
            RefinementOptions o = mode == null ? ob.build() : ob.mode(mode).build();
            RefinementResult r = AutoKnots.tabulate(p.function(budget.quantity()), o);
            String what = profile + " " + budget.quantity().key() + " (" + o.mode().id() + ")";
            assertTrue(r.converged(), what + " did not converge: " + r);
            assertTrue(r.evaluations() <= budget.maxEvaluations(), what + ": " + r.evaluations()
                    + " evaluations, budget " + budget.maxEvaluations());
            // each evaluation is one quadrature; keep its cost bounded too
            assertTrue(p.densityEvaluations() <= 600 * p.integrals(), what + ": " + p.densityEvaluations()
                    + " density evaluations for " + p.integrals() + " integrals");
            RealFunction closed = Projection.analytic(exact, budget.quantity());
            Spline s = r.spline();
            double worst = 0;
            for (double x : grid) {
                double e = closed.value(x);
                double err = Math.abs(s.value(x) - e) / Math.abs(e);
                worst = Math.max(worst, err);
                assertTrue(err <= 1e-7, what + " at R = " + x + ": tabulated " + s.value(x) + ", closed form " + e);
            }
            assertTrue(worst > 0, "a tabulation that is exact everywhere is suspicious");
        }
    }

    @Test
    void nfwTabulatedProjectionMatchesTheClosedForms() {
        FunctionInstance nfw = new NfwProfile().create(Parameters.of(Map.of("rho_s", 1.0, "r_s", 1.0)));
        tabulateAgainstClosedForm(nfw, 1.0, null, new Budget(SurfaceQuantity.SIGMA, 4_500),
                new Budget(SurfaceQuantity.MEAN_SIGMA, 4_000), new Budget(SurfaceQuantity.DELTA_SIGMA, 2_500));
    }

    @Test
    void hernquistTabulatedProjectionMatchesTheClosedForms() {
        FunctionInstance h = new HernquistProfile().create(Parameters.of(Map.of("M", 3.0, "a", 2.0)));
        tabulateAgainstClosedForm(h, 2.0, null, new Budget(SurfaceQuantity.SIGMA, 4_500),
                new Budget(SurfaceQuantity.MEAN_SIGMA, 4_000), new Budget(SurfaceQuantity.DELTA_SIGMA, 2_500));
    }

    @Test
    void bothRefinementModesMeetTheTarget() {
        // the test above uses the default mode; run the other one too, whichever it is
        RefinementMode other = RefinementOptions.builder(1, 2).build().mode() == RefinementMode.PAPER
                ? RefinementMode.GRADED : RefinementMode.PAPER;
        FunctionInstance nfw = new NfwProfile().create(Parameters.of(Map.of("rho_s", 1.0, "r_s", 1.0)));
        tabulateAgainstClosedForm(nfw, 1.0, other, new Budget(SurfaceQuantity.SIGMA, 4_500),
                new Budget(SurfaceQuantity.MEAN_SIGMA, 4_000), new Budget(SurfaceQuantity.DELTA_SIGMA, 2_500));
    }

    @Test
    void directValuesFarBeyondTheTabulatedRange() {
        FunctionInstance nfw = new NfwProfile().create(Parameters.of(Map.of("rho_s", 1.0, "r_s", 1.0)));
        SurfaceDensity exact = nfw.surfaceDensity().orElseThrow();
        Projection p = Projection.of(nfw, 1e-10, 0);
        for (double r : new double[] {1e-9, 1e-6, 0.3, 1.0, 1 + 1e-9, 1e6}) {
            assertRel(exact.sigma(r), p.sigma(r), 1e-11, "nfw sigma at " + r);
            assertRel(exact.meanSigma(r), p.meanSigma(r), 1e-11, "nfw mean_sigma at " + r);
            // the direct ΔΣ kernel keeps ΔΣ ≈ ρ_s r_s accurate while Σ̄ and Σ grow like ln(1/R)
            assertRel(exact.deltaSigma(r), p.deltaSigma(r), 1e-11, "nfw delta_sigma at " + r);
        }
    }

    // ---------------------------------------------------------------- Einasto, independent integration

    private static final FunctionInstance EINASTO = new EinastoProfile()
            .create(Parameters.of(Map.of("rho_2", 1.0, "r_2", 1.0, "alpha", 0.17)));

    /**
     * Σ(R) = 2 ∫ ρ(√(R² + z²)) dz with z = e^y, by the trapezoid rule on y ∈ [ln R − 40, ln 1e20],
     * step 1/64 (the upper end leaves out ~1e−20 of a profile falling like r⁻²): the integrand is analytic in the strip |Im y| &lt; π/2 and negligible at both ends,
     * so the rule converges geometrically (error ~ exp(−π²·64)).
     */
    private static double slowSigma(RealFunction rho, double r) {
        double h = 1.0 / 64;
        double lo = Math.log(r) - 40;
        double hi = Math.log(1e20);
        int n = (int) Math.ceil((hi - lo) / h);
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double y = lo + i * h;
            double z = Math.exp(y);
            double w = i == 0 || i == n ? 0.5 : 1.0;
            sum += w * rho.value(Math.hypot(r, z)) * z;
        }
        return 2 * h * sum;
    }

    /**
     * Σ̄(R) = (2/R²) ∫₀^R R′ Σ(R′) dR′ by tanh-sinh (Takahasi &amp; Mori 1974) in τ ∈ [−4, 4], step
     * 1/32, over {@link #slowSigma}: R′ = R/(1 + e^{−π sinh τ}).
     */
    private static double slowMeanSigma(RealFunction rho, double r) {
        double h = 1.0 / 32;
        double sum = 0;
        for (int k = -128; k <= 128; k++) {
            double tau = k * h;
            double u = 0.5 * Math.PI * Math.sinh(tau);
            double rp = r / (1 + Math.exp(-2 * u));
            double ch = Math.cosh(u);
            double weight = 0.5 * r * 0.5 * Math.PI * Math.cosh(tau) / (ch * ch);
            if (rp > 0 && weight > 0) {
                sum += weight * rp * slowSigma(rho, rp);
            }
        }
        return 2 * h * sum / (r * r);
    }

    @Test
    void independentSlowIntegrationReproducesTheClosedForms() {
        // the test's own integrator, checked where the answer is known
        FunctionInstance nfw = new NfwProfile().create(Parameters.of(Map.of("rho_s", 1.0, "r_s", 1.0)));
        SurfaceDensity exact = nfw.surfaceDensity().orElseThrow();
        assertRel(exact.sigma(0.5), slowSigma(nfw, 0.5), 1e-12, "slow NFW sigma");
        assertRel(exact.meanSigma(0.5), slowMeanSigma(nfw, 0.5), 1e-10, "slow NFW mean_sigma");
        assertRel(coredMeanSigma(2.0), slowMeanSigma(CORED, 2.0), 1e-10, "slow cored mean_sigma");
    }

    @Test
    void einastoAgainstAnIndependentIntegration() {
        double rel = 1e-8;
        Projection p = Projection.of(EINASTO, rel, 0);
        RefinementOptions o = RefinementOptions.builder(1e-3, 1e3).scale(KnotScale.LOG).rel(rel).build();
        RefinementResult sigma = AutoKnots.tabulate(p.function(SurfaceQuantity.SIGMA), o);
        RefinementResult mean = AutoKnots.tabulate(p.function(SurfaceQuantity.MEAN_SIGMA), o);
        assertTrue(sigma.converged() && mean.converged());
        for (double r : new double[] {1.3e-3, 0.0171, 0.5, 1.0, 3.3, 47.0, 800.0}) {
            double s = slowSigma(EINASTO, r);
            double m = slowMeanSigma(EINASTO, r);
            assertRel(s, p.sigma(r), 1e-7, "einasto sigma at " + r);
            assertRel(m, p.meanSigma(r), 1e-7, "einasto mean_sigma at " + r);
            assertRel(s, sigma.spline().value(r), 1e-7, "tabulated einasto sigma at " + r);
            assertRel(m, mean.spline().value(r), 1e-7, "tabulated einasto mean_sigma at " + r);
        }
    }

    // ---------------------------------------------------------------- API details

    @Test
    void quadratureToleranceIsTighterThanTheTabulation() {
        Projection p = Projection.of(CORED, 1e-8, 1e-6);
        assertEquals(1e-10, p.quadratureRel(), 1e-25);
        assertEquals(1e-8, p.quadratureAbs(), 1e-23);
        assertEquals(1e-13, Projection.of(CORED, 1e-12, 0).quadratureRel());
        assertEquals(0.0, Projection.of(CORED, 0, 1e-3).quadratureRel());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Projection.of(CORED, -1, 0));
        assertTrue(e.getMessage().contains("tabulation rel"), e.getMessage());
    }

    @Test
    void absoluteToleranceIsInUnitsOfSigma() {
        // with rel = 0 the error bound is abs alone, whatever R (the integrals are scaled by R inside)
        Projection p = Projection.withQuadrature(CORED, 0, 1e-9, 100_000);
        for (double r : new double[] {1e-3, 1, 1e3}) {
            assertEquals(coredSigma(r), p.sigma(r), 1e-9, "sigma at " + r);
            assertEquals(coredMeanSigma(r), p.meanSigma(r), 1e-9, "mean_sigma at " + r);
        }
    }

    @Test
    void functionAndAnalyticDispatch() {
        Projection p = Projection.of(CORED, 1e-8, 0);
        assertEquals(p.sigma(2.0), p.function(SurfaceQuantity.SIGMA).value(2.0));
        assertEquals(p.meanSigma(2.0), p.function(SurfaceQuantity.MEAN_SIGMA).value(2.0));
        assertEquals(p.deltaSigma(2.0), p.function(SurfaceQuantity.DELTA_SIGMA).value(2.0));
        SurfaceDensity forms = new SurfaceDensity() {
            public double sigma(double r) {
                return 1 + r;
            }

            public double meanSigma(double r) {
                return 10 + r;
            }
        };
        assertEquals(3.0, Projection.analytic(forms, SurfaceQuantity.SIGMA).value(2.0));
        assertEquals(12.0, Projection.analytic(forms, SurfaceQuantity.MEAN_SIGMA).value(2.0));
        assertEquals(9.0, Projection.analytic(forms, SurfaceQuantity.DELTA_SIGMA).value(2.0));
    }

    @Test
    void badRadiusIsAClearError() {
        Projection p = Projection.of(CORED, 1e-8, 0);
        for (double r : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.sigma(r));
            assertTrue(e.getMessage().startsWith("projected radius R must be finite and > 0, got " + r),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> p.meanSigma(r));
            assertThrows(IllegalArgumentException.class, () -> p.deltaSigma(r));
        }
    }

    @Test
    void profileWithoutAFiniteSigmaFailsClearly() {
        // ρ = 1/r: Σ = 2 ∫ dz/√(R² + z²) diverges logarithmically
        Projection p = Projection.of(r -> 1 / r, 1e-8, 0);
        QuadratureException e = assertThrows(QuadratureException.class, () -> p.sigma(1.0));
        assertTrue(e.getMessage().contains("faster than 1/r"), e.getMessage());
        assertThrows(QuadratureException.class, () -> p.meanSigma(1.0));
        // ρ = r⁻³ near 0: the mass inside any radius diverges
        Projection cusp = Projection.of(r -> 1 / (r * r * r * (1 + r)), 1e-8, 0);
        e = assertThrows(QuadratureException.class, () -> cusp.meanSigma(1.0));
        assertTrue(e.getMessage().contains("shallower than r^-3"), e.getMessage());
        assertThrows(QuadratureException.class, () -> cusp.deltaSigma(1.0));
    }

    @Test
    void oneProjectionFromManyThreads() {
        Projection p = Projection.of(CORED, 1e-8, 0);
        double[] radii = jitteredLogGrid(1e-3, 1e3, 200, 7);
        double[] parallel = IntStream.range(0, radii.length).parallel().mapToDouble(i -> p.meanSigma(radii[i]))
                .toArray();
        for (int i = 0; i < radii.length; i++) {
            assertEquals(p.meanSigma(radii[i]), parallel[i], 0.0);
            assertRel(coredMeanSigma(radii[i]), parallel[i], 1e-9, "mean_sigma at " + radii[i]);
        }
        assertEquals(2L * radii.length, p.integrals());
    }
}
