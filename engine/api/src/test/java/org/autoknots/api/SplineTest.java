package org.autoknots.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default methods of {@link Spline}: the batch evaluation {@code values(x, out)} and {@code values(x)}. */
class SplineTest {

    /** s(x) = 2x + 1 on [0, 1], a minimal Spline that records the points it is asked for. */
    private static final class Line implements Spline {
        final List<Double> asked = new ArrayList<>();

        @Override
        public int size() {
            return 2;
        }

        @Override
        public double lower() {
            return 0;
        }

        @Override
        public double upper() {
            return 1;
        }

        @Override
        public double[] knots() {
            return new double[] {0, 1};
        }

        @Override
        public double[] values() {
            return new double[] {1, 3};
        }

        @Override
        public double value(double x) {
            asked.add(x);
            if (!(x >= 0 && x <= 1)) {
                throw new IllegalArgumentException("x = " + x + " is outside [0, 1]");
            }
            return 2 * x + 1;
        }

        @Override
        public double derivative(double x) {
            return 2;
        }

        @Override
        public double secondDerivative(double x) {
            return 0;
        }

        @Override
        public double integral(double u, double v) {
            return (v * v + v) - (u * u + u);
        }

        @Override
        public double knotAt(int i) {
            return i;
        }
    }

    @Test
    void valuesCallsValueOncePerPointInOrder() {
        Line s = new Line();
        double[] x = {0.5, 0, 1, 0.25, 0.75};
        double[] out = new double[5];
        s.values(x, out);
        assertArrayEquals(new double[] {2, 1, 3, 1.5, 2.5}, out, 0.0);
        assertEquals(List.of(0.5, 0.0, 1.0, 0.25, 0.75), s.asked);
        assertArrayEquals(new double[] {2, 1, 3, 1.5, 2.5}, s.values(x), 0.0);
        // in place
        s.values(x, x);
        assertArrayEquals(new double[] {2, 1, 3, 1.5, 2.5}, x, 0.0);
        assertEquals(0, s.values(new double[0]).length);
    }

    @Test
    void anOffendingPointStopsTheBatchWithValuesException() {
        Line s = new Line();
        double[] x = {0.5, 0.25, 2.0, 0.75};
        double[] out = {-1, -1, -1, -1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.values(x, out));
        assertEquals("x = 2.0 is outside [0, 1]", e.getMessage());
        assertArrayEquals(new double[] {2, 1.5, -1, -1}, out, 0.0);
        assertEquals(List.of(0.5, 0.25, 2.0), s.asked);
        e = assertThrows(IllegalArgumentException.class, () -> s.values(new double[] {Double.NaN}));
        assertEquals("x = NaN is outside [0, 1]", e.getMessage());
    }

    @Test
    void lengthsMustMatch() {
        Line s = new Line();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.values(new double[] {0.5, 0.5}, new double[3]));
        assertEquals("values: 2 points but an output array of length 3", e.getMessage());
        assertEquals(List.of(), s.asked);
    }
}
