package org.autoknots.bench;

import java.util.SplittableRandom;
import org.autoknots.api.RealFunction;
import org.autoknots.api.Spline;

/**
 * Checks a finished tabulation on an independent jittered grid: n cells of equal width in the
 * knot-scale coordinate (x, or ln x for {@code log}), one point at a uniformly random place
 * in each cell (fixed seed), so the points are neither knots nor midpoints and are not
 * aligned with any refinement pattern. At each point |s(x) − f(x)| ≤ abs + rel·|f(x)| must hold.
 */
public final class Verifier {

    /** Points of the verification grid. */
    public static final int DEFAULT_POINTS = 200_001;
    /** Seed of the jitter: fixed so the figures reproduce. */
    public static final long SEED = 0x5EED_2026_0006L;

    private Verifier() {
    }

    /**
     * @param worstRatio max over the grid of |s − f| / (abs + rel·|f|): ≤ 1 means verified
     * @param worstX where that maximum occurs
     * @param failures number of grid points where the tolerance is exceeded
     * @param points number of grid points
     */
    public record Verification(double worstRatio, double worstX, int failures, int points) {
        /** @return true when every grid point is within tolerance */
        public boolean passed() {
            return failures == 0 && worstRatio <= 1.0;
        }
    }

    /** Verifies on {@link #DEFAULT_POINTS} points. */
    public static Verification verify(BenchCase c, Spline s) {
        return verify(c, c.f(), s, DEFAULT_POINTS);
    }

    /**
     * @param c the case (range, scale, tolerance)
     * @param f the exact function
     * @param s the spline to check
     * @param points grid points
     */
    public static Verification verify(BenchCase c, RealFunction f, Spline s, int points) {
        double lo = c.log() ? Math.log(c.a()) : c.a();
        double hi = c.log() ? Math.log(c.b()) : c.b();
        double h = (hi - lo) / points;
        SplittableRandom rnd = new SplittableRandom(SEED);
        double worst = 0;
        double worstX = Double.NaN;
        int failures = 0;
        for (int i = 0; i < points; i++) {
            double u = lo + (i + rnd.nextDouble()) * h;
            double x = c.log() ? Math.exp(u) : u;
            x = Math.max(c.a(), Math.min(c.b(), x));
            double y = f.value(x);
            double ratio = Math.abs(s.value(x) - y) / c.tolerance(y);
            if (!(ratio <= 1.0)) {
                failures++;
            }
            if (!(ratio <= worst)) {
                worst = ratio;
                worstX = x;
            }
        }
        return new Verification(worst, worstX, failures, points);
    }
}
