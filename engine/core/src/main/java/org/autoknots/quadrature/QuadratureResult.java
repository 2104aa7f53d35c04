package org.autoknots.quadrature;

/**
 * The outcome of an adaptive quadrature.
 *
 * @param value         the integral estimate (sum of the Kronrod results of all subintervals)
 * @param errorEstimate the estimated absolute error of {@code value} (sum over subintervals)
 * @param evaluations   how many times the integrand was called
 */
public record QuadratureResult(double value, double errorEstimate, long evaluations) {
}
