package org.autoknots.spline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.autoknots.api.Spline;
import org.junit.jupiter.api.Test;

class CubicNotAKnotSplineTest {

    private final CubicNotAKnotSpline kind = new CubicNotAKnotSpline();

    /** Random strictly increasing knots on [lo, hi] with uneven spacing, ends exact. */
    static double[] knots(Random rnd, int n, double lo, double hi) {
        double[] w = new double[n - 1];
        double sum = 0;
        for (int i = 0; i < n - 1; i++) {
            w[i] = 0.1 + rnd.nextDouble() * 3;
            sum += w[i];
        }
        double[] x = new double[n];
        x[0] = lo;
        double acc = 0;
        for (int i = 1; i < n - 1; i++) {
            acc += w[i - 1];
            x[i] = lo + (hi - lo) * acc / sum;
        }
        x[n - 1] = hi;
        return x;
    }

    @Test
    void reproducesAnyCubicExactly() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 40; trial++) {
            int n = 4 + rnd.nextInt(40);
            double c0 = rnd.nextGaussian();
            double c1 = rnd.nextGaussian();
            double c2 = rnd.nextGaussian();
            double c3 = rnd.nextGaussian();
            double lo = -2 + rnd.nextDouble();
            double hi = lo + 0.5 + 3 * rnd.nextDouble();
            double[] x = knots(rnd, n, lo, hi);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = c0 + x[i] * (c1 + x[i] * (c2 + x[i] * c3));
            }
            Spline s = kind.build(x, y);
            for (int k = 0; k < 200; k++) {
                double v = lo + (hi - lo) * rnd.nextDouble();
                double p = c0 + v * (c1 + v * (c2 + v * c3));
                double dp = c1 + v * (2 * c2 + 3 * c3 * v);
                double ddp = 2 * c2 + 6 * c3 * v;
                assertEquals(p, s.value(v), 1e-12 * (1 + Math.abs(p)), "value at " + v);
                assertEquals(dp, s.derivative(v), 1e-10 * (1 + Math.abs(dp)), "derivative at " + v);
                assertEquals(ddp, s.secondDerivative(v), 1e-8 * (1 + Math.abs(ddp)), "second derivative at " + v);
            }
            double u = lo + 0.3 * (hi - lo);
            double w = lo + 0.9 * (hi - lo);
            double exact = prim(c0, c1, c2, c3, w) - prim(c0, c1, c2, c3, u);
            assertEquals(exact, s.integral(u, w), 1e-12 * (1 + Math.abs(exact)));
            assertEquals(-exact, s.integral(w, u), 1e-12 * (1 + Math.abs(exact)));
        }
    }

    private static double prim(double c0, double c1, double c2, double c3, double v) {
        return v * (c0 + v * (c1 / 2 + v * (c2 / 3 + v * c3 / 4)));
    }

    @Test
    void twoKnotsGiveTheLineAndThreeTheParabola() {
        Spline line = kind.build(new double[] {1, 3}, new double[] {2, 8});
        assertEquals(5, line.value(2), 1e-15);
        assertEquals(3, line.derivative(1.5), 1e-15);
        assertEquals(0, line.secondDerivative(2.5), 1e-15);
        // parabola through (0, 1), (1, 0), (3, 4): p = 1 - 2x + x²... check: p(3) = 1 - 6 + 9 = 4
        Spline par = kind.build(new double[] {0, 1, 3}, new double[] {1, 0, 4});
        for (double v : new double[] {0, 0.5, 2, 2.9, 3}) {
            assertEquals(1 - 2 * v + v * v, par.value(v), 1e-14);
            assertEquals(-2 + 2 * v, par.derivative(v), 1e-13);
            assertEquals(2, par.secondDerivative(v), 1e-12);
        }
        assertEquals(3 - 9 + 9, par.integral(0, 3), 1e-13); // ∫(1 - 2x + x²) = x - x² + x³/3
    }

    @Test
    void isC2AtInteriorKnotsAndOneCubicOverTheFirstAndLastTwoIntervals() {
        Random rnd = new Random(2);
        double[] x = knots(rnd, 30, 0, 5);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(3 * x[i]) + Math.exp(-x[i]);
        }
        Spline s = kind.build(x, y);
        for (int i = 1; i < x.length - 1; i++) {
            double d = 1e-7 * (x[i + 1] - x[i - 1]);
            assertEquals(y[i], s.value(x[i]), 1e-15, "interpolates");
            assertEquals(s.value(i - 1, x[i]), s.value(i, x[i]), 1e-13, "C0 at knot " + i);
            assertEquals(s.derivative(x[i] - d), s.derivative(x[i] + d), 1e-5, "C1 at knot " + i);
            assertEquals(s.secondDerivative(x[i] - d), s.secondDerivative(x[i] + d), 1e-4, "C2 at knot " + i);
        }
        // not-a-knot: the polynomial of interval 0 also passes through y₂, that of interval n−2 through y_{n−3}
        int n = x.length;
        assertEquals(y[2], s.value(0, x[2]), 1e-12);
        assertEquals(y[n - 3], s.value(n - 2, x[n - 3]), 1e-12);
    }

    @Test
    void errorFallsAsTheFourthPowerOfTheSpacing() {
        double[] errs = new double[2];
        int[] sizes = {41, 81};
        for (int k = 0; k < 2; k++) {
            int n = sizes[k];
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = (double) i / (n - 1);
                y[i] = Math.sin(4 * x[i]);
            }
            Spline s = kind.build(x, y);
            double worst = 0;
            for (int j = 0; j <= 5000; j++) {
                double v = j / 5000.0;
                worst = Math.max(worst, Math.abs(s.value(v) - Math.sin(4 * v)));
            }
            errs[k] = worst;
        }
        double order = Math.log(errs[0] / errs[1]) / Math.log(2);
        assertTrue(order > 3.7 && order < 4.3, "order " + order);
        // derivative and integral against closed forms on the fine spline
        int n = 81;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (double) i / (n - 1);
            y[i] = Math.sin(4 * x[i]);
        }
        Spline s = kind.build(x, y);
        assertEquals(4 * Math.cos(4 * 0.37), s.derivative(0.37), 1e-5);
        assertEquals((Math.cos(4 * 0.1) - Math.cos(4 * 0.93)) / 4, s.integral(0.1, 0.93), 1e-8);
    }

    @Test
    void outsideTheRangeIsAnErrorButAFewUlpAreClamped() {
        Spline s = kind.build(new double[] {0, 1, 2, 3}, new double[] {0, 1, 8, 27});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.value(3.001));
        assertTrue(e.getMessage().contains("3.001") && e.getMessage().contains("[0.0, 3.0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.value(-1e-3));
        assertThrows(IllegalArgumentException.class, () -> s.value(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> s.integral(0, 4));
        assertEquals(27, s.value(Math.nextUp(3.0)), 0.0);
        assertEquals(0, s.value(-Double.MIN_VALUE), 0.0);
        assertEquals(27, s.derivative(Math.nextUp(3.0)), 1e-12);
    }

    @Test
    void badKnotsAreRejectedNamingTheIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kind.build(new double[] {0, 1, 1, 2}, new double[] {0, 1, 2, 3}));
        assertTrue(e.getMessage().contains("x[1] = 1.0") && e.getMessage().contains("x[2] = 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> kind.build(new double[] {0, 1, 2}, new double[] {0, Double.NaN, 2}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> kind.build(new double[] {0}, new double[] {0}));
    }

    @Test
    void knotsOverSixHundredDecadesNeitherOverflowNorUnderflow() {
        int n = 601;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i == 0 ? 1e-300 : i == n - 1 ? 1e300 : Math.pow(10, -300 + i);
            y[i] = 2 * x[i]; // a line in x: reproduced exactly by every cubic spline
        }
        Spline s = kind.build(x, y);
        for (double v : new double[] {3e-250, 1e-5, 7.5, 2e100, 9e299}) {
            assertEquals(2 * v, s.value(v), 1e-13 * (2 * v), "at " + v);
            assertEquals(2, s.derivative(v), 1e-12, "slope at " + v);
        }
        // ∫ 2x over [1e-300, 2e100] = 4e200, although (2e100)² and the widths' squares would overflow
        assertEquals(4e200, s.integral(1e-300, 2e100), 1e-12 * 4e200);
    }

    /**
     * The slopes of the one-sweep solver agree with an independent dense Gaussian elimination
     * (partial pivoting) of the unscaled not-a-knot system, written here: s″ continuous at the
     * interior knots, s‴ continuous at x₁ and xₙ₋₂, in terms of the Hermite slopes.
     */
    @Test
    void slopesAgreeWithADenseSolveOfTheUnscaledSystem() {
        Random rnd = new Random(21);
        for (int n : new int[] {4, 5, 9, 30}) {
            double[] x = knots(rnd, n, -2, 5);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = Math.sin(1.3 * x[i]) + 0.1 * x[i] * x[i];
            }
            double[][] a = new double[n][n + 1];
            double[] h = new double[n - 1];
            double[] d = new double[n - 1];
            for (int i = 0; i < n - 1; i++) {
                h[i] = x[i + 1] - x[i];
                d[i] = (y[i + 1] - y[i]) / h[i];
            }
            // interior: s″ continuous at x_i ⇔ h_i m_{i-1} + 2(h_{i-1} + h_i) m_i + h_{i-1} m_{i+1} = 3(h_i d_{i-1} + h_{i-1} d_i)
            for (int i = 1; i < n - 1; i++) {
                a[i][i - 1] = h[i];
                a[i][i] = 2 * (h[i - 1] + h[i]);
                a[i][i + 1] = h[i - 1];
                a[i][n] = 3 * (h[i] * d[i - 1] + h[i - 1] * d[i]);
            }
            // s‴ on interval i is 6(m_i + m_{i+1} − 2 d_i)/h_i²: equal on intervals 0 and 1, and n−3 and n−2
            jump(a[0], 0, h, d, n);
            jump(a[n - 1], n - 3, h, d, n);
            double[] m = dense(a, n);
            double[] got = ((org.autoknots.api.CubicSpline) kind.build(x, y)).slopes();
            for (int i = 0; i < n; i++) {
                assertEquals(m[i], got[i], 1e-10 * (1 + Math.abs(m[i])), "n = " + n + ", slope " + i);
            }
        }
    }

    /** Row: s‴ on interval j equals s‴ on interval j + 1. */
    private static void jump(double[] row, int j, double[] h, double[] d, int n) {
        double w0 = 1 / (h[j] * h[j]);
        double w1 = 1 / (h[j + 1] * h[j + 1]);
        row[j] += w0;
        row[j + 1] += w0 - w1;
        row[j + 2] -= w1;
        row[n] = 2 * d[j] * w0 - 2 * d[j + 1] * w1;
    }

    static double[] dense(double[][] a, int n) {
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] z = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * z[k];
            }
            z[r] = s / a[r][r];
        }
        return z;
    }

    @Test
    void idAndMinimum() {
        assertEquals("not-a-knot", kind.id());
        assertEquals(2, kind.minKnots());
        assertEquals("not-a-knot", SplineKinds.builtIn().get(0).id());
        assertEquals("natural", SplineKinds.builtIn().get(1).id());
    }
}
