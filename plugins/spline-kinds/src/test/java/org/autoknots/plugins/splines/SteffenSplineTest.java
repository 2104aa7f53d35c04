package org.autoknots.plugins.splines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.autoknots.api.Spline;
import org.junit.jupiter.api.Test;

class SteffenSplineTest {

    private final SteffenSpline steffen = new SteffenSpline();

    /** Points per interval at which the no-overshoot property is checked. */
    private static final int SAMPLES = 64;

    /**
     * Asserts that on every interval the spline stays between the two knot values (up to
     * rounding), and, when {@code monotone} is ±1, that its derivative has that sign.
     */
    private static void assertNoOvershoot(Spline s, double[] x, double[] y, int monotone) {
        double scale = 0;
        for (double v : y) {
            scale = Math.max(scale, Math.abs(v));
        }
        double slack = 1e-13 * scale;
        for (int i = 0; i + 1 < x.length; i++) {
            double lo = Math.min(y[i], y[i + 1]);
            double hi = Math.max(y[i], y[i + 1]);
            double h = x[i + 1] - x[i];
            int interval = i;
            for (int k = 0; k <= SAMPLES; k++) {
                double xv = Math.min(x[i] + h * k / SAMPLES, x[i + 1]);
                double v = s.value(xv);
                assertTrue(v >= lo - slack && v <= hi + slack,
                        () -> "s(" + xv + ") = " + v + " outside [" + lo + ", " + hi + "] of interval " + interval);
                if (monotone != 0) {
                    double dv = s.derivative(xv) * monotone;
                    assertTrue(dv >= -1e-12 * scale / h, () -> "derivative " + s.derivative(xv) + " at " + xv);
                }
            }
        }
    }

    @Test
    void monotoneOnRandomIncreasingAndDecreasingData() {
        Random rnd = new Random(1990);
        for (int trial = 0; trial < 50; trial++) {
            int n = 3 + rnd.nextInt(30);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 1; i < n; i++) {
                x[i] = x[i - 1] + 1e-3 + rnd.nextDouble() * (rnd.nextBoolean() ? 0.1 : 3.0);
                // steps of very different sizes, some flat: the hard case for monotone fits
                double step = rnd.nextInt(4) == 0 ? 0.0 : Math.pow(10, rnd.nextDouble() * 4 - 2);
                y[i] = y[i - 1] + step;
            }
            assertNoOvershoot(steffen.build(x, y), x, y, +1);
            double[] down = new double[n];
            for (int i = 0; i < n; i++) {
                down[i] = -y[i];
            }
            assertNoOvershoot(steffen.build(x, down), x, down, -1);
        }
    }

    @Test
    void noExtremaBetweenKnotsOnRandomData() {
        Random rnd = new Random(443);
        for (int trial = 0; trial < 50; trial++) {
            int n = 3 + rnd.nextInt(30);
            double[] x = new double[n];
            double[] y = new double[n];
            y[0] = rnd.nextGaussian();
            for (int i = 1; i < n; i++) {
                x[i] = x[i - 1] + 0.01 + rnd.nextDouble();
                y[i] = rnd.nextGaussian();
            }
            assertNoOvershoot(steffen.build(x, y), x, y, 0);
        }
    }

    @Test
    void stepLikeTanhStaysMonotoneAndInsideItsKnots() {
        int n = 21;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -1 + 2.0 * i / (n - 1);
            y[i] = Math.tanh(50 * x[i]);
        }
        Spline s = steffen.build(x, y);
        assertNoOvershoot(s, x, y, +1);
        // the not-a-knot and natural cubics ring on this data; Steffen never leaves [-1, 1]
        for (int k = 0; k <= 4000; k++) {
            double v = s.value(-1 + 2.0 * k / 4000);
            assertTrue(Math.abs(v) <= 1.0, "value " + v);
        }
    }

    @Test
    void reproducesStraightLinesOnUnevenKnots() {
        double[] x = {-3, -2.5, -0.1, 0.4, 2.0, 2.1, 7.0};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = -1.25 * x[i] + 0.5;
        }
        Spline s = steffen.build(x, y);
        for (int i = 0; i + 1 < x.length; i++) {
            double xv = 0.3 * x[i] + 0.7 * x[i + 1];
            assertEquals(-1.25 * xv + 0.5, s.value(xv), 1e-13);
            assertEquals(-1.25, s.derivative(xv), 1e-13);
        }
    }

    @Test
    void slopeIsZeroAtALocalExtremumAndLimitedAtTheEnds() {
        double[] x = {0, 1, 2, 3};
        double[] y = {0, 1, 0, 4};
        Spline s = steffen.build(x, y);
        assertEquals(0.0, s.derivative(1.0), 0.0);
        assertEquals(0.0, s.derivative(2.0), 0.0);
        // end: parabola through (0,0), (1,1), (2,0) has slope 2 at x = 0 = 2·s₀, allowed
        assertEquals(2.0, s.derivative(0.0), 1e-15);
        // end: parabola through (1,1), (2,0), (3,4) has slope 6.5 at x = 3, below 2·s = 8: kept
        assertEquals(6.5, s.derivative(3.0), 1e-14);
        // parabola through (0, 3), (1, 0), (2, 1) is y = 2x² − 5x + 3: slope −5 at 0 (|−5| < 2·3, kept)
        // and 3 at 2, above 2·s = 2 for the last chord s = 1: clipped to 2 (no overshoot)
        Spline clipped = steffen.build(new double[] {0, 1, 2}, new double[] {3, 0, 1});
        assertEquals(-5.0, clipped.derivative(0.0), 1e-14);
        assertEquals(2.0, clipped.derivative(2.0), 1e-14);
        double[] y2 = {0, 1, 5};
        Spline t = steffen.build(new double[] {0, 1, 2}, y2);
        // parabola through (0,0), (1,1), (2,5): y = 1.5x² − 0.5x, slope at 2 is 5.5 < 2·4 = 8: kept;
        // slope at 0 is −0.5, opposite to s₀ = 1: set to 0
        assertEquals(5.5, t.derivative(2.0), 1e-14);
        assertEquals(0.0, t.derivative(0.0), 0.0);
        double[] y3 = {0, 0.1, 5};
        Spline u = steffen.build(new double[] {0, 1, 2}, y3);
        // parabola y = 2.4x² − 2.3x: slope at 2 is 7.3 < 2·4.9 = 9.8, kept; at 0 it is −2.3, set to 0
        assertEquals(7.3, u.derivative(2.0), 1e-13);
        assertEquals(0.0, u.derivative(0.0), 0.0);
        double[] y4 = {0, 0.1, 0.2, 5};
        Spline w = steffen.build(new double[] {0, 1, 2, 2.1}, y4);
        // right end: the parabola through (1, .1), (2, .2), (2.1, 5) is y = 43.545…(x−1)(x−2) + .1x,
        // slope 0.1 + 43.545…·(2·2.1 − 3) = 52.355 at 2.1, below 2·48 = 96: kept
        double a = (5 - 0.21) / (1.1 * 0.1);
        assertEquals(0.1 + a * (2 * 2.1 - 3), w.derivative(2.1), 1e-9);
    }

    @Test
    void convergesAtLeastQuadratically() {
        double e1 = maxError(21);
        double e2 = maxError(41);
        // O(h³) away from extrema: halving h divides the error by about 8; demand at least 4
        assertTrue(e1 / e2 > 4, "error ratio " + e1 / e2 + " (" + e1 + " -> " + e2 + ")");
        assertTrue(e2 < 1e-4, "error " + e2);
    }

    private double maxError(int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2.0 * i / (n - 1);
            y[i] = Math.exp(x[i]);
        }
        Spline s = steffen.build(x, y);
        double worst = 0;
        for (int k = 0; k <= 2000; k++) {
            double xv = 2.0 * (k + 0.37) / 2001;
            worst = Math.max(worst, Math.abs(s.value(xv) - Math.exp(xv)));
        }
        return worst;
    }

    @Test
    void tooFewKnotsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> steffen.build(new double[] {0, 1}, new double[] {0, 1}));
        assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
        assertEquals("steffen", steffen.id());
    }
}
