package org.autoknots.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The guide-table interval search agrees with a plain binary search on every kind of knot set. */
class CubicSplineSearchTest {

    /** The reference: largest i ≤ n − 2 with xᵢ ≤ v, by binary search. */
    private static int reference(double[] x, double v) {
        int k = Arrays.binarySearch(x, v);
        return Math.min(k >= 0 ? k : -k - 2, x.length - 2);
    }

    private static CubicSpline spline(double[] x) {
        return CubicSpline.hermite(x, new double[x.length], new double[x.length]);
    }

    private static void check(double[] x, SplittableRandom rnd) {
        CubicSpline s = spline(x);
        int n = x.length;
        for (int i = 0; i < n; i++) {
            assertEquals(reference(x, x[i]), s.interval(x[i]), "at knot " + i);
            if (i + 1 < n) {
                double mid = x[i] + 0.5 * (x[i + 1] - x[i]);
                assertEquals(i, s.interval(mid), "inside interval " + i);
                assertEquals(i, s.interval(Math.nextDown(x[i + 1])), "just below knot " + (i + 1));
            }
        }
        for (int k = 0; k < 20_000; k++) {
            double r = rnd.nextDouble();
            double v = Math.max(x[0], Math.min(x[n - 1], x[0] * (1 - r) + x[n - 1] * r));
            assertEquals(reference(x, v), s.interval(v), "at " + v);
        }
    }

    @Test
    void uniformGradedClusteredAndTinyKnotSets() {
        SplittableRandom rnd = new SplittableRandom(7);
        // uniform
        double[] u = new double[1001];
        for (int i = 0; i < u.length; i++) {
            u[i] = -3 + 6.0 * i / (u.length - 1);
        }
        check(u, rnd);
        // log-graded over 12 decades: most knots in the first bucket
        double[] g = new double[2000];
        for (int i = 0; i < g.length; i++) {
            g[i] = Math.pow(10, -6 + 12.0 * i / (g.length - 1));
        }
        check(g, rnd);
        // random, with a dense cluster
        double[] r = new double[3000];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < 1500 ? rnd.nextDouble() : 0.3 + 1e-9 * rnd.nextDouble();
        }
        Arrays.sort(r);
        check(Arrays.stream(r).distinct().toArray(), rnd);
        // graded over decades on both sides of 0 (asinh-like), crossing −0.0/+0.0
        double[] sym = new double[2001];
        for (int i = 0; i < sym.length; i++) {
            double w = -14 + 28.0 * i / (sym.length - 1);
            sym[i] = Math.sinh(w) * 1e-6;
        }
        check(sym, rnd);
        // few knots, and a range near the double limit
        check(new double[] {0, 1, 2}, rnd);
        double[] big = new double[40];
        for (int i = 0; i < big.length; i++) {
            big[i] = 1e308 * (-1 + 2.0 * i / (big.length - 1));
        }
        check(big, rnd);
    }

    @Test
    void valueUsesTheRightPiece() {
        // s(x) = x² through knots 0 … 2 with exact slopes 2x: cubic Hermite reproduces x² exactly
        int n = 101;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2.0 * i / (n - 1);
            y[i] = x[i] * x[i];
            m[i] = 2 * x[i];
        }
        CubicSpline s = CubicSpline.hermite(x, y, m);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int k = 0; k < 1000; k++) {
            double v = 2 * rnd.nextDouble();
            assertEquals(v * v, s.value(v), 1e-13);
        }
    }
}
