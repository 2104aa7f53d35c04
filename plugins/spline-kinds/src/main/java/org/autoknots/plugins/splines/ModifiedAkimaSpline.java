package org.autoknots.plugins.splines;

import org.autoknots.api.CubicSpline;
import org.autoknots.api.Spline;
import org.autoknots.api.SplineKind;
import org.pf4j.Extension;

/**
 * Spline kind {@code akima-modified}: Akima's cubic with the modified weights of "makima"
 * (C. Moler, "Makima piecewise cubic interpolation", Cleve's Corner, MathWorks blog, 2019):
 * w = |Δm| + |Σm|/2 instead of |Δm|, which removes the overshoot of the original where two
 * adjacent chords are equal and keeps runs of equal values flat. See {@link AkimaSlopes}.
 */
@Extension
public final class ModifiedAkimaSpline implements SplineKind {

    @Override
    public String id() {
        return "akima-modified";
    }

    @Override
    public String description() {
        return "modified Akima cubic ('makima', Moler 2019): Akima (1970) with weights |dm| + |m1 + m2|/2";
    }

    @Override
    public int minKnots() {
        return 3;
    }

    @Override
    public Spline build(double[] x, double[] y) {
        CubicSpline.checkKnots(x, y, minKnots());
        return CubicSpline.hermite(x, y, AkimaSlopes.slopes(x, y, true));
    }
}
