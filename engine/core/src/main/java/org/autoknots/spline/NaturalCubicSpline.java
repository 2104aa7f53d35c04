package org.autoknots.spline;

import org.autoknots.api.CubicSpline;
import org.autoknots.api.Spline;
import org.autoknots.api.SplineKind;

/**
 * The natural interpolating cubic spline: C², with s″ = 0 at both ends. Its error near the ends
 * is O(h²) unless f″ vanishes there; in the interior O(h⁴).
 *
 * <p>Method: the knot slopes solve the diagonally dominant tridiagonal system
 * hᵢ·mᵢ₋₁ + 2(hᵢ₋₁ + hᵢ)·mᵢ + hᵢ₋₁·mᵢ₊₁ = 3(hᵢ·δᵢ₋₁ + hᵢ₋₁·δᵢ) with the end rows 2m₀ + m₁ = 3δ₀ and
 * mₙ₋₂ + 2mₙ₋₁ = 3δₙ₋₂ (s″ = 0 at the ends), O(n) by the Thomas algorithm
 * (de Boor, <i>A Practical Guide to Splines</i>, ch. IV); the result is a
 * {@link CubicSpline#hermite cubic Hermite} spline. Two knots give the line.
 */
public final class NaturalCubicSpline implements SplineKind {

    /** The id users write: {@value}. */
    public static final String ID = "natural";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "natural cubic spline (C2, zero second derivative at both ends; de Boor 1978, ch. IV)";
    }

    @Override
    public int minKnots() {
        return 2;
    }

    @Override
    public Spline build(double[] x, double[] y) {
        int n = x.length;
        if (n != y.length || n < minKnots()) {
            CubicSpline.checkKnots(x, y, minKnots()); // throws the usual one-line message
        }
        // one forward sweep forms and eliminates each row (normalised Thomas algorithm:
        // uᵢ = upperᵢ/pivotᵢ, rᵢ = rhsᵢ′/pivotᵢ), one backward sweep substitutes; the Hermite
        // construction validates knots, values and slopes (the messages of CubicSpline.checkKnots)
        double[] u = new double[n];
        double[] m = new double[n];
        double hPrev = x[1] - x[0];
        double xPrev = x[1];
        double yPrev = y[1];
        double dPrev = (yPrev - y[0]) / hPrev;
        // first row, 2·m0 + m1 = 3δ0
        double uPrev = 0.5;
        double rPrev = 1.5 * dPrev;
        u[0] = uPrev;
        m[0] = rPrev;
        for (int i = 1; i < n - 1; i++) {
            double xi = x[i + 1];
            double yi = y[i + 1];
            double h = xi - xPrev;
            double d = (yi - yPrev) / h;
            double sum = hPrev + h; // rows scaled by the sum of their widths: O(1) coefficients
            double lam = h / sum;
            double mu = hPrev / sum;
            double pivot = 2 - lam * uPrev;
            uPrev = mu / pivot;
            rPrev = (3 * (lam * dPrev + mu * d) - lam * rPrev) / pivot;
            u[i] = uPrev;
            m[i] = rPrev;
            xPrev = xi;
            yPrev = yi;
            hPrev = h;
            dPrev = d;
        }
        // last row, m_{n-2} + 2·m_{n-1} = 3δ_{n-2}
        double mNext = (3 * dPrev - rPrev) / (2 - uPrev);
        m[n - 1] = mNext;
        for (int i = n - 2; i >= 0; i--) {
            mNext = m[i] - u[i] * mNext;
            m[i] = mNext;
        }
        return CubicSpline.hermite(x, y, m);
    }

    @Override
    public String toString() {
        return ID;
    }
}
