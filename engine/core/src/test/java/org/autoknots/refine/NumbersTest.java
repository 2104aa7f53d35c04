package org.autoknots.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1e-100, 1e-100",
        "1e100, 1e100",
        "-1e-100, -1e-100",
        "2.5e-5, 2.5e-5",
        "1e-300, 1e-300",
        "1.7976931348623157e308, 1.797693135e308",
        "4.9e-324, 4.9e-324",
        "62.83185307179586, 62.83185307",
        "0.5, 0.5",
        "10, 10",
        "100, 100",
        "1000000000, 1000000000",
        "10000000000, 1e10",
        "0.0001, 0.0001",
        "0.00001, 1e-5",
        "-3, -3",
        "1.25, 1.25",
    })
    void keepsTheExponentAndDropsOnlyTheMantissasTrailingZeros(double v, String expected) {
        assertEquals(expected, Numbers.format(v));
    }

    @Test
    void readsBackToTheRoundedValue() {
        for (double v : new double[] {1e-100, 1e100, Math.PI * 1e-17, -Math.E * 1e250, 123456.789, 1e-5, 7}) {
            String s = Numbers.format(v);
            assertEquals(v, Double.parseDouble(s), Math.abs(v) * 1e-9, s);
        }
    }

    @Test
    void zeroAndNonFiniteValues() {
        assertEquals("0", Numbers.format(0.0));
        assertEquals("0", Numbers.format(-0.0));
        assertEquals("NaN", Numbers.format(Double.NaN));
        assertEquals("-Infinity", Numbers.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void fewerDigits() {
        assertEquals("3.14159", Numbers.format(Math.PI, 6));
        assertEquals("1e-100", Numbers.format(1e-100, 6));
        assertEquals("3", Numbers.format(3.0000001, 6));
    }

    @Test
    void shortestKeepsEveryDigitThatTellsTheValue() {
        assertEquals("1e-20", Numbers.shortest(1e-20));
        assertEquals("5000", Numbers.shortest(5000));
        assertEquals("0.1", Numbers.shortest(0.1));
        assertEquals("2147483647", Numbers.shortest(Integer.MAX_VALUE));
        assertEquals("25000000000", Numbers.shortest(2.5e10));
        assertEquals("2.5e20", Numbers.shortest(2.5e20));
        assertEquals("1.25e-7", Numbers.shortest(1.25e-7));
        assertEquals("-1.5", Numbers.shortest(-1.5));
        assertEquals("0.30000000000000004", Numbers.shortest(0.1 + 0.2));
        assertEquals("0", Numbers.shortest(-0.0));
        assertEquals("Infinity", Numbers.shortest(Double.POSITIVE_INFINITY));
        for (double v : new double[] {Math.PI, 1e-300, 123456789.125, -7e22}) {
            assertEquals(v, Double.parseDouble(Numbers.shortest(v)), 0.0);
        }
    }
}
