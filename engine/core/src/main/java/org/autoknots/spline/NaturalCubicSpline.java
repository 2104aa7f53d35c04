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
        CubicSpline.checkKnots(x, y, minKnots());
        int n = x.length;
        double[] lower = new double[n];
        double[] diag = new double[n];
        double[] upper = new double[n];
        double[] rhs = new double[n];
        double hPrev = x[1] - x[0];
        double dPrev = (y[1] - y[0]) / hPrev;
        diag[0] = 2;
        upper[0] = 1;
        rhs[0] = 3 * dPrev;
        for (int i = 1; i < n - 1; i++) {
            double h = x[i + 1] - x[i];
            double d = (y[i + 1] - y[i]) / h;
            double sum = hPrev + h; // rows scaled by the sum of their widths: O(1) coefficients
            double lam = h / sum;
            double mu = hPrev / sum;
            lower[i] = lam;
            diag[i] = 2;
            upper[i] = mu;
            rhs[i] = 3 * (lam * dPrev + mu * d);
            hPrev = h;
            dPrev = d;
        }
        lower[n - 1] = 1;
        diag[n - 1] = 2;
        rhs[n - 1] = 3 * dPrev;
        Tridiagonal.solve(lower, diag, upper, rhs, n);
        return CubicSpline.hermite(x, y, rhs);
    }

    @Override
    public String toString() {
        return ID;
    }
}
