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
 * is a {@link CubicSpline#hermite cubic Hermite} spline, built by {@link CubicSpline#notAKnot}
 * (the backward sweep writes the records directly). Two knots give the line, three the parabola.
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
        // validation (the messages of CubicSpline.checkKnots), the two sweeps and the Hermite
        // records in one construction
        return CubicSpline.notAKnot(x, y);
    }

    @Override
    public String toString() {
        return ID;
    }
}
