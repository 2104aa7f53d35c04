package org.autoknots.bench;

import java.util.function.UnaryOperator;
import org.autoknots.api.RealFunction;

/**
 * One case of the benchmark battery: a function on a range, the knot scale, and the
 * tolerance |s − f| ≤ abs + rel·|f| of the table.
 *
 * @param id short name used on the command line ({@code exp}, {@code runge}, …)
 * @param formula the function as text, for the tables
 * @param a lower end of the range
 * @param b upper end of the range
 * @param log true when the knots are placed in ln x (the {@code log} knot scale)
 * @param rel relative tolerance of the table
 * @param abs absolute tolerance of the table (0 for a pure relative tolerance)
 * @param f the function in plain doubles: what the engine tabulates
 * @param jet the same function on {@link Jet}s, for the exact fourth derivative; null when
 *        f⁗ is not an integrable function (a kink), so N* is not defined
 */
public record BenchCase(String id, String formula, double a, double b, boolean log, double rel, double abs,
        RealFunction f, UnaryOperator<Jet> jet) {

    /** @return the pointwise tolerance abs + rel·|y| */
    public double tolerance(double y) {
        return abs + rel * Math.abs(y);
    }

    /**
     * @return this case at a tighter tolerance: rel replaced, abs replaced by the same value
     *         where it was non-zero (the "abs scaled alike")
     */
    public BenchCase withRel(double newRel) {
        return new BenchCase(id, formula, a, b, log, newRel, abs == 0 ? 0 : newRel, f, jet);
    }

    /** @return "linear" or "log" */
    public String scaleName() {
        return log ? "log" : "linear";
    }
}
