package org.autoknots.plugins.splines;

/**
 * Knot slopes of Akima's interpolation (H. Akima, "A new method of interpolation and smooth
 * curve fitting based on local procedures", J. ACM 17 (1970) 589–602), with the original or
 * the modified weights.
 *
 * <p>With the chord slopes mᵢ = (yᵢ₊₁ − yᵢ)/(xᵢ₊₁ − xᵢ), the slope at knot i is the weighted mean
 * tᵢ = (w₁·mᵢ₋₁ + w₂·mᵢ)/(w₁ + w₂) of the chords on its two sides, with
 * <ul>
 * <li>original (Akima 1970): w₁ = |mᵢ₊₁ − mᵢ|, w₂ = |mᵢ₋₁ − mᵢ₋₂|;</li>
 * <li>modified (C. Moler, "Makima piecewise cubic interpolation", MathWorks blog, 2019):
 *     w₁ = |mᵢ₊₁ − mᵢ| + |mᵢ₊₁ + mᵢ|/2, w₂ = |mᵢ₋₁ − mᵢ₋₂| + |mᵢ₋₁ + mᵢ₋₂|/2, which avoids
 *     the overshoot of the original where two chords on one side are equal and keeps flat runs
 *     flat.</li>
 * </ul>
 * When w₁ + w₂ = 0 the plain mean (mᵢ₋₁ + mᵢ)/2 is used. At the ends the chord slopes are
 * extended by two on each side as in Akima's paper: m₋₁ = 2m₀ − m₁, m₋₂ = 2m₋₁ − m₀ and
 * likewise on the right, which makes the method exact for quadratics on equally spaced knots
 * (as SciPy's {@code Akima1DInterpolator}; Hipparchus instead differentiates a parabola at the two
 * end knots on each side, and its "modified" weights omit the factor 1/2).
 */
final class AkimaSlopes {

    private AkimaSlopes() {
    }

    /**
     * @param x        strictly increasing knots, at least 2
     * @param y        values
     * @param modified use the modified ("makima") weights
     * @return the slope at every knot, in O(n)
     */
    static double[] slopes(double[] x, double[] y, boolean modified) {
        int n = x.length;
        double[] t = new double[n];
        if (n == 2) {
            double m = (y[1] - y[0]) / (x[1] - x[0]);
            t[0] = m;
            t[1] = m;
            return t;
        }
        // chord slopes with two extra on each side: m[k + 2] holds chord k, k = -2 .. n
        double[] m = new double[n + 3];
        for (int k = 0; k + 1 < n; k++) {
            m[k + 2] = (y[k + 1] - y[k]) / (x[k + 1] - x[k]);
        }
        m[1] = 2 * m[2] - m[3];
        m[0] = 2 * m[1] - m[2];
        m[n + 1] = 2 * m[n] - m[n - 1];
        m[n + 2] = 2 * m[n + 1] - m[n];
        for (int i = 0; i < n; i++) {
            // chords i-2, i-1, i, i+1 sit at m[i], m[i+1], m[i+2], m[i+3]
            double mm2 = m[i];
            double mm1 = m[i + 1];
            double m0 = m[i + 2];
            double mp1 = m[i + 3];
            double w1 = Math.abs(mp1 - m0);
            double w2 = Math.abs(mm1 - mm2);
            if (modified) {
                w1 += Math.abs(mp1 + m0) / 2;
                w2 += Math.abs(mm1 + mm2) / 2;
            }
            double sum = w1 + w2;
            // the weighted mean written as a convex step from mm1 towards m0: no product of two
            // slopes or weights, so chords near the double range (log knots over hundreds of
            // decades) cannot overflow
            t[i] = sum > 0 ? mm1 + (w2 / sum) * (m0 - mm1) : mm1 / 2 + m0 / 2;
        }
        return t;
    }
}
