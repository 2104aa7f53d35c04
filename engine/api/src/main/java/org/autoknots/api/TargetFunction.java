package org.autoknots.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Extension point: a family of functions of one variable, identified by {@link #id()} and
 * made concrete by named parameters. Plugins implement it and annotate the class with
 * {@code @org.pf4j.Extension}.
 *
 * <pre>{@code
 * @Extension
 * public final class Burkert implements TargetFunction {
 *     public String id() { return "burkert"; }
 *     public String description() { return "Burkert (1995) cored density profile"; }
 *     public List<ParameterSpec> parameters() {
 *         return List.of(ParameterSpec.number("rho_0", "central density", "mass/length^3"),
 *                        ParameterSpec.number("r_0", "core radius", "length"));
 *     }
 *     public FunctionInstance create(Parameters p) {
 *         double rho0 = p.positive("rho_0"), r0 = p.positive("r_0");
 *         return r -> { double x = r / r0; return rho0 / ((1 + x) * (1 + x * x)); };
 *     }
 * }
 * }</pre>
 */
public interface TargetFunction extends ExtensionPoint {

    /** @return the id users write as {@code function.id} (lower case, e.g. {@code nfw}) */
    String id();

    /** @return one line saying what the function is, with its source where it has one */
    String description();

    /** @return the parameters it takes, in the order to document them */
    List<ParameterSpec> parameters();

    /**
     * @return true when names other than those of {@link #parameters()} are accepted
     *         (e.g. the named constants of a formula)
     */
    default boolean acceptsOtherParameters() {
        return false;
    }

    /**
     * Binds the parameters. Called once per use, never per evaluation.
     *
     * @throws ParameterException naming the parameter when a value is missing or invalid
     */
    FunctionInstance create(Parameters parameters);
}
