package org.autoknots.bench;

/**
 * Closed forms the battery needs that {@link Math} lacks, each in a plain {@code double} form
 * (the function the engine tabulates) and a {@link Jet} form (for the exact fourth derivative).
 */
public final class Functions {

    /** Half-width of the band in t = x² − 1 where the NFW Σ uses its series. */
    static final double NFW_SERIES_BAND = 0.1;
    /** Terms of the series: 0.1⁴⁰/83 is far below one ulp. */
    private static final int NFW_SERIES_TERMS = 40;

    private Functions() {
    }

    /** arccosh z for z ≥ 1: ln(z + √((z − 1)(z + 1))), and ln(2z) above 1e8 (error 1/(4z²) &lt; 1e-16). */
    public static double acosh(double z) {
        if (z > 1e8) {
            return Math.log(2.0) + Math.log(z);
        }
        return Math.log(z + Math.sqrt((z - 1.0) * (z + 1.0)));
    }

    /**
     * The NFW surface density for ρ_s = r_s = 1 (Wright &amp; Brainerd 2000, ApJ 534, 34):
     * Σ(x) = 2·(1 − X(x))/(x² − 1), X = arccosh(1/x)/√(1 − x²) below 1 and arccos(1/x)/√(x² − 1)
     * above. Within |t| &lt; 0.1 of t = x² − 1 = 0, where that form is 0/0, it uses the series
     * Σ = 2·Σₖ (−t)ᵏ/(2k + 3), which keeps the relative error near rounding across the band edge.
     *
     * @param x R/r_s &gt; 0
     */
    public static double nfwSigma(double x) {
        double t = (x - 1.0) * (x + 1.0);
        if (Math.abs(t) < NFW_SERIES_BAND) {
            double s = 0;
            for (int k = NFW_SERIES_TERMS; k >= 0; k--) {
                s = s * (-t) + 1.0 / (2 * k + 3);
            }
            return 2.0 * s;
        }
        double bigX;
        if (x < 1) {
            bigX = acosh(1.0 / x) / Math.sqrt(-t);
        } else {
            bigX = Math.acos(1.0 / x) / Math.sqrt(t);
        }
        return 2.0 * (1.0 - bigX) / t;
    }

    /** {@link #nfwSigma(double)} on a jet (same branches). */
    public static Jet nfwSigma(Jet x) {
        Jet t = x.add(-1.0).multiply(x.add(1.0));
        if (Math.abs(t.value()) < NFW_SERIES_BAND) {
            Jet mt = t.negate();
            Jet s = Jet.constant(0);
            for (int k = NFW_SERIES_TERMS; k >= 0; k--) {
                s = s.multiply(mt).add(1.0 / (2 * k + 3));
            }
            return s.multiply(2.0);
        }
        Jet bigX;
        Jet inv = x.reciprocal(1.0);
        if (x.value() < 1) {
            bigX = inv.acosh().divide(t.negate().sqrt());
        } else {
            bigX = inv.acos().divide(t.sqrt());
        }
        return Jet.constant(1.0).subtract(bigX).multiply(2.0).divide(t);
    }
}
