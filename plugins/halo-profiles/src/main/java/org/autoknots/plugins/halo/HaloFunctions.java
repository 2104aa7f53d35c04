package org.autoknots.plugins.halo;

/**
 * Dimensionless closed forms of the projected NFW and Hernquist profiles, written to keep a
 * relative error of a few 1e−15 for every finite argument &gt; 0.
 *
 * <p>All forms are built on the function X of Wright &amp; Brainerd (2000, ApJ 534, 34):
 * X(x) = arccosh(1/x)/√(1 − x²) for x &lt; 1, arccos(1/x)/√(x² − 1) for x &gt; 1, X(1) = 1.
 * With t = x² − 1 both branches are the one power series X = Σₖ (−t)ᵏ/(2k + 1)
 * (artanh(√−t)/√−t and arctan(√t)/√t). The forms that cancel near x = 1 are evaluated in the
 * band |t| &lt; {@value #BAND} by their series in t (64 terms, Horner), derived from that one:
 * <ul>
 * <li>(1 − X)/t = Σₖ (−t)ᵏ/(2k + 3);</li>
 * <li>[(3 + t)X − 3]/t² = Σₖ (−t)ᵏ · 4(k + 1)/(4(k + 2)² − 1).</li>
 * </ul>
 * Elsewhere the arguments are formed without cancellation or overflow: 1 − x² as
 * (1 − x)(1 + x), arccosh(1/x) as ln((1 + √(1 − x²))/x) (never 2 artanh(√((1−x)/(1+x))),
 * whose argument rounds to 1 for tiny x), arccos(1/x) as arctan(√(x² − 1)), and the small-x
 * cancellation of ln(x/2) + X removed algebraically (see {@link #nfwMeanSigma}).
 */
public final class HaloFunctions {

    /** Half-width in t = x² − 1 of the band around x = 1 where series are used. */
    public static final double BAND = 0.5;

    private static final int TERMS = 64;
    private static final double LN2 = Math.log(2.0);
    private static final double[] C1 = new double[TERMS];
    private static final double[] C3 = new double[TERMS];
    private static final double[] CH = new double[TERMS];

    static {
        for (int k = 0; k < TERMS; k++) {
            C1[k] = 1.0 / (2 * k + 1);
            C3[k] = 1.0 / (2 * k + 3);
            CH[k] = 4.0 * (k + 1) / (4.0 * (k + 2) * (k + 2) - 1);
        }
    }

    private HaloFunctions() {
    }

    /** Σₖ c[k] (−t)ᵏ by Horner. */
    private static double series(double[] c, double t) {
        double m = -t;
        double s = 0;
        for (int k = TERMS - 1; k >= 0; k--) {
            s = s * m + c[k];
        }
        return s;
    }

    private static double t(double x) {
        return (x - 1) * (x + 1);
    }

    private static double checked(double x) {
        if (!(x >= 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("projected radius R must be finite and >= 0, got a scaled radius of "
                    + x);
        }
        return x;
    }

    /**
     * X(x) of Wright &amp; Brainerd (2000): arccosh(1/x)/√(1 − x²) below 1, arccos(1/x)/√(x² − 1)
     * above, 1 at 1.
     */
    public static double x(double x) {
        double t = t(x);
        if (Math.abs(t) < BAND) {
            return series(C1, t);
        }
        if (x < 1) {
            double c = Math.sqrt((1 - x) * (1 + x));
            double acosh = x < 0.5 ? Math.log1p(c) - Math.log(x) : Math.log1p((1 - x + c) / x);
            return acosh / c;
        }
        // √(x² − 1) overflows above ~1e154, where it equals x to double precision
        double q = x > 1e150 ? x : Math.sqrt((x - 1) * (x + 1));
        return Math.atan(q) / q;
    }

    /** φ(u) = −ln(1 − u)/u, φ(0) = 1. */
    private static double phi(double u) {
        return u == 0 ? 1.0 : -Math.log1p(-u) / u;
    }

    /**
     * NFW surface density in units of 2ρ_s r_s: (1 − X)/(x² − 1), 1/3 at x = 1, +∞ at 0
     * (Wright &amp; Brainerd 2000). Leading terms ln(2/x) − 1 as x → 0, 1/x² at large x.
     */
    public static double nfwSigma(double x) {
        checked(x);
        if (x == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double t = t(x);
        if (Math.abs(t) < BAND) {
            return series(C3, t);
        }
        double xx = x(x);
        if (x < 1) {
            return (xx - 1) / ((1 - x) * (1 + x));
        }
        return ((1 - xx) / x) / (x - 1 / x);
    }

    /**
     * NFW mean surface density inside x in units of 4ρ_s r_s: [ln(x/2) + X]/x², 1 − ln 2 at
     * x = 1, +∞ at 0 (Wright &amp; Brainerd 2000). Below 1, with c = √(1 − x²),
     * L = ln(2/x) and u = x²/(2(1 + c)), the identity ln(x/2) + X = [L x²/(1 + c) + ln(1 − u)]/c
     * gives [L − φ(u)/2]/(c(1 + c)) with φ(u) = −ln(1 − u)/u: no cancellation as x → 0, where it
     * tends to (ln(2/x) − 1/2)/2.
     */
    public static double nfwMeanSigma(double x) {
        checked(x);
        if (x == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double t = t(x);
        if (Math.abs(t) < BAND) {
            return (0.5 * Math.log1p(t) - LN2 + series(C1, t)) / (x * x);
        }
        if (x < 1) {
            double c = Math.sqrt((1 - x) * (1 + x));
            double l = LN2 - Math.log(x);
            double u = x * x / (2 * (1 + c));
            return (l - 0.5 * phi(u)) / ((1 + c) * c);
        }
        return ((Math.log(x / 2) + x(x)) / x) / x;
    }

    /**
     * NFW excess surface density in units of ρ_s r_s: 4·{@link #nfwMeanSigma} − 2·{@link #nfwSigma},
     * 1 at x = 0. Below x = 1/2, where the two terms grow like 2 ln(1/x) and cancel, the
     * difference is formed algebraically (c, L, u, φ as in {@link #nfwMeanSigma}):
     * 2[c(1 + c) + φ(u)(3x²/2 − 1) − L x²(2c + 1)/(1 + c)] / (c³(1 + c)).
     */
    public static double nfwDeltaSigma(double x) {
        checked(x);
        if (x == 0) {
            return 1.0;
        }
        if (x < 0.5) {
            double c = Math.sqrt((1 - x) * (1 + x));
            double l = LN2 - Math.log(x);
            double x2 = x * x;
            double u = x2 / (2 * (1 + c));
            double bracket = c * (1 + c) + phi(u) * (1.5 * x2 - 1) - l * x2 * (2 * c + 1) / (1 + c);
            return 2 * bracket / (c * c * c * (1 + c));
        }
        return 4 * nfwMeanSigma(x) - 2 * nfwSigma(x);
    }

    /**
     * Hernquist surface density in units of M/(2πa²): [(2 + s²)X − 3]/(1 − s²)², 4/15 at s = 1,
     * +∞ at 0 (Hernquist 1990, ApJ 356, 359). Leading terms 2 ln(2/s) − 3 as s → 0 and
     * (πs/2 − 4)/s⁴ at large s; above 1 written as [X(1 + 2/s²) − 3/s²]/(s − 1/s)² (no overflow).
     */
    public static double hernquistSigma(double s) {
        checked(s);
        if (s == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double t = t(s);
        if (Math.abs(t) < BAND) {
            return series(CH, t);
        }
        double xx = x(s);
        if (s < 1) {
            double c2 = (1 - s) * (1 + s);
            return ((2 + s * s) * xx - 3) / (c2 * c2);
        }
        double inv = 1 / s;
        double d = s - inv;
        return (xx * (1 + 2 * inv * inv) - 3 * inv * inv) / (d * d);
    }

    /**
     * Hernquist mean surface density inside s in units of M/(πa²): (X − 1)/(1 − s²), which is
     * the NFW {@link #nfwSigma} form; 1/3 at s = 1, +∞ at 0.
     */
    public static double hernquistMeanSigma(double s) {
        return nfwSigma(s);
    }

    /**
     * Hernquist excess surface density in units of M/(2πa²): 2·{@link #hernquistMeanSigma} −
     * {@link #hernquistSigma}, 1 at s = 0. Below s = 1/2 written as [1 − s²(3X − 2)]/(1 − s²)²,
     * free of the ln(1/s) cancellation.
     */
    public static double hernquistDeltaSigma(double s) {
        checked(s);
        if (s == 0) {
            return 1.0;
        }
        if (s < 0.5) {
            double c2 = (1 - s) * (1 + s);
            return (1 - s * s * (3 * x(s) - 2)) / (c2 * c2);
        }
        return 2 * hernquistMeanSigma(s) - hernquistSigma(s);
    }
}
