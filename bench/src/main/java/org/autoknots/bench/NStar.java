package org.autoknots.bench;

/**
 * The asymptotic lower bound on the knots of a cubic spline meeting a tolerance:
 * N* = ∫ₐᵇ (5·|f⁗(x)| / (384·(abs + rel·|f(x)|)))^(1/4) dx.
 *
 * <p>Why: on an interval of width h a cubic spline with well-graded knots errs by about
 * (5/384)·h⁴·|f⁗| (the error constant of the clamped cubic interpolant, de Boor, <i>A Practical
 * Guide to Splines</i>, ch. V); requiring that to equal the local tolerance gives the local
 * spacing h(x), and N* = ∫ dx/h(x) counts the intervals. f⁗ comes exact from {@link Jet}
 * arithmetic. The integrand has integrable |x − x₀|^(1/4) cusps at the zeros of f⁗, so the rule
 * is a plain composite midpoint rule on many points (its error at a cusp is O(h^(5/4))).
 * For the {@code log} scale the integral is taken over u = ln x with the Jacobian dx = x·du,
 * which only changes where the points fall: N* does not depend on the knot scale.
 */
public final class NStar {

    /** Default number of midpoint-rule points. */
    public static final int DEFAULT_POINTS = 400_000;

    private NStar() {
    }

    /** @return the local knot density (5·|f⁗|/(384·tol))^(1/4) at x, per unit x */
    public static double density(BenchCase c, double x) {
        Jet j = c.jet().apply(Jet.variable(x));
        double f4 = Math.abs(j.derivative(4));
        return Math.pow(5.0 * f4 / (384.0 * c.tolerance(j.value())), 0.25);
    }

    /** @return N* with {@link #DEFAULT_POINTS} points, NaN when the case has no f⁗ (a kink) */
    public static double of(BenchCase c) {
        return of(c, DEFAULT_POINTS);
    }

    /** @return N* by the composite midpoint rule on {@code points} points, NaN for a kink */
    public static double of(BenchCase c, int points) {
        if (c.jet() == null) {
            return Double.NaN;
        }
        double lo = c.log() ? Math.log(c.a()) : c.a();
        double hi = c.log() ? Math.log(c.b()) : c.b();
        double h = (hi - lo) / points;
        double sum = 0;
        for (int i = 0; i < points; i++) {
            double u = lo + (i + 0.5) * h;
            if (c.log()) {
                double x = Math.exp(u);
                sum += density(c, x) * x;
            } else {
                sum += density(c, u);
            }
        }
        return sum * h;
    }
}
