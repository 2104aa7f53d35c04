package org.autoknots.plugins.formula;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A node of a compiled expression tree. Nodes are immutable records, so a tree can be
 * evaluated from any number of threads at once.
 */
sealed interface Node {

    /** @return the node's value at the variable's value {@code x} */
    double eval(double x);

    /** @return true when the node does not depend on the variable */
    default boolean constant() {
        return false;
    }

    /** A number, a named constant or a bound parameter. */
    record Constant(double value) implements Node {
        @Override
        public double eval(double x) {
            return value;
        }

        @Override
        public boolean constant() {
            return true;
        }
    }

    /** The variable itself. */
    record Variable() implements Node {
        @Override
        public double eval(double x) {
            return x;
        }
    }

    /** Unary minus. */
    record Negate(Node operand) implements Node {
        @Override
        public double eval(double x) {
            return -operand.eval(x);
        }
    }

    record Add(Node left, Node right) implements Node {
        @Override
        public double eval(double x) {
            return left.eval(x) + right.eval(x);
        }
    }

    record Subtract(Node left, Node right) implements Node {
        @Override
        public double eval(double x) {
            return left.eval(x) - right.eval(x);
        }
    }

    record Multiply(Node left, Node right) implements Node {
        @Override
        public double eval(double x) {
            return left.eval(x) * right.eval(x);
        }
    }

    record Divide(Node left, Node right) implements Node {
        @Override
        public double eval(double x) {
            return left.eval(x) / right.eval(x);
        }
    }

    /** {@code base ^ exponent}, by {@link Math#pow}. */
    record Power(Node base, Node exponent) implements Node {
        @Override
        public double eval(double x) {
            return Math.pow(base.eval(x), exponent.eval(x));
        }
    }

    /** {@code base ^ 2}, as one correctly rounded multiplication (the same value as {@code Math.pow}). */
    record Square(Node base) implements Node {
        @Override
        public double eval(double x) {
            double b = base.eval(x);
            return b * b;
        }
    }

    /** A function of one argument. */
    record Call1(String name, DoubleUnaryOperator function, Node argument) implements Node {
        @Override
        public double eval(double x) {
            return function.applyAsDouble(argument.eval(x));
        }
    }

    /** A function of two arguments. */
    record Call2(String name, DoubleBinaryOperator function, Node first, Node second) implements Node {
        @Override
        public double eval(double x) {
            return function.applyAsDouble(first.eval(x), second.eval(x));
        }
    }

    /** {@code min} or {@code max} of two or more arguments. */
    record Extremum(boolean max, Node[] arguments) implements Node {
        @Override
        public double eval(double x) {
            double r = arguments[0].eval(x);
            for (int i = 1; i < arguments.length; i++) {
                double v = arguments[i].eval(x);
                r = max ? Math.max(r, v) : Math.min(r, v);
            }
            return r;
        }
    }
}
