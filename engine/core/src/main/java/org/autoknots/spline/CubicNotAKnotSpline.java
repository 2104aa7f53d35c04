package org.autoknots.spline;

import org.autoknots.api.CubicSpline;
import org.autoknots.api.Spline;
import org.autoknots.api.SplineKind;

/**
 * The interpolating cubic spline with not-a-knot end conditions: s is C², and the third
 * derivative is continuous at the second and the second-to-last knots, so the first two and the
 * last two intervals are each one cubic. It reproduces every cubic exactly; its error is
 * O(h⁴·|f⁗|). The kind AutoKnots uses (Vitenti &amp; Penna-Lima, arXiv:2412.13423).
 *
 * <p>Method: the knot slopes mᵢ solve the tridiagonal system
 * hᵢ·mᵢ₋₁ + 2(hᵢ₋₁ + hᵢ)·mᵢ + hᵢ₋₁·mᵢ₊₁ = 3(hᵢ·δᵢ₋₁ + hᵢ₋₁·δᵢ) (δ the divided differences), closed
 * by the two not-a-knot rows, solved by elimination without pivoting in O(n) as in
 * C. de Boor, <i>A Practical Guide to Splines</i> (Springer 1978/2001), ch. IV (CUBSPL); the result
 * is a {@link CubicSpline#hermite cubic Hermite} spline. Two knots give the line, three the parabola.
 */
public final class CubicNotAKnotSpline implements SplineKind {

    /** The id users write: {@value}. */
    public static final String ID = "not-a-knot";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "cubic spline with not-a-knot ends (C2, exact for cubics; de Boor 1978, ch. IV)";
    }

    @Override
    public int minKnots() {
        return 2;
    }

    @Override
    public Spline build(double[] x, double[] y) {
        CubicSpline.checkKnots(x, y, minKnots());
        return CubicSpline.hermite(x, y, slopes(x, y));
    }

    /** The knot slopes of the not-a-knot spline; x and y are assumed valid. */
    static double[] slopes(double[] x, double[] y) {
        int n = x.length;
        double[] m = new double[n];
        if (n == 2) {
            double s = (y[1] - y[0]) / (x[1] - x[0]);
            m[0] = s;
            m[1] = s;
            return m;
        }
        if (n == 3) {
            double h0 = x[1] - x[0];
            double h1 = x[2] - x[1];
            double d0 = (y[1] - y[0]) / h0;
            double d1 = (y[2] - y[1]) / h1;
            double c2 = (d1 - d0) / (h0 + h1);
            m[0] = d0 - c2 * h0;
            m[1] = d0 + c2 * h0;
            m[2] = d1 + c2 * h1;
            return m;
        }
        double[] lower = new double[n];
        double[] diag = new double[n];
        double[] upper = new double[n];
        double[] rhs = m;
        double hPrev = x[1] - x[0];
        double dPrev = (y[1] - y[0]) / hPrev;
        double h1 = x[2] - x[1];
        double d1 = (y[2] - y[1]) / h1;
        // first row: h1·m0 + (h0 + h1)·m1 = ((h0 + 2(h0+h1))·h1·δ0 + h0²·δ1)/(h0 + h1)
        double span = hPrev + h1;
        diag[0] = h1;
        upper[0] = span;
        rhs[0] = ((hPrev + 2 * span) * h1 * dPrev + hPrev * hPrev * d1) / span;
        for (int i = 1; i < n - 1; i++) {
            double h = x[i + 1] - x[i];
            double d = (y[i + 1] - y[i]) / h;
            lower[i] = h;
            diag[i] = 2 * (hPrev + h);
            upper[i] = hPrev;
            rhs[i] = 3 * (h * dPrev + hPrev * d);
            hPrev = h;
            dPrev = d;
        }
        // last row: (h_{n-3} + h_{n-2})·m_{n-2} + h_{n-3}·m_{n-1}
        //           = (h_{n-2}²·δ_{n-3} + (2(h_{n-3}+h_{n-2}) + h_{n-2})·h_{n-3}·δ_{n-2})/(h_{n-3} + h_{n-2})
        double hl = x[n - 1] - x[n - 2];
        double hm = x[n - 2] - x[n - 3];
        double dl = (y[n - 1] - y[n - 2]) / hl;
        double dm = (y[n - 2] - y[n - 3]) / hm;
        double spanEnd = hm + hl;
        lower[n - 1] = spanEnd;
        diag[n - 1] = hm;
        rhs[n - 1] = (hl * hl * dm + (2 * spanEnd + hl) * hm * dl) / spanEnd;
        Tridiagonal.solve(lower, diag, upper, rhs, n);
        return m;
    }

    @Override
    public String toString() {
        return ID;
    }
}
