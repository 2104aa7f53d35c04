package org.autoknots.plugins.splines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.autoknots.api.CubicSpline;
import org.autoknots.api.Spline;
import org.autoknots.api.SplineKind;
import org.hipparchus.analysis.interpolation.AkimaSplineInterpolator;
import org.hipparchus.analysis.polynomials.PolynomialSplineFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests {@link AkimaSpline} and {@link ModifiedAkimaSpline} (they share {@link AkimaSlopes}). */
class AkimaSplineTest {

    private static SplineKind kind(boolean modified) {
        return modified ? new ModifiedAkimaSpline() : new AkimaSpline();
    }

    /** Random knots with uneven gaps and random values. */
    static double[][] randomData(Random rnd, int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        x[0] = rnd.nextDouble() * 4 - 2;
        for (int i = 1; i < n; i++) {
            x[i] = x[i - 1] + 0.05 + rnd.nextDouble() * 1.5;
        }
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextGaussian() * 3;
        }
        return new double[][] {x, y};
    }

    /**
     * Hipparchus computes the slopes of the first two and last two knots from a parabola instead
     * of Akima's chord extension, so the two agree on the intervals [x₂, xₙ₋₃]; there they must
     * agree to rounding. (Hipparchus's "modified weights" are |Δm| + |Σm|, not Moler's
     * |Δm| + |Σm|/2, so the modified kind is checked against SciPy's makima instead.)
     */
    @Test
    void agreesWithHipparchusOnRandomData() {
        Random rnd = new Random(20261203L);
        int compared = 0;
        for (int trial = 0; trial < 40; trial++) {
            int n = 7 + rnd.nextInt(40);
            double[][] d = randomData(rnd, n);
            double[] x = d[0];
            double[] y = d[1];
            Spline ours = new AkimaSpline().build(x, y);
            PolynomialSplineFunction reference = new AkimaSplineInterpolator().interpolate(x, y);
            PolynomialSplineFunction referenceSlope = reference.polynomialSplineDerivative();
            double scale = 0;
            for (double v : y) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 2; i < n - 3; i++) {
                for (int k = 0; k <= 16; k++) {
                    double xv = x[i] + (x[i + 1] - x[i]) * k / 16.0;
                    xv = Math.min(xv, x[i + 1]);
                    assertEquals(reference.value(xv), ours.value(xv), 1e-12 * scale,
                            "trial " + trial + ", interval " + i + ", x = " + xv);
                    assertEquals(referenceSlope.value(xv), ours.derivative(xv), 1e-10 * scale,
                            "slope, trial " + trial + ", x = " + xv);
                    compared++;
                }
            }
        }
        assertTrue(compared > 5000, "compared " + compared);
    }

    /** Knot slopes, ends included, against SciPy's Akima1DInterpolator (akima-reference.py). */
    @Test
    void knotSlopesMatchScipyReference() throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/akima-reference.csv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] f = line.split(",");
                    double[] r = new double[f.length];
                    for (int j = 0; j < f.length; j++) {
                        r[j] = Double.parseDouble(f[j]);
                    }
                    rows.add(r);
                }
            }
        }
        int n = rows.size();
        assertEquals(10, n);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rows.get(i)[0];
            y[i] = rows.get(i)[1];
        }
        Spline akima = new AkimaSpline().build(x, y);
        Spline makima = new ModifiedAkimaSpline().build(x, y);
        for (int i = 0; i < n; i++) {
            assertEquals(rows.get(i)[2], akima.derivative(x[i]), 1e-13, "akima slope at x = " + x[i]);
            assertEquals(rows.get(i)[3], makima.derivative(x[i]), 1e-13, "makima slope at x = " + x[i]);
            assertEquals(y[i], akima.value(x[i]), 1e-15);
        }
    }

    @Test
    void originalAkimaIsExactForQuadraticsOnEvenKnots() {
        int n = 11;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -1 + 0.3 * i;
            y[i] = 2 - 3 * x[i] + 1.5 * x[i] * x[i];
        }
        Spline s = new AkimaSpline().build(x, y);
        for (int k = 0; k <= 300; k++) {
            double xv = Math.min(x[0] + (x[n - 1] - x[0]) * k / 300.0, x[n - 1]);
            assertEquals(2 - 3 * xv + 1.5 * xv * xv, s.value(xv), 1e-13, "x = " + xv);
        }
        // exact integral of the quadratic over the whole range
        double a = x[0];
        double b = x[n - 1];
        double exact = 2 * (b - a) - 1.5 * (b * b - a * a) + 0.5 * (b * b * b - a * a * a);
        assertEquals(exact, s.integral(a, b), 1e-12);
    }

    @ParameterizedTest(name = "modified = {0}")
    @ValueSource(booleans = {false, true})
    void reproducesStraightLinesOnUnevenKnots(boolean modified) {
        double[][] d = randomData(new Random(7), 15);
        double[] x = d[0];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 0.75 * x[i] - 4;
        }
        Spline s = kind(modified).build(x, y);
        for (int i = 0; i + 1 < x.length; i++) {
            double xv = 0.37 * x[i] + 0.63 * x[i + 1];
            assertEquals(0.75 * xv - 4, s.value(xv), 1e-12);
            assertEquals(0.75, s.derivative(xv), 1e-12);
        }
    }

    @ParameterizedTest(name = "modified = {0}")
    @ValueSource(booleans = {false, true})
    void aFlatRunStaysFlat(boolean modified) {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
        double[] y = {3, -1, 2, 2, 2, 2, 5, 4};
        Spline s = kind(modified).build(x, y);
        // the interval [3, 4] lies inside a run of four equal values
        for (int k = 0; k <= 20; k++) {
            assertEquals(2.0, s.value(3 + k / 20.0), 1e-15);
        }
    }

    @Test
    void modifiedWeightsDoNotOvershootWhereOriginalDoes() {
        // Akima's weights vanish on both sides of x = 3 (two equal chords on each side): the
        // original falls back to the mean slope and overshoots the value 1 on [3, 4];
        // the modified weights give slope 0 there
        double[] x = {0, 1, 2, 3, 4, 5, 6};
        double[] y = {-2, -1, 0, 1, 1, 1, 1};
        double maxOriginal = Double.NEGATIVE_INFINITY;
        double maxModified = Double.NEGATIVE_INFINITY;
        Spline original = new AkimaSpline().build(x, y);
        Spline modified = new ModifiedAkimaSpline().build(x, y);
        for (int k = 0; k <= 100; k++) {
            double xv = 3 + k / 100.0;
            maxOriginal = Math.max(maxOriginal, original.value(xv));
            maxModified = Math.max(maxModified, modified.value(xv));
        }
        assertTrue(maxOriginal > 1.01, "original Akima overshoots: max " + maxOriginal);
        assertEquals(1.0, maxModified, 1e-15);
    }

    @Test
    void tooFewKnotsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AkimaSpline().build(new double[] {0, 1}, new double[] {0, 1}));
        assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
        assertEquals("akima", new AkimaSpline().id());
        assertEquals("akima-modified", new ModifiedAkimaSpline().id());
    }

    @Test
    void buildsCubicSplines() {
        double[][] d = randomData(new Random(3), 6);
        assertTrue(new AkimaSpline().build(d[0], d[1]) instanceof CubicSpline);
    }

    /**
     * Knots spread over 600 decades (log spacing, as the engine starts ln x on [1e-300, 1e300]):
     * chord slopes near 1e182 must not overflow in the weighted mean (it threw "slope at knot 0
     * is Infinity"). The slopes and the values at knots and midpoints must be finite, and the
     * first knots (where the polynomial form loses no digits) reproduced.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void knotsOverHundredsOfDecadesDoNotOverflow(boolean modified) {
        double[] x = {1e-300, 1e-180, 1e-60, 1e60, 1e180, 1e300};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.log(x[i]);
        }
        Spline s = kind(modified).build(x, y);
        for (double slope : ((CubicSpline) s).slopes()) {
            assertTrue(Double.isFinite(slope), "finite slope " + slope);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(y[i], s.value(x[i]), 1e-12 * Math.abs(y[i]), "knot " + i);
        }
        for (int i = 0; i + 1 < x.length; i++) {
            assertTrue(Double.isFinite(s.value(x[i + 1])), "finite at knot " + (i + 1));
            double v = s.value(x[i] + 0.5 * (x[i + 1] - x[i]));
            assertTrue(Double.isFinite(v), "finite at midpoint " + i);
        }
    }
}
