package org.autoknots.spline;

/** Thomas algorithm for tridiagonal systems, in place on primitive arrays. */
final class Tridiagonal {

    private Tridiagonal() {
    }

    /**
     * Solves lower[i]·z[i−1] + diag[i]·z[i] + upper[i]·z[i+1] = rhs[i] for i = 0…n−1 by Gaussian
     * elimination without pivoting (stable for the diagonally dominant and the not-a-knot
     * systems built here; de Boor, A Practical Guide to Splines, ch. IV). Overwrites diag and rhs;
     * the solution is left in rhs.
     */
    static void solve(double[] lower, double[] diag, double[] upper, double[] rhs, int n) {
        for (int i = 1; i < n; i++) {
            double w = lower[i] / diag[i - 1];
            diag[i] -= w * upper[i - 1];
            rhs[i] -= w * rhs[i - 1];
        }
        rhs[n - 1] /= diag[n - 1];
        for (int i = n - 2; i >= 0; i--) {
            rhs[i] = (rhs[i] - upper[i] * rhs[i + 1]) / diag[i];
        }
    }
}
