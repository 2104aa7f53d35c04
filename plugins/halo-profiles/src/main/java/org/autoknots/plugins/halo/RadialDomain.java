package org.autoknots.plugins.halo;

/**
 * The domain of a density profile ρ(r): radii r &gt; 0 (a profile with a pole at the centre) or
 * r ≥ 0 (one finite there). The checks look at a tabulation range only, never evaluate ρ, and
 * say what is wrong in the user's terms: the radius and the range.
 */
final class RadialDomain {

    private RadialDomain() {
    }

    /**
     * For profiles with a pole at r = 0 (NFW, Hernquist): below it ρ is negative or infinite.
     *
     * @throws IllegalArgumentException when the range [lower, upper] reaches r ≤ 0
     */
    static void requirePositive(double lower, double upper) {
        if (!(lower > 0)) {
            throw new IllegalArgumentException("r must be > 0 (its domain), got the range [" + lower + ", " + upper
                    + "]; start the range above 0");
        }
    }

    /**
     * For profiles finite at the centre (Einasto): r &lt; 0 is no radius.
     *
     * @throws IllegalArgumentException when the range [lower, upper] reaches r &lt; 0
     */
    static void requireNonNegative(double lower, double upper) {
        if (!(lower >= 0)) {
            throw new IllegalArgumentException("r must be >= 0 (its domain), got the range [" + lower + ", " + upper
                    + "]; start the range at 0 or above");
        }
    }
}
