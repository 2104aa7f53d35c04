package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    /** Errors of a smooth error curve with one spike, on n log-spaced abscissae. */
    private static double[][] errors(int n, int spike) {
        double[] x = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.pow(10, -4 + 8.0 * i / (n - 1));
            r[i] = 1e-9 * (1.5 + Math.sin(0.37 * i));
        }
        r[spike] = 3e-7;
        return new double[][] {x, r};
    }

    @Test
    void envelopeIsSmallKeepsTheWorstPointAndOnlyInputPoints() {
        int n = 1_000_003;
        double[][] e = errors(n, 123_457);
        double[][] env = Plots.envelope(e[0], e[1], true, 200);
        assertTrue(env[0].length <= 200 && env[0].length >= 190, () -> "points: " + env[0].length);
        assertEquals(3e-7, Arrays.stream(env[1]).max().orElseThrow(), 0.0);
        int worst = 0;
        for (int i = 1; i < env[1].length; i++) {
            worst = env[1][i] > env[1][worst] ? i : worst;
        }
        assertEquals(e[0][123_457], env[0][worst], 0.0);
        // every plotted point is a compared point, abscissae increasing
        for (int i = 0; i < env[0].length; i++) {
            int at = Arrays.binarySearch(e[0], env[0][i]);
            assertTrue(at >= 0, "not an input abscissa: " + env[0][i]);
            assertEquals(e[1][at], env[1][i], 0.0);
            assertTrue(i == 0 || env[0][i] > env[0][i - 1]);
        }
        // in each bin the largest error is kept: nothing above the envelope is lost between points
        double bins = 200;
        for (int i = 0; i < n; i += 997) {
            int bin = (int) Math.min(bins - 1, Math.floor((Math.log(e[0][i]) - Math.log(e[0][0]))
                    / ((Math.log(e[0][n - 1]) - Math.log(e[0][0])) / bins)));
            double lo = Math.exp(Math.log(e[0][0]) + bin * (Math.log(e[0][n - 1]) - Math.log(e[0][0])) / bins);
            double hi = Math.exp(Math.log(e[0][0]) + (bin + 1) * (Math.log(e[0][n - 1]) - Math.log(e[0][0])) / bins);
            double best = 0;
            for (int k = 0; k < env[0].length; k++) {
                if (env[0][k] >= lo * (1 - 1e-12) && env[0][k] <= hi * (1 + 1e-12)) {
                    best = Math.max(best, env[1][k]);
                }
            }
            assertTrue(best >= e[1][i], "bin " + bin + " lost the error at x = " + e[0][i]);
        }
    }

    @Test
    void thinnedKnotsKeepTheEndsAndTheExtremes() {
        int n = 10_001;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i * 0.001);
        }
        y[4321] = 50;
        y[777] = -50;
        double[][] t = Plots.thinKnots(x, y, 67);
        assertTrue(t[0].length <= n / 67 + 4, () -> "kept " + t[0].length);
        assertEquals(0.0, t[0][0], 0.0);
        assertEquals(n - 1.0, t[0][t[0].length - 1], 0.0);
        assertTrue(Arrays.stream(t[0]).anyMatch(v -> v == 4321.0) && Arrays.stream(t[0]).anyMatch(v -> v == 777.0));
        assertEquals(n, Plots.thinKnots(x, y, 1)[0].length);
    }

    @Test
    void zeroErrorsAreDrawnJustBelowTheSmallestPositiveOne() {
        assertEquals(2e-13, Plots.floor(java.util.List.of(new double[] {0, 5e-9, 2e-12}, new double[] {3e-9, 0}), 1e-7),
                1e-28);
        assertEquals(1e-10, Plots.floor(java.util.List.of(new double[] {0, 0}), 1e-7), 1e-25);
        assertEquals(1e-18, Plots.floor(java.util.List.of(new double[] {1e-30}), 1e-7), 0.0);
    }

    @Test
    void titlesAndAxisNames() {
        assertEquals("f: 12 knots, 34 evaluations - NOT converged", Plots.tableTitle("f", 12, 34, false));
        assertEquals("f: 12 knots, 34 evaluations", Plots.tableTitle("f", 12, 34, true));
        assertEquals("x", Plots.abscissa(Set.of("value")));
        assertEquals("R", Plots.abscissa(Set.of("sigma", "mean_sigma")));
    }

    @Test
    void aValidationOfAMillionPointsIsPlotted(@TempDir Path dir) throws IOException {
        int n = 1_000_000;
        double[][] e = errors(n, 500_000);
        Map<String, Outcomes.QuantityError> q = new LinkedHashMap<>();
        q.put("sigma", new Outcomes.QuantityError(3e-7, e[0][500_000], e[0], e[1]));
        q.put("mean_sigma", new Outcomes.QuantityError(2.5e-9, e[0][3], e[0], Arrays.stream(e[1]).map(v -> v / 200).toArray()));
        Outcomes.Validation v = new Outcomes.Validation("sigma", "analytic", 1e-7, n, 0, false, q);
        Path png = Plots.validation(dir, "check", v, true);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(900, img.getWidth());
        assertEquals(600, img.getHeight());
    }
}
