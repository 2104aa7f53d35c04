package org.autoknots.refine;

/**
 * The tabulated function returned NaN or an infinity. The message names x and the value.
 */
public class FunctionEvaluationException extends RuntimeException {

    private final double x;
    private final double value;

    public FunctionEvaluationException(double x, double value) {
        super("f(x) = " + value + " at x = " + x + "; the function must return finite values on the whole range");
        this.x = x;
        this.value = value;
    }

    /** @return where f failed */
    public double x() {
        return x;
    }

    /** @return what f returned there */
    public double value() {
        return value;
    }
}
