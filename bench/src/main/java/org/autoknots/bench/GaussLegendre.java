package org.autoknots.bench;

/**
 * Gauss–Legendre nodes and weights on [−1, 1], computed by Newton's method on Pₙ from the
 * Chebyshev-like first guesses cos(π(i − 1/4)/(n + 1/2)), with Pₙ and Pₙ′ from the three-term
 * recurrence (Abramowitz &amp; Stegun 25.4.29; Golub &amp; Welsch 1969 for the theory). Exact for
 * polynomials of degree ≤ 2n − 1.
 */
public final class GaussLegendre {

    private final double[] nodes;
    private final double[] weights;

    /** @param n number of nodes, 1 ≤ n ≤ 200 */
    public GaussLegendre(int n) {
        if (n < 1 || n > 200) {
            throw new IllegalArgumentException("Gauss-Legendre order " + n + " must lie in [1, 200]");
        }
        nodes = new double[n];
        weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1;
                double p1 = z;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                if (n == 1) {
                    p0 = 1;
                }
                // Pn = p1, Pn-1 = p0; Pn' = n (z Pn − Pn−1)/(z² − 1)
                dp = n * (z * p1 - p0) / (z * z - 1);
                double dz = p1 / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-16) {
                    break;
                }
            }
            nodes[i] = -z;
            nodes[n - 1 - i] = z;
            double w = 2 / ((1 - z * z) * dp * dp);
            weights[i] = w;
            weights[n - 1 - i] = w;
        }
    }

    /** @return ∫ₐᵇ g on {@code panels} equal panels, this rule on each */
    public double integrate(java.util.function.DoubleUnaryOperator g, double a, double b, int panels) {
        double h = (b - a) / panels;
        double sum = 0;
        for (int p = 0; p < panels; p++) {
            double mid = a + (p + 0.5) * h;
            double s = 0;
            for (int i = 0; i < nodes.length; i++) {
                s += weights[i] * g.applyAsDouble(mid + 0.5 * h * nodes[i]);
            }
            sum += s;
        }
        return sum * 0.5 * h;
    }
}
