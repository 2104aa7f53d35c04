package org.autoknots.plugins.formula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.autoknots.api.ParameterException;

/**
 * Recursive-descent parser that compiles a formula to an immutable {@link Node} tree, once.
 *
 * <p>Grammar, lowest precedence first ({@code ^} binds tighter than unary minus and is right
 * associative, as in mathematics: {@code -2^2 = -4}, {@code 2^3^2 = 2^9}):
 *
 * <pre>
 * expression := term (('+' | '-') term)*
 * term       := unary (('*' | '/') unary)*
 * unary      := ('+' | '-') unary | power
 * power      := primary ('^' unary)?
 * primary    := number | name | name '(' expression (',' expression)* ')' | '(' expression ')'
 * number     := digits ['.' digits] [('e' | 'E') ['+' | '-'] digits]   (also '.5', '5.')
 * </pre>
 *
 * Sub-trees that do not depend on the variable are folded to constants at compile time.
 */
final class FormulaParser {

    /** The built-in constants. */
    static final Map<String, Double> CONSTANTS = Map.of("pi", Math.PI, "e", Math.E);

    private static final Map<String, DoubleUnaryOperator> FUNCTIONS1 = new LinkedHashMap<>();
    private static final Map<String, DoubleBinaryOperator> FUNCTIONS2 = new LinkedHashMap<>();
    private static final Set<String> VARIADIC = Set.of("min", "max");

    static {
        FUNCTIONS1.put("sin", Math::sin);
        FUNCTIONS1.put("cos", Math::cos);
        FUNCTIONS1.put("tan", Math::tan);
        FUNCTIONS1.put("asin", Math::asin);
        FUNCTIONS1.put("acos", Math::acos);
        FUNCTIONS1.put("atan", Math::atan);
        FUNCTIONS1.put("sinh", Math::sinh);
        FUNCTIONS1.put("cosh", Math::cosh);
        FUNCTIONS1.put("tanh", Math::tanh);
        FUNCTIONS1.put("asinh", FormulaParser::asinh);
        FUNCTIONS1.put("exp", Math::exp);
        FUNCTIONS1.put("expm1", Math::expm1);
        FUNCTIONS1.put("log", Math::log);
        FUNCTIONS1.put("ln", Math::log);
        FUNCTIONS1.put("log10", Math::log10);
        FUNCTIONS1.put("log1p", Math::log1p);
        FUNCTIONS1.put("sqrt", Math::sqrt);
        FUNCTIONS1.put("cbrt", Math::cbrt);
        FUNCTIONS1.put("abs", Math::abs);
        FUNCTIONS2.put("pow", Math::pow);
        FUNCTIONS2.put("atan2", Math::atan2);
        FUNCTIONS2.put("hypot", Math::hypot);
    }

    /** @return every function name, sorted */
    static Set<String> functionNames() {
        Set<String> all = new TreeSet<>(FUNCTIONS1.keySet());
        all.addAll(FUNCTIONS2.keySet());
        all.addAll(VARIADIC);
        return Collections.unmodifiableSet(all);
    }

    /** asinh(v) = sign(v)·ln(|v| + √(v² + 1)), written to keep precision for large and small |v|. */
    static double asinh(double v) {
        double a = Math.abs(v);
        double r;
        if (a > 1e8) {
            r = Math.log(a) + Math.log(2.0);
        } else if (a < 1e-4) {
            r = a * (1 - a * a / 6);
        } else {
            r = Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        }
        return Math.copySign(r, v);
    }

    private final String text;
    private final String variable;
    private final Map<String, Double> parameters;
    private final Set<String> used = new LinkedHashSet<>();
    private int pos;

    private FormulaParser(String text, String variable, Map<String, Double> parameters) {
        this.text = text;
        this.variable = variable;
        this.parameters = parameters;
    }

    /** The result of a compilation: the tree and the parameter names it uses. */
    record Compiled(Node root, Set<String> usedParameters) {
    }

    /**
     * @throws ParameterException for {@code expression} with the position marked
     */
    static Compiled compile(String text, String variable, Map<String, Double> parameters) {
        FormulaParser p = new FormulaParser(text, variable, parameters);
        p.skipSpace();
        if (p.pos >= text.length()) {
            throw new ParameterException("expression", "the formula is empty: write an expression in " + variable
                    + ", e.g. sin(" + variable + ")");
        }
        Node root = p.expression();
        p.skipSpace();
        if (p.pos < text.length()) {
            char c = text.charAt(p.pos);
            String what = c == ')' ? "unmatched ')'" : "unexpected '" + c + "'";
            throw p.error(what, p.pos, ": expected an operator (+ - * / ^) or the end");
        }
        return new Compiled(root, Collections.unmodifiableSet(p.used));
    }

    /* ---------- grammar ---------- */

    private Node expression() {
        Node left = term();
        while (true) {
            skipSpace();
            if (accept('+')) {
                left = fold(new Node.Add(left, term()));
            } else if (accept('-')) {
                left = fold(new Node.Subtract(left, term()));
            } else {
                return left;
            }
        }
    }

    private Node term() {
        Node left = unary();
        while (true) {
            skipSpace();
            if (accept('*')) {
                left = fold(new Node.Multiply(left, unary()));
            } else if (accept('/')) {
                left = fold(new Node.Divide(left, unary()));
            } else {
                return left;
            }
        }
    }

    private Node unary() {
        skipSpace();
        if (accept('-')) {
            return fold(new Node.Negate(unary()));
        }
        if (accept('+')) {
            return unary();
        }
        return power();
    }

    private Node power() {
        Node base = primary();
        skipSpace();
        if (accept('^')) {
            Node exponent = unary();
            if (exponent instanceof Node.Constant c && c.value() == 2.0) {
                return fold(new Node.Square(base));
            }
            return fold(new Node.Power(base, exponent));
        }
        return base;
    }

    private Node primary() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("the formula ends too early", pos, ": expected a number, a name or '('");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            int open = pos;
            pos++;
            Node inner = expression();
            skipSpace();
            if (!accept(')')) {
                if (pos >= text.length()) {
                    throw error("unclosed '('", open, ": add the missing ')'");
                }
                throw error("unexpected '" + text.charAt(pos) + "'", pos, ": expected ')' to close the '(' at column "
                        + (open + 1));
            }
            return inner;
        }
        if (isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            return name();
        }
        throw error("unexpected '" + c + "'", pos, ": expected a number, a name or '('");
    }

    private Node number() {
        int start = pos;
        int digits = 0;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
            digits++;
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
                digits++;
            }
        }
        if (digits == 0) {
            throw error("malformed number '.'", start, ": expected digits");
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            int q = pos + 1;
            if (q < text.length() && (text.charAt(q) == '+' || text.charAt(q) == '-')) {
                q++;
            }
            if (q < text.length() && isDigit(text.charAt(q))) {
                while (q < text.length() && isDigit(text.charAt(q))) {
                    q++;
                }
                pos = q;
            } else {
                throw error("malformed number '" + text.substring(start, Math.min(q, text.length())) + "'", mark,
                        ": expected digits after the exponent mark");
            }
        }
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            throw error("a name directly after a number", pos, ": write '*' between them");
        }
        return new Node.Constant(Double.parseDouble(text.substring(start, pos)));
    }

    private Node name() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String name = text.substring(start, pos);
        int after = pos;
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '(') {
            return call(name, start);
        }
        pos = after;
        if (name.equals(variable)) {
            return new Node.Variable();
        }
        Double p = parameters.get(name);
        if (p != null) {
            used.add(name);
            return new Node.Constant(p);
        }
        Double k = CONSTANTS.get(name);
        if (k != null) {
            return new Node.Constant(k);
        }
        if (FUNCTIONS1.containsKey(name) || FUNCTIONS2.containsKey(name) || VARIADIC.contains(name)) {
            throw error("function '" + name + "'", start, " needs its arguments in parentheses, e.g. " + name
                    + (FUNCTIONS1.containsKey(name) ? "(x)" : "(x, 2)"));
        }
        throw error("unknown name '" + name + "'", start, "; known names: " + knownNames());
    }

    private Node call(String name, int start) {
        boolean known = FUNCTIONS1.containsKey(name) || FUNCTIONS2.containsKey(name) || VARIADIC.contains(name);
        if (!known) {
            throw error("unknown function '" + name + "'", start, "; functions: " + String.join(", ", functionNames()));
        }
        accept('(');
        List<Node> args = new ArrayList<>();
        skipSpace();
        if (!accept(')')) {
            while (true) {
                args.add(expression());
                skipSpace();
                if (accept(',')) {
                    continue;
                }
                if (accept(')')) {
                    break;
                }
                if (pos >= text.length()) {
                    throw error("missing ')'", pos, ", to close the arguments of '" + name + "'");
                }
                throw error("unexpected '" + text.charAt(pos) + "'", pos, ": expected ',' or ')' in the arguments of '"
                        + name + "'");
            }
        }
        int n = args.size();
        DoubleUnaryOperator f1 = FUNCTIONS1.get(name);
        if (f1 != null) {
            if (n != 1) {
                throw error("function '" + name + "'", start, " takes 1 argument, got " + n);
            }
            return fold(new Node.Call1(name, f1, args.get(0)));
        }
        DoubleBinaryOperator f2 = FUNCTIONS2.get(name);
        if (f2 != null) {
            if (n != 2) {
                throw error("function '" + name + "'", start, " takes 2 arguments, got " + n);
            }
            return fold(new Node.Call2(name, f2, args.get(0), args.get(1)));
        }
        if (n < 2) {
            throw error("function '" + name + "'", start, " takes 2 or more arguments, got " + n);
        }
        return fold(new Node.Extremum(name.equals("max"), args.toArray(new Node[0])));
    }

    /* ---------- helpers ---------- */

    /** Replaces a node whose operands are all constant by its value. */
    private static Node fold(Node node) {
        boolean allConstant;
        if (node instanceof Node.Negate n) {
            allConstant = n.operand().constant();
        } else if (node instanceof Node.Add n) {
            allConstant = n.left().constant() && n.right().constant();
        } else if (node instanceof Node.Subtract n) {
            allConstant = n.left().constant() && n.right().constant();
        } else if (node instanceof Node.Multiply n) {
            allConstant = n.left().constant() && n.right().constant();
        } else if (node instanceof Node.Divide n) {
            allConstant = n.left().constant() && n.right().constant();
        } else if (node instanceof Node.Power n) {
            allConstant = n.base().constant() && n.exponent().constant();
        } else if (node instanceof Node.Square n) {
            allConstant = n.base().constant();
        } else if (node instanceof Node.Call1 n) {
            allConstant = n.argument().constant();
        } else if (node instanceof Node.Call2 n) {
            allConstant = n.first().constant() && n.second().constant();
        } else if (node instanceof Node.Extremum n) {
            allConstant = Arrays.stream(n.arguments()).allMatch(Node::constant);
        } else {
            allConstant = false;
        }
        return allConstant ? new Node.Constant(node.eval(0.0)) : node;
    }

    private String knownNames() {
        List<String> names = new ArrayList<>();
        names.add(variable + " (the variable)");
        names.addAll(new TreeSet<>(parameters.keySet()));
        names.add("pi");
        names.add("e");
        return String.join(", ", names) + " and the functions " + String.join(", ", functionNames());
    }

    private boolean accept(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private ParameterException error(String problem, int at, String rest) {
        return new ParameterException("expression", describe(text, problem, at, rest));
    }

    /**
     * One line that names the formula and the column once, e.g. {@code formula 'sin(x': missing
     * ')' at column 6 of the formula, to close the arguments of 'sin'}.
     *
     * @param problem what is wrong, placed before the column
     * @param at      the 0-based index in the text (the column shown is 1-based; the end of the
     *                text is the column after its last character)
     * @param rest    what follows the column: the expectation or a hint, with its own leading
     *                punctuation ("" for none)
     * @return {@code formula 'TEXT': PROBLEM at column N of the formula REST}, the text's line
     *         breaks and tabs shown as spaces so that it stays one line
     */
    static String describe(String text, String problem, int at, String rest) {
        String shown = text.replaceAll("\\s", " ");
        int column = Math.min(at, shown.length()) + 1;
        return "formula '" + shown + "': " + problem + " at column " + column + " of the formula" + rest;
    }
}
