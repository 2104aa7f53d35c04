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
 * by the two not-a-knot rows, solved by elimination without pivoting in O(n) (one forward sweep
 * that forms and eliminates each row, one backward substitution) as in
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
        if (x.length != y.length || x.length < minKnots()) {
            CubicSpline.checkKnots(x, y, minKnots()); // throws the usual one-line message
        }
        // the slopes need only equal lengths and n ≥ 2; the Hermite construction validates the
        // knots, values and slopes in its single pass (the messages of CubicSpline.checkKnots)
        return CubicSpline.hermite(x, y, slopes(x, y));
    }

    /**
     * The knot slopes of the not-a-knot spline; x and y are assumed valid. One forward sweep
     * forms each row and eliminates it at once (Thomas algorithm in its normalised form:
     * uᵢ = upperᵢ/pivotᵢ, rᵢ = rhsᵢ′/pivotᵢ), one backward sweep substitutes; no row arrays.
     */
    static double[] slopes(double[] x, double[] y) {
        return slopes(x, y, new double[x.length]);
    }

    /**
     * {@link #slopes(double[], double[])} with the caller's work array for the elimination's uᵢ
     * (length ≥ n, contents ignored; the engine reuses one between passes). Same values.
     *
     * @return the slopes, a new array of length n
     */
    public static double[] slopes(double[] x, double[] y, double[] work) {
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
        double[] u = work;
        double[] r = m;
        double hPrev = x[1] - x[0];
        double yPrev = y[1];
        double dPrev = (yPrev - y[0]) / hPrev;
        double h1 = x[2] - x[1];
        double d1 = (y[2] - yPrev) / h1;
        // first row, h1·m0 + (h0 + h1)·m1 = ((h0 + 2(h0+h1))·h1·δ0 + h0²·δ1)/(h0 + h1), over (h0 + h1):
        // q0·m0 + m1 = rhs0
        double span = hPrev + h1;
        double r0 = hPrev / span;
        double q0 = h1 / span;
        double uPrev = 1 / q0;
        double rPrev = ((r0 + 2) * q0 * dPrev + r0 * r0 * d1) / q0;
        u[0] = uPrev;
        r[0] = rPrev;
        double xPrev = x[1];
        // interior rows, λᵢ·mᵢ₋₁ + 2·mᵢ + μᵢ·mᵢ₊₁ = 3(λᵢ·δᵢ₋₁ + μᵢ·δᵢ)
        for (int i = 1; i < n - 1; i++) {
            double xi = x[i + 1];
            double yi = y[i + 1];
            double h = xi - xPrev;
            double d = (yi - yPrev) / h;
            double sum = hPrev + h;
            double lam = h / sum;
            double mu = hPrev / sum;
            double pivot = 2 - lam * uPrev;
            uPrev = mu / pivot;
            rPrev = (3 * (lam * dPrev + mu * d) - lam * rPrev) / pivot;
            u[i] = uPrev;
            r[i] = rPrev;
            xPrev = xi;
            yPrev = yi;
            hPrev = h;
            dPrev = d;
        }
        // last row, (h_{n-3} + h_{n-2})·m_{n-2} + h_{n-3}·m_{n-1}
        //   = (h_{n-2}²·δ_{n-3} + (2(h_{n-3}+h_{n-2}) + h_{n-2})·h_{n-3}·δ_{n-2})/(h_{n-3} + h_{n-2}), over the span:
        // m_{n-2} + ql·m_{n-1} = rhs
        double hl = x[n - 1] - x[n - 2];
        double hm = x[n - 2] - x[n - 3];
        double dl = (y[n - 1] - y[n - 2]) / hl;
        double dm = (y[n - 2] - y[n - 3]) / hm;
        double spanEnd = hm + hl;
        double rl = hl / spanEnd;
        double ql = hm / spanEnd;
        double mNext = (rl * rl * dm + (2 + rl) * ql * dl - rPrev) / (ql - uPrev);
        r[n - 1] = mNext;
        for (int i = n - 2; i >= 0; i--) {
            mNext = r[i] - u[i] * mNext;
            m[i] = mNext;
        }
        return m;
    }

    @Override
    public String toString() {
        return ID;
    }
}
