package org.autoknots.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autoknots.api.CubicSpline;
import org.autoknots.api.Spline;
import org.junit.jupiter.api.Test;

class VerifierTest {

    private static Spline hermite(BenchCase c, int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = c.a() + (c.b() - c.a()) * i / (n - 1);
            Jet j = c.jet().apply(Jet.variable(x[i]));
            y[i] = j.value();
            m[i] = j.derivative(1);
        }
        return CubicSpline.hermite(x, y, m);
    }

    @Test
    void acceptsAFineInterpolantAndRejectsACoarseOne() {
        BenchCase exp = Battery.select("exp").get(0);
        // cubic Hermite error ≤ h⁴/384·max|f⁗| = h⁴·e/384: with 201 knots (h = 0.01) about 7e-11 ≪ 1e-6
        Verifier.Verification fine = Verifier.verify(exp, hermite(exp, 201));
        assertTrue(fine.passed(), fine.toString());
        assertTrue(fine.worstRatio() < 1e-3, fine.toString());
        // with 5 knots (h = 0.5): h⁴·e/384 ≈ 4e-4 ≫ 1e-6·e
        Verifier.Verification coarse = Verifier.verify(exp, hermite(exp, 5));
        assertFalse(coarse.passed());
        assertTrue(coarse.failures() > 100_000, coarse.toString());
        assertEquals(Verifier.DEFAULT_POINTS, coarse.points());
    }

    @Test
    void gridIsJitteredAndCoversTheRange() {
        // f = x tabulated by a spline that is wrong only on (0.3, 0.3 + 1e-5): the grid must find it
        BenchCase lin = new BenchCase("line", "x", 0, 1, false, 1e-6, 0, x -> x, null);
        Spline bump = new Spline() {
            public int size() { return 2; }
            public double lower() { return 0; }
            public double upper() { return 1; }
            public double[] knots() { return new double[] {0, 1}; }
            public double[] values() { return new double[] {0, 1}; }
            public double value(double x) { return x > 0.3 && x < 0.3 + 1e-5 ? x + 1 : x; }
            public double derivative(double x) { return 1; }
            public double secondDerivative(double x) { return 0; }
            public double integral(double u, double v) { return (v * v - u * u) / 2; }
            public double knotAt(int i) { return i; }
        };
        Verifier.Verification v = Verifier.verify(lin, lin.f(), bump, Verifier.DEFAULT_POINTS);
        assertFalse(v.passed());
        assertTrue(v.worstX() > 0.3 && v.worstX() < 0.3 + 1e-5, v.toString());
        assertTrue(v.failures() >= 1 && v.failures() <= 3, v.toString());
    }
}
