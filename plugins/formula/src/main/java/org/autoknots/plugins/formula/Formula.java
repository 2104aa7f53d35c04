package org.autoknots.plugins.formula;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.ParameterException;

/**
 * A real function written as text, e.g. {@code a * exp(-x^2 / (2*s^2))}, compiled once to an
 * immutable expression tree.
 *
 * <p>Syntax: numbers ({@code 2}, {@code .5}, {@code 1.5e-3}); the operators {@code + - * /}
 * and {@code ^} (power, right associative and binding tighter than unary minus, so
 * {@code -2^2 = -4} and {@code 2^3^2 = 512}); unary {@code -} and {@code +}; parentheses; the
 * constants {@code pi} and {@code e}; the functions {@code sin cos tan asin acos atan sinh cosh
 * tanh asinh exp expm1 log ln log10 log1p sqrt cbrt abs} (one argument), {@code pow atan2 hypot}
 * (two) and {@code min max} (two or more), each computed by the {@link Math} method of the same
 * name ({@code ln} = {@code log}, natural). Names are case sensitive.
 *
 * <p>Parsing is by recursive descent (the classic precedence-climbing layout of a grammar with one
 * rule per precedence level, e.g. Aho, Lam, Sethi &amp; Ullman, <i>Compilers</i>, 2nd ed., §4.4);
 * parameter values are bound and constant sub-expressions folded at compile time. Evaluation
 * touches no mutable state, so one instance may be called from many threads at once.
 */
public final class Formula implements FunctionInstance {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String expression;
    private final String variable;
    private final Node root;

    private Formula(String expression, String variable, Node root) {
        this.expression = expression;
        this.variable = variable;
        this.root = root;
    }

    /**
     * Compiles {@code expression} in the variable {@code variable}, binding the named numeric
     * parameters.
     *
     * @param expression the formula text
     * @param variable   the name of the variable (usually {@code x})
     * @param parameters named constants used in the expression; every one must be used
     * @return the compiled function
     * @throws ParameterException for {@code expression} (syntax error or unknown name, in one line
     *         naming the formula and the column inside it), for {@code variable} (not a valid name or
     *         the name of a constant or function), or for a parameter (unused, clashing with a
     *         built-in name, or not finite)
     */
    public static Formula compile(String expression, String variable, Map<String, Double> parameters) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(variable, "variable");
        if (!NAME.matcher(variable).matches()) {
            throw new ParameterException("variable", "variable '" + variable
                    + "' is not a name: use a letter or '_' followed by letters, digits or '_' (e.g. x, r, t)");
        }
        if (clashesWithBuiltIn(variable)) {
            throw new ParameterException("variable", "variable '" + variable
                    + "' is a built-in constant or function name: choose another name (e.g. x, r, t)");
        }
        Map<String, Double> bound = new LinkedHashMap<>();
        for (Map.Entry<String, Double> p : parameters.entrySet()) {
            String name = p.getKey();
            if (!NAME.matcher(name).matches()) {
                throw new ParameterException(name, "parameter '" + name
                        + "' is not a name usable in a formula: use a letter or '_' followed by letters, digits or '_'");
            }
            if (name.equals(variable)) {
                throw new ParameterException(name, "parameter '" + name + "' has the name of the variable: rename it");
            }
            if (clashesWithBuiltIn(name)) {
                throw new ParameterException(name, "parameter '" + name
                        + "' has the name of a built-in constant or function: rename it");
            }
            Double v = p.getValue();
            if (v == null || !Double.isFinite(v)) {
                throw new ParameterException(name, "parameter '" + name + "' must be a finite number, got " + v);
            }
            bound.put(name, v);
        }
        FormulaParser.Compiled compiled = FormulaParser.compile(expression, variable, bound);
        for (String name : bound.keySet()) {
            if (!compiled.usedParameters().contains(name)) {
                throw new ParameterException(name, "parameter '" + name + "' is not used in the expression '"
                        + expression.strip() + "': remove it or use it in the expression");
            }
        }
        return new Formula(expression, variable, compiled.root());
    }

    /** Compiles an expression in {@code x} without parameters. */
    public static Formula compile(String expression) {
        return compile(expression, "x", Map.of());
    }

    private static boolean clashesWithBuiltIn(String name) {
        return FormulaParser.CONSTANTS.containsKey(name) || FormulaParser.functionNames().contains(name);
    }

    @Override
    public double value(double x) {
        return root.eval(x);
    }

    /** @return the expression text as given */
    public String expression() {
        return expression;
    }

    /** @return the variable's name */
    public String variable() {
        return variable;
    }

    /** @return true when the value does not depend on the variable */
    public boolean isConstant() {
        return root.constant();
    }

    @Override
    public String toString() {
        return "Formula[" + variable + " -> " + expression.strip() + "]";
    }
}
