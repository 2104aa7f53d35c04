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
 * hᵢ·mᵢ₋₁ + 2(hᵢ₋₁ + hᵢ)·mᵢ + hᵢ₋₁·mᵢ₊₁ = 3(hᵢ·δᵢ₋₁ + hᵢ₋₁·δᵢ) (δ the divided differences; each row divided
 * by hᵢ₋₁ + hᵢ so that knots over hundreds of decades do not overflow), closed
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
        // every row is divided by the sum of its two widths, so the coefficients are O(1) and no
        // product of widths is formed: knots over hundreds of decades neither overflow nor underflow
        double[] lower = new double[n];
        double[] diag = new double[n];
        double[] upper = new double[n];
        double[] rhs = m;
        double hPrev = x[1] - x[0];
        double dPrev = (y[1] - y[0]) / hPrev;
        double h1 = x[2] - x[1];
        double d1 = (y[2] - y[1]) / h1;
        // first row, h1·m0 + (h0 + h1)·m1 = ((h0 + 2(h0+h1))·h1·δ0 + h0²·δ1)/(h0 + h1), over (h0 + h1)
        double span = hPrev + h1;
        double r0 = hPrev / span;
        double q0 = h1 / span;
        diag[0] = q0;
        upper[0] = 1;
        rhs[0] = (r0 + 2) * q0 * dPrev + r0 * r0 * d1;
        for (int i = 1; i < n - 1; i++) {
            double h = x[i + 1] - x[i];
            double d = (y[i + 1] - y[i]) / h;
            double sum = hPrev + h;
            double lam = h / sum;
            double mu = hPrev / sum;
            lower[i] = lam;
            diag[i] = 2;
            upper[i] = mu;
            rhs[i] = 3 * (lam * dPrev + mu * d);
            hPrev = h;
            dPrev = d;
        }
        // last row, (h_{n-3} + h_{n-2})·m_{n-2} + h_{n-3}·m_{n-1}
        //   = (h_{n-2}²·δ_{n-3} + (2(h_{n-3}+h_{n-2}) + h_{n-2})·h_{n-3}·δ_{n-2})/(h_{n-3} + h_{n-2}), over the span
        double hl = x[n - 1] - x[n - 2];
        double hm = x[n - 2] - x[n - 3];
        double dl = (y[n - 1] - y[n - 2]) / hl;
        double dm = (y[n - 2] - y[n - 3]) / hm;
        double spanEnd = hm + hl;
        double rl = hl / spanEnd;
        double ql = hm / spanEnd;
        lower[n - 1] = 1;
        diag[n - 1] = ql;
        rhs[n - 1] = rl * rl * dm + (2 + rl) * ql * dl;
        Tridiagonal.solve(lower, diag, upper, rhs, n);
        return m;
    }

    @Override
    public String toString() {
        return ID;
    }
}
