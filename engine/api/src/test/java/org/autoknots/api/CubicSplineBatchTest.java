package org.autoknots.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batch evaluation {@link CubicSpline#values(double[], double[])}: the same doubles as
 * {@link CubicSpline#value(double)}, bit for bit, on the knot sets of the search test, at random
 * and sorted points, at and next to the knots, at the ends and within the clamp slack; the same
 * exception for a point outside the range; and the right values against an independent Hermite
 * evaluation and a closed-form cubic.
 */
class CubicSplineBatchTest {

    /** Knot sets of every kind the guide table distinguishes (as in CubicSplineSearchTest). */
    private static double[][] knotSets(SplittableRandom rnd) {
        double[] uniform = new double[1001];
        for (int i = 0; i < uniform.length; i++) {
            uniform[i] = -3 + 6.0 * i / (uniform.length - 1);
        }
        double[] logGraded = new double[2000];
        for (int i = 0; i < logGraded.length; i++) {
            logGraded[i] = Math.pow(10, -6 + 12.0 * i / (logGraded.length - 1));
        }
        double[] r = new double[3000];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < 1500 ? rnd.nextDouble() : 0.3 + 1e-9 * rnd.nextDouble();
        }
        Arrays.sort(r);
        double[] clustered = Arrays.stream(r).distinct().toArray();
        double[] sinh = new double[2001];
        for (int i = 0; i < sinh.length; i++) {
            sinh[i] = Math.sinh(-14 + 28.0 * i / (sinh.length - 1)) * 1e-6;
        }
        double[] nearOverflow = new double[40];
        for (int i = 0; i < nearOverflow.length; i++) {
            nearOverflow[i] = 1e308 * (-1 + 2.0 * i / (nearOverflow.length - 1));
        }
        double[] wide = new double[601];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = Math.pow(10, -300 + 600.0 * i / (wide.length - 1));
        }
        // 15 knots: no guide table (point by point); 16: the smallest spline with one
        double[] fifteen = new double[15];
        double[] sixteen = new double[16];
        for (int i = 1; i < 16; i++) {
            double w = 0.1 + rnd.nextDouble();
            if (i < 15) {
                fifteen[i] = fifteen[i - 1] + w;
            }
            sixteen[i] = sixteen[i - 1] + w;
        }
        return new double[][] {uniform, logGraded, clustered, sinh, nearOverflow, wide, {0, 1, 2}, {-1, 4},
                fifteen, sixteen};
    }

    /** A spline with random values and slopes of the size of the knots' span (so every bit of the arithmetic counts). */
    private static CubicSpline randomSpline(double[] x, SplittableRandom rnd) {
        int n = x.length;
        double[] y = new double[n];
        double[] m = new double[n];
        double span = x[n - 1] - x[0];
        double slope = Double.isFinite(span) ? 1 / span : 1e-308;
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextDouble() * 2 - 1;
            m[i] = (rnd.nextDouble() * 2 - 1) * slope;
        }
        return CubicSpline.hermite(x, y, m);
    }

    /**
     * Points of every kind inside the range: random in x and random in the knot index (so graded
     * sets get points in every interval), at the knots, just below and above them, the midpoints,
     * the ends and within the clamp slack (4 ulp of the larger end).
     */
    private static double[] points(double[] x, SplittableRandom rnd) {
        int n = x.length;
        double slack = 4 * Math.ulp(Math.max(Math.abs(x[0]), Math.abs(x[n - 1])));
        double[] pts = new double[3000 + 4 * n + 8];
        int c = 0;
        for (int k = 0; k < 1500; k++) {
            double r = rnd.nextDouble();
            pts[c++] = Math.max(x[0], Math.min(x[n - 1], x[0] * (1 - r) + x[n - 1] * r));
            int i = rnd.nextInt(n - 1);
            pts[c++] = x[i] + rnd.nextDouble() * (x[i + 1] - x[i]);
        }
        for (int i = 0; i < n; i++) {
            pts[c++] = x[i];
            pts[c++] = Math.nextDown(x[i]);
            pts[c++] = Math.nextUp(x[i]);
            pts[c++] = i + 1 < n ? x[i] + 0.5 * (x[i + 1] - x[i]) : x[i];
        }
        pts[c++] = x[0] - slack;
        pts[c++] = x[n - 1] + slack;
        pts[c++] = x[0] - slack / 2;
        pts[c++] = x[n - 1] + slack / 2;
        pts[c++] = Math.nextDown(x[0]);
        pts[c++] = Math.nextUp(x[n - 1]);
        pts[c++] = x[0];
        pts[c++] = x[n - 1];
        // shuffle (Fisher–Yates), so that neighbouring points are far apart
        for (int i = c - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            double t = pts[i];
            pts[i] = pts[j];
            pts[j] = t;
        }
        return Arrays.copyOf(pts, c);
    }

    private static void assertSameBits(CubicSpline s, double[] pts, double[] got, String what) {
        assertEquals(pts.length, got.length, what);
        for (int i = 0; i < pts.length; i++) {
            double at = pts[i];
            assertEquals(Double.doubleToRawLongBits(s.value(at)), Double.doubleToRawLongBits(got[i]),
                    () -> what + ": values differs from value at x = " + at);
        }
    }

    @Test
    void valuesEqualsValueBitForBitOnEveryKnotSet() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (double[] x : knotSets(rnd)) {
            String set = x.length + " knots on [" + x[0] + ", " + x[x.length - 1] + "]";
            CubicSpline s = randomSpline(x, rnd);
            double[] pts = points(x, rnd);
            // batch first: values builds the guide table itself
            double[] batch = s.values(pts);
            assertSameBits(s, pts, batch, set + ", shuffled points");
            double[] sorted = pts.clone();
            Arrays.sort(sorted);
            double[] out = new double[sorted.length];
            s.values(sorted, out);
            assertSameBits(s, sorted, out, set + ", sorted points");
            // lengths around the block size, and empty
            for (int len : new int[] {0, 1, 7, 31, 32, 33, 64, 65, 1000}) {
                double[] part = Arrays.copyOf(pts, Math.min(len, pts.length));
                assertSameBits(s, part, s.values(part), set + ", " + len + " points");
            }
        }
    }

    @Test
    void valuesAgreesWithAnIndependentHermiteEvaluation() {
        // interval by Arrays.binarySearch and the textbook Hermite basis, written here
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] sets = knotSets(rnd);
        for (double[] x : new double[][] {sets[0], sets[1], sets[2], sets[3]}) {
            int n = x.length;
            double[] y = new double[n];
            double[] m = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = rnd.nextDouble() * 2 - 1;
                m[i] = rnd.nextDouble() * 2 - 1;
            }
            CubicSpline s = CubicSpline.hermite(x, y, m);
            double[] pts = points(x, rnd);
            double[] got = s.values(pts);
            for (int k = 0; k < pts.length; k++) {
                double v = Math.max(x[0], Math.min(x[n - 1], pts[k]));
                int b = Arrays.binarySearch(x, v);
                int i = Math.min(b >= 0 ? b : -b - 2, n - 2);
                double h = x[i + 1] - x[i];
                double t = (v - x[i]) / h;
                double want = (2 * t * t * t - 3 * t * t + 1) * y[i] + (t * t * t - 2 * t * t + t) * h * m[i]
                        + (-2 * t * t * t + 3 * t * t) * y[i + 1] + (t * t * t - t * t) * h * m[i + 1];
                double scale = Math.abs(y[i]) + Math.abs(y[i + 1]) + h * (Math.abs(m[i]) + Math.abs(m[i + 1]));
                assertEquals(want, got[k], 1e-14 * scale, "at x = " + pts[k] + " (interval " + i + ")");
            }
        }
    }

    @Test
    void aCubicIsReproducedAgainstItsClosedForm() {
        // p(x) = x³ − 2x + 1 with exact slopes: the Hermite interpolant is p itself
        int n = 5000;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -2 + 5.0 * i / (n - 1);
            y[i] = x[i] * x[i] * x[i] - 2 * x[i] + 1;
            m[i] = 3 * x[i] * x[i] - 2;
        }
        CubicSpline s = CubicSpline.hermite(x, y, m);
        SplittableRandom rnd = new SplittableRandom(23);
        double[] pts = new double[20_000];
        for (int k = 0; k < pts.length; k++) {
            pts[k] = -2 + 5 * rnd.nextDouble();
        }
        pts[0] = -2;
        pts[1] = 3;
        double[] got = s.values(pts);
        for (int k = 0; k < pts.length; k++) {
            double v = pts[k];
            double p = v * v * v - 2 * v + 1;
            assertEquals(p, got[k], 1e-12 * (1 + Math.abs(p)), "at " + v);
        }
        // the ends are knots: exact
        assertEquals(-8 + 4 + 1, got[0], 0.0);
        assertEquals(27 - 6 + 1, got[1], 0.0);
    }

    @Test
    void aPointOutsideTheRangeThrowsTheMessageOfValue() {
        SplittableRandom rnd = new SplittableRandom(29);
        double[] x = new double[500];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 + i + rnd.nextDouble() * 0.5;
        }
        CubicSpline s = randomSpline(x, rnd);
        double lo = x[0];
        double hi = x[x.length - 1];
        double slack = 4 * Math.ulp(hi);
        double[] bad = {lo - 1, hi + 1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                hi + 2 * slack, lo - 2 * slack, -0.0};
        for (double b : bad) {
            String want = "x = " + b + " is outside the spline's range [" + lo + ", " + hi + "]";
            IllegalArgumentException single = assertThrows(IllegalArgumentException.class, () -> s.value(b));
            assertEquals(want, single.getMessage());
            // in the first block, in the middle of a later one, and last
            for (int at : new int[] {0, 5, 77, 199}) {
                double[] pts = new double[200];
                for (int k = 0; k < pts.length; k++) {
                    pts[k] = lo + (hi - lo) * rnd.nextDouble();
                }
                pts[at] = b;
                double[] out = new double[pts.length];
                Arrays.fill(out, -7.5);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.values(pts, out));
                assertEquals(want, e.getMessage(), "offending point at index " + at);
                for (int k = 0; k < at; k++) {
                    assertEquals(Double.doubleToRawLongBits(s.value(pts[k])), Double.doubleToRawLongBits(out[k]),
                            "before the offending point, index " + k);
                }
                for (int k = at; k < out.length; k++) {
                    assertEquals(-7.5, out[k], 0.0, "from the offending point on, index " + k);
                }
            }
        }
    }

    @Test
    void lengthsMustMatch() {
        SplittableRandom rnd = new SplittableRandom(31);
        double[] big = new double[100];
        for (int i = 0; i < big.length; i++) {
            big[i] = i;
        }
        for (CubicSpline s : new CubicSpline[] {randomSpline(big, rnd), randomSpline(new double[] {0, 1, 2}, rnd)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.values(new double[] {0.5, 1.5, 1}, new double[2]));
            assertEquals("values: 3 points but an output array of length 2", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> s.values(new double[0], new double[1]));
            assertEquals("values: 0 points but an output array of length 1", e.getMessage());
        }
    }

    @Test
    void inPlaceEvaluationAndTheNewArrayForm() {
        SplittableRandom rnd = new SplittableRandom(37);
        double[] x = knotSets(rnd)[1];
        CubicSpline s = randomSpline(x, rnd);
        double[] pts = points(x, rnd);
        double[] want = new double[pts.length];
        for (int k = 0; k < pts.length; k++) {
            want[k] = s.value(pts[k]);
        }
        double[] fresh = s.values(pts);
        assertArrayEquals(want, fresh, 0.0);
        assertTrue(fresh != pts);
        double[] inPlace = pts.clone();
        s.values(inPlace, inPlace);
        assertArrayEquals(want, inPlace, 0.0);
        assertEquals(0, s.values(new double[0]).length);
    }
}
