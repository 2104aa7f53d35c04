package org.autoknots.quadrature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.autoknots.api.RealFunction;
import org.junit.jupiter.api.Test;

/** Adaptive G7–K15 against closed-form integrals. */
class GaussKronrodQuadratureTest {

    /** Checks the value against the exact one, the tolerance, and that the error estimate is honest. */
    private static QuadratureResult check(GaussKronrodQuadrature q, RealFunction f, double exact, double... points) {
        QuadratureResult r = q.integrate(f, points);
        double actual = Math.abs(r.value() - exact);
        double tol = Math.max(q.abs(), q.rel() * Math.abs(exact));
        assertTrue(actual <= tol, "error " + actual + " above tolerance " + tol + ": " + r);
        assertTrue(r.errorEstimate() <= tol * 1.0000001, "estimate above tolerance: " + r);
        assertTrue(actual <= Math.max(r.errorEstimate(), 4 * Math.ulp(exact)),
                "actual error " + actual + " exceeds the estimate " + r.errorEstimate());
        return r;
    }

    @Test
    void smoothIntegrals() {
        GaussKronrodQuadrature q = GaussKronrodQuadrature.of(1e-12, 0);
        check(q, Math::sin, 2.0, 0, Math.PI);
        check(q, Math::exp, Math.E - 1, 0, 1);
        check(q, x -> 1 / (1 + x * x), Math.atan(2.0), 0, 1, 2);
        check(q, x -> Math.cos(30 * x), Math.sin(30.0) / 30, 0, 1);
    }

    @Test
    void estimatesAreHonestAcrossAFamilyOfIntegrands() {
        for (double rel : new double[] {1e-4, 1e-7, 1e-10, 1e-12}) {
            GaussKronrodQuadrature q = GaussKronrodQuadrature.of(rel, 0);
            for (double p : new double[] {-0.9, -0.5, -0.25, 0.3, 1.7, 5.5}) {
                check(q, x -> Math.pow(x, p), 1 / (p + 1), 0, 1); // ∫₀¹ x^p
            }
            for (double eps : new double[] {1e-1, 1e-3, 1e-5}) {
                // a peak of width eps at 0.3: ∫₀¹ eps/((x − 0.3)² + eps²) = atan(0.7/eps) + atan(0.3/eps)
                check(q, x -> eps / ((x - 0.3) * (x - 0.3) + eps * eps),
                        Math.atan(0.7 / eps) + Math.atan(0.3 / eps), 0, 1);
            }
            for (double k : new double[] {1, 10, 50}) {
                check(q, x -> Math.exp(-k * x) * Math.cos(x), k / (k * k + 1), 0, Double.POSITIVE_INFINITY);
            }
        }
    }

    @Test
    void polynomialsUpToDegree13AreExactOnOneInterval() {
        // K15 is exact to degree 22 and G7 to degree 13: one rule, 15 evaluations, no bisection
        GaussKronrodQuadrature q = GaussKronrodQuadrature.of(1e-14, 0);
        QuadratureResult r = q.integrate(x -> Math.pow(x, 12) + x * x * x, -1, 1);
        assertEquals(2.0 / 13, r.value(), 2e-16);
        assertEquals(15, r.evaluations());
        // degree 22: K15 exact, G7 not (so it may bisect), value exact to rounding
        QuadratureResult r22 = q.integrate(x -> Math.pow(x, 22), -1, 1);
        assertEquals(2.0 / 23, r22.value(), 1e-16);
    }

    @Test
    void logarithmicEndpointSingularity() {
        QuadratureResult r = check(GaussKronrodQuadrature.of(1e-10, 0), Math::log, -1.0, 0, 1);
        assertTrue(r.evaluations() < 2000, "evaluations " + r.evaluations());
    }

    @Test
    void inverseSquareRootEndpointSingularity() {
        QuadratureResult r = check(GaussKronrodQuadrature.of(1e-10, 0), x -> 1 / Math.sqrt(x), 2.0, 0, 1);
        assertTrue(r.evaluations() < 3000, "evaluations " + r.evaluations());
        // reversed limits
        QuadratureResult rev = GaussKronrodQuadrature.of(1e-10, 0).integrate(x -> 1 / Math.sqrt(x), 1, 0);
        assertEquals(-2.0, rev.value(), 4e-10);
    }

    @Test
    void singularityAtAnEndDoublesCannotResolveIsAClearError() {
        // near 1 the doubles are 1.1e-16 apart, so the mass 2√h of (1 − x)^(−1/2) in the last
        // representable subinterval stays above 1e-8: 1e-10 is out of reach
        QuadratureException e = assertThrows(QuadratureException.class,
                () -> GaussKronrodQuadrature.of(1e-10, 0).integrate(x -> 1 / Math.sqrt(1 - x), 0, 1));
        assertTrue(e.getMessage().contains("too narrow"), e.getMessage());
        assertTrue(e.getMessage().contains("largest error is on [0.99999"), e.getMessage());
        // at 1e-6 it is fine
        check(GaussKronrodQuadrature.of(1e-6, 0), x -> 1 / Math.sqrt(1 - x), 2.0, 0, 1);
    }

    @Test
    void semiInfiniteRanges() {
        GaussKronrodQuadrature q = GaussKronrodQuadrature.of(1e-12, 0);
        check(q, x -> Math.exp(-x), 1.0, 0, Double.POSITIVE_INFINITY);
        check(q, x -> 1 / (1 + x * x), Math.PI / 2, 0, Double.POSITIVE_INFINITY);
        check(q, x -> 1 / (x * x), 1.0, 1, Double.POSITIVE_INFINITY);
        check(q, x -> Math.exp(x), Math.exp(-2), Double.NEGATIVE_INFINITY, -2);
        check(q, x -> Math.exp(-x * x), Math.sqrt(Math.PI), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        // ∫₀^∞ e^{−x}/√x = √π: singular end and infinite end together
        check(q, x -> Math.exp(-x) / Math.sqrt(x), Math.sqrt(Math.PI), 0, Double.POSITIVE_INFINITY);
    }

    @Test
    void breakpointsSplitTheRange() {
        // a kink at 1: with the breakpoint each piece is a polynomial, exact in one rule each
        GaussKronrodQuadrature q = GaussKronrodQuadrature.of(1e-13, 0);
        QuadratureResult r = q.integrate(x -> Math.abs(x - 1), 0, 1, 2);
        assertEquals(1.0, r.value(), 1e-15);
        assertEquals(30, r.evaluations());
        // a jump at 0 over the whole line: ∫ e^{−|x|} (1 for x > 0, 2 for x < 0) = 3
        check(q, x -> x < 0 ? 2 * Math.exp(x) : Math.exp(-x), 3.0, Double.NEGATIVE_INFINITY, 0,
                Double.POSITIVE_INFINITY);
    }

    @Test
    void absoluteToleranceAlone() {
        GaussKronrodQuadrature q = new GaussKronrodQuadrature(0, 1e-9, 10_000);
        QuadratureResult r = q.integrate(x -> Math.sin(x), 0, 2 * Math.PI);
        assertEquals(0.0, r.value(), 1e-9);
    }

    @Test
    void resultWhoseRoundingFloorExceedsTheRelativeToleranceIsReturnedHonestly() {
        // ∫ sin over a full period is 0: rel·|I| can never be met, so it stops at the rounding floor
        QuadratureResult r = GaussKronrodQuadrature.of(1e-10, 0).integrate(Math::sin, 0, 2 * Math.PI);
        assertTrue(Math.abs(r.value()) <= r.errorEstimate(), r.toString());
        assertTrue(r.errorEstimate() < 1e-12, r.toString());
    }

    @Test
    void evaluationCapEndsWithAClearError() {
        GaussKronrodQuadrature q = new GaussKronrodQuadrature(1e-10, 0, 600);
        QuadratureException e = assertThrows(QuadratureException.class, () -> q.integrate(x -> 1 / x, 0, 1));
        assertTrue(e.getMessage().contains("evaluation cap of 600"), e.getMessage());
        assertTrue(e.getMessage().contains("tolerance"), e.getMessage());
    }

    @Test
    void nonFiniteIntegrandNamesThePoint() {
        QuadratureException e = assertThrows(QuadratureException.class,
                () -> GaussKronrodQuadrature.of(1e-8, 0).integrate(x -> x > 0.5 ? Double.NaN : x, 0, 1));
        assertTrue(e.getMessage().contains("integrand is NaN at x = 0.5") || e.getMessage().contains("NaN at x = "),
                e.getMessage());
    }

    @Test
    void badArgumentsAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GaussKronrodQuadrature(-1, 0, 100));
        assertTrue(e.getMessage().contains("rel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussKronrodQuadrature(0, 0, 100));
        assertTrue(e.getMessage().contains("both 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussKronrodQuadrature(1e-8, 0, 10));
        assertTrue(e.getMessage().contains("maxEvaluations"), e.getMessage());
        GaussKronrodQuadrature q = GaussKronrodQuadrature.of(1e-8, 0);
        e = assertThrows(IllegalArgumentException.class, () -> q.integrate(Math::exp, 0, 2, 1));
        assertTrue(e.getMessage().contains("increase"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> q.integrate(Math::exp, 0, Double.POSITIVE_INFINITY, 5));
        assertTrue(e.getMessage().contains("only the first and last"), e.getMessage());
        assertEquals(0.0, q.integrate(Math::exp, 3, 3).value());
    }

    @Test
    void oneInstanceFromManyThreads() {
        GaussKronrodQuadrature q = GaussKronrodQuadrature.of(1e-12, 0);
        AtomicLong bad = new AtomicLong();
        IntStream.range(1, 400).parallel().forEach(i -> {
            double a = i / 40.0;
            double v = q.integrate(x -> Math.exp(-x) * Math.sin(x), 0, a).value();
            double exact = 0.5 * (1 - Math.exp(-a) * (Math.sin(a) + Math.cos(a)));
            if (!(Math.abs(v - exact) <= 1e-12 * Math.abs(exact) + 1e-16)) {
                bad.incrementAndGet();
            }
        });
        assertEquals(0, bad.get());
    }
}
