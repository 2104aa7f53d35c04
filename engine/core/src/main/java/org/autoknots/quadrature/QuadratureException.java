package org.autoknots.quadrature;

/**
 * Thrown when an adaptive quadrature cannot reach its tolerance (evaluation cap hit, a
 * non-integrable singularity) or when the integrand returns NaN or an infinity. The message
 * carries the interval, the estimate reached, the tolerance and what to change.
 */
public class QuadratureException extends RuntimeException {

    public QuadratureException(String message) {
        super(message);
    }

    public QuadratureException(String message, Throwable cause) {
        super(message, cause);
    }
}
