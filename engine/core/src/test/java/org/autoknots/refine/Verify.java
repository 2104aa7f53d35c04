package org.autoknots.refine;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.autoknots.api.Spline;

/**
 * Independent check of a tabulation: |s − f| ≤ abs + rel·|f| on a dense jittered grid (uniform in
 * ln x for log ranges), not on knots or midpoints.
 */
final class Verify {

    private Verify() {
    }

    /** Worst |s − f|/(abs + rel·|f|) with its location. */
    record Outcome(double ratio, double x, int points) {
        @Override
        public String toString() {
            return "worst error/tolerance " + ratio + " at x = " + x + " over " + points + " points";
        }
    }

    static Outcome check(DoubleUnaryOperator f, Spline s, double a, double b, boolean logGrid, double rel,
            double abs, int points, long seed) {
        return check(f, s, a, b, logGrid, rel, abs, points, seed, x -> true);
    }

    static Outcome check(DoubleUnaryOperator f, Spline s, double a, double b, boolean logGrid, double rel,
            double abs, int points, long seed, java.util.function.DoublePredicate where) {
        Random rnd = new Random(seed);
        double lo = logGrid ? Math.log(a) : a;
        double hi = logGrid ? Math.log(b) : b;
        double worst = 0;
        double at = Double.NaN;
        int used = 0;
        for (int i = 0; i < points; i++) {
            double v = lo + (hi - lo) * ((i + rnd.nextDouble()) / points);
            double x = logGrid ? Math.exp(v) : v;
            x = Math.max(a, Math.min(b, x));
            if (!where.test(x)) {
                continue;
            }
            used++;
            double fx = f.applyAsDouble(x);
            double err = Math.abs(s.value(x) - fx);
            double r = err / (abs + rel * Math.abs(fx));
            if (!(r <= worst)) {
                worst = r;
                at = x;
            }
        }
        return new Outcome(worst, at, used);
    }
}
