package org.autoknots.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The record layout of {@link CubicSpline}: the caller's arrays are copied, knots, values and
 * slopes come back exactly, the spline interpolates exactly at every knot (the right end
 * included), and bad input is reported as before (knots before slopes).
 */
class CubicSplineStorageTest {

    /** Random increasing knots on [0, 3] with uneven widths. */
    private static double[] knots(SplittableRandom rnd, int n) {
        double[] x = new double[n];
        for (int i = 1; i < n; i++) {
            x[i] = x[i - 1] + 0.05 + rnd.nextDouble();
        }
        double scale = 3 / x[n - 1];
        for (int i = 1; i < n; i++) {
            x[i] *= scale;
        }
        x[n - 1] = 3;
        return x;
    }

    @Test
    void copiesTheCallersArraysAndGivesThemBackExactly() {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 40;
        double[] x = knots(rnd, n);
        double[] y = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            // p(x) = x³ − 2x: cubic Hermite with exact slopes reproduces it
            y[i] = x[i] * x[i] * x[i] - 2 * x[i];
            m[i] = 3 * x[i] * x[i] - 2;
        }
        double[] x0 = x.clone();
        double[] y0 = y.clone();
        double[] m0 = m.clone();
        CubicSpline s = CubicSpline.hermite(x, y, m);
        // scribble over the caller's arrays: the spline must not change
        for (int i = 0; i < n; i++) {
            x[i] = -i;
            y[i] = Double.NaN;
            m[i] = 1e300;
        }
        assertArrayEquals(x0, s.knots());
        assertArrayEquals(y0, s.values());
        assertArrayEquals(m0, s.slopes());
        assertEquals(n, s.size());
        assertEquals(0.0, s.lower());
        assertEquals(3.0, s.upper());
        for (int i = 0; i < n; i++) {
            assertEquals(x0[i], s.knotAt(i));
            assertEquals(y0[i], s.value(x0[i]), 0.0, "exact at knot " + i);
        }
        for (int k = 0; k < 2000; k++) {
            double v = 3 * rnd.nextDouble();
            double p = v * v * v - 2 * v;
            assertEquals(p, s.value(v), 1e-12, "value at " + v);
            assertEquals(3 * v * v - 2, s.derivative(v), 1e-11, "derivative at " + v);
            assertEquals(6 * v, s.secondDerivative(v), 1e-9, "second derivative at " + v);
        }
        // ∫₀³ (x³ − 2x) dx = 81/4 − 9
        assertEquals(81.0 / 4 - 9, s.integral(0, 3), 1e-12);
        // the last record: zero width, the end value
        assertEquals(y0[n - 1], s.value(n - 1, 3.0), 0.0);
        // a few ulp beyond the right end: clamped to the end value exactly
        assertEquals(y0[n - 1], s.value(Math.nextUp(3.0)), 0.0);
    }

    @Test
    void badInputIsReportedKnotsFirstThenSlopes() {
        double[] x = {0, 1, 2, 3, 4, 5, 6};
        double[] y = new double[7];
        double[] m = new double[7];
        m[2] = Double.NaN;
        x[5] = 4; // not increasing at index 5, and a bad slope earlier at 2: the knots are reported
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CubicSpline.hermite(x, y, m));
        assertTrue(e.getMessage().contains("x[4] = 4.0") && e.getMessage().contains("x[5] = 4.0"), e.getMessage());
        x[5] = 5;
        e = assertThrows(IllegalArgumentException.class, () -> CubicSpline.hermite(x, y, m));
        assertEquals("slope at knot 2 (x = 2.0) is NaN", e.getMessage());
        y[6] = Double.POSITIVE_INFINITY;
        e = assertThrows(IllegalArgumentException.class, () -> CubicSpline.hermite(x, y, m));
        assertEquals("value at knot 6 (x = 6.0) is Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CubicSpline.hermite(x, new double[7], new double[6]));
        assertEquals("slopes: expected 7 values, got 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CubicSpline.hermite(new double[] {0}, new double[] {0}, new double[] {0}));
        assertEquals("need at least 2 knots, got 1", e.getMessage());
    }
}
