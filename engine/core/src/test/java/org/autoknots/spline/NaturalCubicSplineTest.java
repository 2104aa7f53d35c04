package org.autoknots.spline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.autoknots.api.Spline;
import org.junit.jupiter.api.Test;

class NaturalCubicSplineTest {

    private final NaturalCubicSpline kind = new NaturalCubicSpline();

    @Test
    void secondDerivativeVanishesAtBothEnds() {
        Random rnd = new Random(3);
        double[] x = CubicNotAKnotSplineTest.knots(rnd, 25, -1, 2);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.exp(x[i]) * Math.cos(2 * x[i]);
        }
        Spline s = kind.build(x, y);
        assertEquals(0, s.secondDerivative(-1), 1e-10);
        assertEquals(0, s.secondDerivative(2), 1e-10);
        for (int i = 1; i < x.length - 1; i++) {
            double d = 1e-7 * (x[i + 1] - x[i - 1]);
            assertEquals(y[i], s.value(x[i]), 1e-15);
            assertEquals(s.derivative(x[i] - d), s.derivative(x[i] + d), 1e-5, "C1 at " + i);
            assertEquals(s.secondDerivative(x[i] - d), s.secondDerivative(x[i] + d), 1e-4, "C2 at " + i);
        }
    }

    /** The one-sweep slopes agree with a dense solve of the unscaled natural system (s″ = 0 at the ends). */
    @Test
    void slopesAgreeWithADenseSolveOfTheUnscaledSystem() {
        Random rnd = new Random(5);
        for (int n : new int[] {2, 3, 6, 25}) {
            double[] x = CubicNotAKnotSplineTest.knots(rnd, n, -1, 4);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = Math.cos(x[i]) * x[i];
            }
            double[][] a = new double[n][n + 1];
            double[] h = new double[n - 1];
            double[] d = new double[n - 1];
            for (int i = 0; i < n - 1; i++) {
                h[i] = x[i + 1] - x[i];
                d[i] = (y[i + 1] - y[i]) / h[i];
            }
            a[0][0] = 2;
            a[0][1] = 1;
            a[0][n] = 3 * d[0];
            for (int i = 1; i < n - 1; i++) {
                a[i][i - 1] = h[i];
                a[i][i] = 2 * (h[i - 1] + h[i]);
                a[i][i + 1] = h[i - 1];
                a[i][n] = 3 * (h[i] * d[i - 1] + h[i - 1] * d[i]);
            }
            a[n - 1][n - 2] = 1;
            a[n - 1][n - 1] = 2;
            a[n - 1][n] = 3 * d[n - 2];
            double[] m = CubicNotAKnotSplineTest.dense(a, n);
            double[] got = ((org.autoknots.api.CubicSpline) kind.build(x, y)).slopes();
            for (int i = 0; i < n; i++) {
                assertEquals(m[i], got[i], 1e-11 * (1 + Math.abs(m[i])), "n = " + n + ", slope " + i);
            }
        }
    }

    @Test
    void reproducesLinesAndHasTheClosedFormForThreeKnots() {
        Spline line = kind.build(new double[] {0, 0.3, 1, 4}, new double[] {1, 1.6, 3, 9});
        for (double v : new double[] {0, 0.1, 0.7, 2.5, 4}) {
            assertEquals(1 + 2 * v, line.value(v), 1e-13);
            assertEquals(2, line.derivative(v), 1e-13);
        }
        // knots 0, 1, 2 with values 0, 1, 0: natural spline s(x) = 1.5x − 0.5x³ on [0, 1], symmetric
        Spline hat = kind.build(new double[] {0, 1, 2}, new double[] {0, 1, 0});
        assertEquals(1.5 * 0.5 - 0.5 * 0.125, hat.value(0.5), 1e-14);
        assertEquals(1.5 * 0.5 - 0.5 * 0.125, hat.value(1.5), 1e-14);
        assertEquals(-3, hat.secondDerivative(1), 1e-12);
        // ∫₀¹ (1.5x − 0.5x³) = 0.75 − 0.125, twice
        assertEquals(2 * (0.75 - 0.125), hat.integral(0, 2), 1e-14);
    }

    @Test
    void interiorErrorIsFourthOrder() {
        double[] errs = new double[2];
        int[] sizes = {41, 81};
        for (int k = 0; k < 2; k++) {
            int n = sizes[k];
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = (double) i / (n - 1);
                y[i] = Math.sin(Math.PI * x[i]); // f″ = 0 at both ends: the natural condition is exact
            }
            Spline s = kind.build(x, y);
            double worst = 0;
            for (int j = 0; j <= 4000; j++) {
                double v = j / 4000.0;
                worst = Math.max(worst, Math.abs(s.value(v) - Math.sin(Math.PI * v)));
            }
            errs[k] = worst;
        }
        double order = Math.log(errs[0] / errs[1]) / Math.log(2);
        assertTrue(order > 3.7 && order < 4.3, "order " + order);
    }
}
