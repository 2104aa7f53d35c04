package org.autoknots.plugins.splines;

import org.autoknots.api.CubicSpline;
import org.autoknots.api.Spline;
import org.autoknots.api.SplineKind;
import org.pf4j.Extension;

/**
 * Spline kind {@code akima}: Akima's local piecewise cubic (H. Akima, J. ACM 17 (1970)
 * 589–602). C¹, built in O(n) from local slopes (see {@link AkimaSlopes}); each slope depends
 * on the five nearest knots only, so an outlier disturbs at most its neighbourhood and there
 * are no global wiggles. Exact for quadratics on equally spaced knots; O(h²) error in general
 * (less accurate than the not-a-knot cubic on smooth data, so tabulating with it needs more
 * knots for the same tolerance).
 */
@Extension
public final class AkimaSpline implements SplineKind {

    @Override
    public String id() {
        return "akima";
    }

    @Override
    public String description() {
        return "Akima (1970) local C1 cubic: weighted chord slopes, no global wiggles";
    }

    @Override
    public int minKnots() {
        return 3;
    }

    @Override
    public Spline build(double[] x, double[] y) {
        CubicSpline.checkKnots(x, y, minKnots());
        return CubicSpline.hermite(x, y, AkimaSlopes.slopes(x, y, false));
    }
}
