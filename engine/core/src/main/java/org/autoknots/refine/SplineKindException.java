package org.autoknots.refine;

/**
 * A spline kind failed on data it should handle: finite, strictly increasing knots with finite
 * values whose slopes are well inside the range of a double. The fault is the kind's, not the
 * tabulated function's; the message names the kind, and {@link #withOrigin(String)} adds where
 * it comes from (e.g. its plugin) for a caller that knows.
 */
public class SplineKindException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String detail;

    /**
     * @param kind   the kind's id
     * @param detail what went wrong, after "spline kind 'id' "
     * @param cause  what the kind threw, or null
     */
    public SplineKindException(String kind, String detail, Throwable cause) {
        super("spline kind '" + kind + "' " + detail, cause);
        this.kind = kind;
        this.detail = detail;
    }

    /** @return the id of the spline kind that failed */
    public String kind() {
        return kind;
    }

    /** @return the message with the kind's origin after its id: "spline kind 'id' (origin) ..." */
    public String withOrigin(String origin) {
        return "spline kind '" + kind + "' (" + origin + ") " + detail;
    }
}
