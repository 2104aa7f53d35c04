package org.autoknots.plugins.formula;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.ParameterSpec;
import org.autoknots.api.Parameters;
import org.autoknots.api.TargetFunction;
import org.pf4j.Extension;

/**
 * The target function {@code formula}: a user function written as text, parsed once by
 * {@link Formula}. Parameters: {@code expression} (the text), {@code variable} (default
 * {@code x}) and any named numbers the expression uses, e.g.
 *
 * <pre>
 * function:
 *   id: formula
 *   params:
 *     expression: "a * exp(-x^2 / (2*s^2))"
 *     a: 2.5
 *     s: 0.1
 * </pre>
 *
 * A name given but not used, or used but not given, is an error that says so.
 */
@Extension
public final class FormulaFunction implements TargetFunction {

    /** The id users write. */
    public static final String ID = "formula";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a function written as a text formula (+ - * / ^, sin, exp, log, sqrt, pow, pi, e, ...), "
                + "with named numeric parameters; parsed once";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.text("expression", "the formula, e.g. a*exp(-x^2/(2*s^2)); other parameters name its constants"),
                ParameterSpec.text("variable", "the name of the variable in the expression", "x"));
    }

    @Override
    public boolean acceptsOtherParameters() {
        return true;
    }

    @Override
    public FunctionInstance create(Parameters parameters) {
        String expression = parameters.text("expression");
        String variable = parameters.text("variable", "x");
        Map<String, Double> constants = new LinkedHashMap<>();
        for (String name : parameters.names()) {
            if (!name.equals("expression") && !name.equals("variable")) {
                constants.put(name, parameters.number(name));
            }
        }
        return Formula.compile(expression, variable, constants);
    }
}
