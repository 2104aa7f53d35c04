package org.autoknots.refine;

/** How the refinement decides where to add knots. */
public enum RefinementMode {
    /**
     * The default. Graded refinement from fourth divided differences: predicts each interval's error and
     * splits it into as many pieces as needed (see {@code docs/graded-refinement.md}). Its error
     * model is that of the cubic not-a-knot spline: with any other spline kind the paper method
     * runs instead, in its checked variant (see PAPER).
     */
    GRADED,
    /**
     * The published AutoKnots method (Vitenti &amp; Penna-Lima, arXiv:2412.13423): bisect every open
     * interval in the knot scale, point and integral tests at the midpoint. With a spline kind other
     * than not-a-knot (natural, Akima, Steffen, …) it is checked with rules that cost no evaluation:
     * the children close only if the spline rebuilt with the new knots agrees with the old one at
     * off-centre points, and a closed interval reopens when new knots nearby move its spline by half
     * the tolerance (a midpoint test alone misses the error of local kinds). One addition in both
     * modes: knots whose values a cubic fits exactly (f vanishing at every knot, knots on a period of
     * f) are probed once between them and, when f differs there, the refinement restarts off that
     * grid; the published method would call such a table converged.
     */
    PAPER;

    /**
     * @param text {@code graded} or {@code paper}, any case
     * @throws IllegalArgumentException naming the text and the valid choices
     */
    public static RefinementMode parse(String text) {
        if (text != null) {
            for (RefinementMode m : values()) {
                if (m.name().equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("unknown refinement mode '" + text + "'; valid: graded, paper");
    }

    /** @return the lower-case id ({@code graded}, {@code paper}) */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
