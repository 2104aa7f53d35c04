package org.autoknots.plugins.splines;

import org.autoknots.api.CubicSpline;
import org.autoknots.api.Spline;
import org.autoknots.api.SplineKind;
import org.pf4j.Extension;

/**
 * Spline kind {@code steffen}: Steffen's monotone cubic (M. Steffen, "A simple method for
 * monotonic interpolation in one dimension", Astron. Astrophys. 239 (1990) 443–450).
 *
 * <p>With hᵢ = xᵢ₊₁ − xᵢ and chord slopes sᵢ, the slope at an interior knot is
 * yᵢ′ = (sign sᵢ₋₁ + sign sᵢ)·min(|sᵢ₋₁|, |sᵢ|, |pᵢ|/2), where
 * pᵢ = (sᵢ₋₁hᵢ + sᵢhᵢ₋₁)/(hᵢ₋₁ + hᵢ) is the slope of the parabola through the three knots
 * (eq. 11 of the paper). At the ends the parabola through the first (last) three knots gives p₀,
 * which is limited as in eqs. 26–27: y₀′ = 0 when p₀s₀ ≤ 0, 2s₀ when |p₀| &gt; 2|s₀|, p₀
 * otherwise. The result is C¹ and has no extrema other than at the knots: on every interval the
 * cubic stays between its two end values (no overshoot), and monotone data give a monotone
 * curve. The error is O(h²) near extrema (where slopes are clipped) and O(h³) elsewhere.
 */
@Extension
public final class SteffenSpline implements SplineKind {

    @Override
    public String id() {
        return "steffen";
    }

    @Override
    public String description() {
        return "Steffen (1990) monotone cubic: no overshoot, no extrema between knots";
    }

    @Override
    public int minKnots() {
        return 3;
    }

    @Override
    public Spline build(double[] x, double[] y) {
        CubicSpline.checkKnots(x, y, minKnots());
        return CubicSpline.hermite(x, y, slopes(x, y));
    }

    /** @return Steffen's knot slopes, in O(n); at least 2 knots */
    static double[] slopes(double[] x, double[] y) {
        int n = x.length;
        double[] t = new double[n];
        double[] h = new double[n - 1];
        double[] s = new double[n - 1];
        for (int i = 0; i + 1 < n; i++) {
            h[i] = x[i + 1] - x[i];
            s[i] = (y[i + 1] - y[i]) / h[i];
        }
        if (n == 2) {
            t[0] = s[0];
            t[1] = s[0];
            return t;
        }
        for (int i = 1; i + 1 < n; i++) {
            double p = (s[i - 1] * h[i] + s[i] * h[i - 1]) / (h[i - 1] + h[i]);
            double limit = Math.min(Math.min(Math.abs(s[i - 1]), Math.abs(s[i])), 0.5 * Math.abs(p));
            t[i] = (Math.signum(s[i - 1]) + Math.signum(s[i])) * limit;
        }
        double p0 = s[0] * (1 + h[0] / (h[0] + h[1])) - s[1] * h[0] / (h[0] + h[1]);
        t[0] = endSlope(p0, s[0]);
        int last = n - 2;
        double pn = s[last] * (1 + h[last] / (h[last] + h[last - 1])) - s[last - 1] * h[last] / (h[last] + h[last - 1]);
        t[n - 1] = endSlope(pn, s[last]);
        return t;
    }

    private static double endSlope(double p, double s) {
        if (p * s <= 0) {
            return 0.0;
        }
        if (Math.abs(p) > 2 * Math.abs(s)) {
            return 2 * s;
        }
        return p;
    }
}
