package org.autoknots.plugins.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.autoknots.api.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FormulaTest {

    private static double eval(String expression, double x) {
        return Formula.compile(expression).value(x);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', value = {
        "-2^2; -4",
        "2^3^2; 512",
        "(2^3)^2; 64",
        "1 + 2*3; 7",
        "(1 + 2) * 3; 9",
        "2*3^2; 18",
        "8/4/2; 1",
        "10 - 4 - 3; 3",
        "2^-1; 0.5",
        "-(2)^2; -4",
        "(-2)^2; 4",
        "--2; 2",
        "+3 - -3; 6",
        "2 * -3; -6",
        "1.5e-3 * 2; 0.003",
        ".5 + 5.; 5.5",
        "1E+2 / 4e1; 2.5",
        "2^2^-1; 1.4142135623730951",
        "6 / 2 * 3; 9",
        "1 - 2 + 3; 2",
    })
    void precedenceAndAssociativity(String expression, double expected) {
        assertEquals(expected, eval(expression, 0.0), 1e-15 * Math.abs(expected));
    }

    @Test
    void unaryMinusBindsLooserThanPowerOfTheVariable() {
        assertEquals(-9.0, eval("-x^2", 3.0));
        assertEquals(1.0 / 9.0, eval("x^-2", 3.0), 1e-16);
        assertEquals(-9.0 + 1, eval("1 - x^2", 3.0));
    }

    @Test
    void constants() {
        assertEquals(Math.PI, eval("pi", 0.0));
        assertEquals(Math.E, eval("e", 0.0));
        assertEquals(2 * Math.PI * 0.25, eval("2*pi*x", 0.25), 1e-16);
        assertTrue(Formula.compile("2*pi*e").isConstant());
        assertFalse(Formula.compile("2*pi*x").isConstant());
    }

    static Stream<Arguments> unaryFunctions() {
        return Stream.of(
                Arguments.of("sin", (DoubleUnaryOperator) Math::sin),
                Arguments.of("cos", (DoubleUnaryOperator) Math::cos),
                Arguments.of("tan", (DoubleUnaryOperator) Math::tan),
                Arguments.of("asin", (DoubleUnaryOperator) Math::asin),
                Arguments.of("acos", (DoubleUnaryOperator) Math::acos),
                Arguments.of("atan", (DoubleUnaryOperator) Math::atan),
                Arguments.of("sinh", (DoubleUnaryOperator) Math::sinh),
                Arguments.of("cosh", (DoubleUnaryOperator) Math::cosh),
                Arguments.of("tanh", (DoubleUnaryOperator) Math::tanh),
                Arguments.of("exp", (DoubleUnaryOperator) Math::exp),
                Arguments.of("expm1", (DoubleUnaryOperator) Math::expm1),
                Arguments.of("log", (DoubleUnaryOperator) Math::log),
                Arguments.of("ln", (DoubleUnaryOperator) Math::log),
                Arguments.of("log10", (DoubleUnaryOperator) Math::log10),
                Arguments.of("log1p", (DoubleUnaryOperator) Math::log1p),
                Arguments.of("sqrt", (DoubleUnaryOperator) Math::sqrt),
                Arguments.of("cbrt", (DoubleUnaryOperator) Math::cbrt),
                Arguments.of("abs", (DoubleUnaryOperator) Math::abs));
    }

    private static final double[] POINTS = {-3.7, -1.0, -0.45, -1e-9, 0.0, 1e-9, 0.3, 0.999, 1.0, 2.5, 17.0};

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryFunctions")
    void everyFunctionAgreesWithMath(String name, DoubleUnaryOperator math) {
        Formula f = Formula.compile(name + "(x)");
        for (double x : POINTS) {
            // NaN outside a function's domain must come out as NaN too
            assertEquals(math.applyAsDouble(x), f.value(x), 0.0, name + "(" + x + ")");
        }
        // folded at compile time when the argument is constant
        Formula folded = Formula.compile(name + "(0.3)");
        assertTrue(folded.isConstant());
        assertEquals(math.applyAsDouble(0.3), folded.value(99.0), 0.0);
    }

    @Test
    void asinhAgreesWithItsLogarithmicForm() {
        for (double x : new double[] {-50.0, -2.0, -0.5, -1e-3, 0.0, 1e-3, 0.7, 3.0, 1e3}) {
            double expected = Math.signum(x) * Math.log(Math.abs(x) + Math.sqrt(x * x + 1));
            assertEquals(expected, eval("asinh(x)", x), 4e-16 * Math.max(1.0, Math.abs(expected)), "asinh(" + x + ")");
        }
        assertEquals(Math.log(2e12), eval("asinh(x)", 1e12), 1e-15 * Math.log(2e12));
        assertEquals(1e-8, eval("asinh(x)", 1e-8), 1e-24);
    }

    static Stream<Arguments> binaryFunctions() {
        return Stream.of(
                Arguments.of("pow", (DoubleBinaryOperator) Math::pow),
                Arguments.of("atan2", (DoubleBinaryOperator) Math::atan2),
                Arguments.of("hypot", (DoubleBinaryOperator) Math::hypot),
                Arguments.of("min", (DoubleBinaryOperator) Math::min),
                Arguments.of("max", (DoubleBinaryOperator) Math::max));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryFunctions")
    void twoArgumentFunctionsAgreeWithMath(String name, DoubleBinaryOperator math) {
        Formula f = Formula.compile(name + "(x, 1.5 - x)");
        for (double x : POINTS) {
            assertEquals(math.applyAsDouble(x, 1.5 - x), f.value(x), 0.0, name + "(" + x + ", " + (1.5 - x) + ")");
        }
    }

    @Test
    void minAndMaxTakeSeveralArguments() {
        assertEquals(-4.0, eval("min(3, x, -4, 2)", 1.0));
        assertEquals(7.0, eval("max(3, x, -4, 2)", 7.0));
    }

    @Test
    void powerOperatorAgreesWithMathPow() {
        for (double x : POINTS) {
            assertEquals(Math.pow(x, 2.5), eval("x^2.5", x), 0.0);
            assertEquals(x * x, eval("x^2", x), 0.0);
            assertEquals(Math.pow(x, 3), eval("x^3", x), 0.0);
        }
    }

    @Test
    void parametersAreBoundByName() {
        Formula f = Formula.compile("a * exp(-x^2 / (2*s^2))", "x", Map.of("a", 2.5, "s", 0.1));
        for (double x : new double[] {-0.3, 0.0, 0.05, 0.21}) {
            double expected = 2.5 * Math.exp(-x * x / (2 * 0.1 * 0.1));
            assertEquals(expected, f.value(x), 1e-15 * expected);
        }
    }

    @Test
    void variableMayBeRenamed() {
        Formula f = Formula.compile("r_s / (r * (1 + r/r_s)^2)", "r", Map.of("r_s", 2.0));
        double r = 0.7;
        assertEquals(2.0 / (r * (1 + r / 2.0) * (1 + r / 2.0)), f.value(r), 1e-15);
        // the default name is then unknown
        ParameterException e = assertThrows(ParameterException.class,
                () -> Formula.compile("x + r", "r", Map.of()));
        assertEquals("expression", e.parameter());
        assertTrue(e.getMessage().contains("unknown name 'x'"), e.getMessage());
    }

    /**
     * One line: the formula, then the problem with the reported (1-based) column said once, "of
     * the formula".
     */
    private static void assertMarked(ParameterException e, String expression, int column) {
        assertEquals("expression", e.parameter());
        String m = e.getMessage();
        assertEquals(1, m.lines().count(), m);
        assertTrue(m.startsWith("formula '" + expression + "': "), m);
        assertTrue(m.contains(" at column " + column + " of the formula"), m);
        assertEquals(m.indexOf(" of the formula"), m.lastIndexOf(" of the formula"), m);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "2 * y + 1; 5; unknown name 'y' at column 5",
        "sin(x; 6; missing ')' at column 6 of the formula, to close the arguments of 'sin'",
        "2 +; 4; ends too early",
        "2 * * 3; 5; unexpected '*'",
        "1.5e + x; 4; malformed number",
        "foo(x) + 1; 1; unknown function 'foo'",
        "sin x; 1; needs its arguments in parentheses",
        "(x)) * 2; 4; unmatched ')'",
        "1 + pow(x); 5; takes 2 arguments, got 1",
        "sin(x, 2); 1; takes 1 argument, got 2",
        "max(x); 1; 2 or more arguments",
        "3x; 2; write '*'",
        "x $ 2; 3; unexpected '$'",
        "(1 + x; 1; unclosed '(' at column 1 of the formula: add the missing ')'",
        "2 * (x + (1 - x); 5; unclosed '(' at column 5",
        "(x 2); 4; unexpected '2' at column 4 of the formula: expected ')' to close the '(' at column 1",
        "exp(x  2); 8; expected ',' or ')'",
        "Sin(x); 1; unknown function 'Sin'",
        "PI * x; 1; unknown name 'PI'",
    })
    void errorsAreOneLineNamingTheFormulaAndTheColumn(String expression, int column, String problem) {
        ParameterException e = assertThrows(ParameterException.class, () -> Formula.compile(expression));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertMarked(e, expression, column);
    }

    @Test
    void aFormulaOnSeveralLinesIsShownOnOne() {
        ParameterException e = assertThrows(ParameterException.class, () -> Formula.compile("sin(x)\n  + q"));
        assertEquals("formula 'sin(x)   + q': unknown name 'q' at column 12 of the formula", e.getMessage().split(";")[0]);
    }

    @Test
    void emptyExpressionIsAnError() {
        ParameterException e = assertThrows(ParameterException.class, () -> Formula.compile("   "));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertEquals("expression", e.parameter());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> Formula.compile("a * x + b", "x", Map.of("a", 1.0)));
        String first = e.getMessage().lines().findFirst().orElseThrow();
        assertTrue(first.contains("unknown name 'b'"), first);
        assertTrue(first.contains("a, pi, e"), first);
        assertTrue(first.contains("sqrt"), first);
    }

    @Test
    void unusedParameterIsAnError() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> Formula.compile("sin(k*x)", "x", Map.of("k", 2.0, "unused", 1.0)));
        assertEquals("unused", e.parameter());
        assertTrue(e.getMessage().contains("'unused' is not used"), e.getMessage());
    }

    @Test
    void namesThatClashAreErrors() {
        ParameterException pi = assertThrows(ParameterException.class,
                () -> Formula.compile("pi * x", "x", Map.of("pi", 3.0)));
        assertEquals("pi", pi.parameter());
        ParameterException var = assertThrows(ParameterException.class,
                () -> Formula.compile("x", "x", Map.of("x", 3.0)));
        assertEquals("x", var.parameter());
        ParameterException e = assertThrows(ParameterException.class, () -> Formula.compile("e", "e", Map.of()));
        assertEquals("variable", e.parameter());
        ParameterException bad = assertThrows(ParameterException.class, () -> Formula.compile("x", "1x", Map.of()));
        assertEquals("variable", bad.parameter());
        assertTrue(bad.getMessage().contains("'1x' is not a name"), bad.getMessage());
        ParameterException nan = assertThrows(ParameterException.class,
                () -> Formula.compile("k * x", "x", Map.of("k", Double.NaN)));
        assertEquals("k", nan.parameter());
    }

    @Test
    void concurrentEvaluationGivesTheSameValuesAsSequential() throws Exception {
        Formula f = Formula.compile("a*exp(-x^2/(2*s^2)) + sin(3*x)/(1 + x^2) - max(x, 0)^1.5",
                "x", Map.of("a", 1.3, "s", 0.4));
        int threads = 8;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int offset = t;
                Callable<Integer> job = () -> {
                    start.await();
                    int mismatches = 0;
                    for (int i = 0; i < perThread; i++) {
                        double x = -3 + 6.0 * ((i * 7919L + offset * 104729L) % perThread) / perThread;
                        double expected = 1.3 * Math.exp(-(x * x) / (2 * (0.4 * 0.4))) + Math.sin(3 * x) / (1 + x * x)
                                - Math.pow(Math.max(x, 0), 1.5);
                        if (Math.abs(f.value(x) - expected) > 1e-14 * (1 + Math.abs(expected))) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                };
                results.add(pool.submit(job));
            }
            start.countDown();
            for (Future<Integer> r : results) {
                assertEquals(0, r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
