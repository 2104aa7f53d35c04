package org.autoknots.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JetTest {

    @Test
    void fourthDerivativesOfElementaryFunctions() {
        double x = 0.37;
        assertEquals(Math.exp(x), Jet.variable(x).exp().derivative(4), 1e-14);
        assertEquals(Math.sin(3 * x) * 81, Jet.variable(x).multiply(3).sin().derivative(4), 1e-12);
        assertEquals(Math.cos(3 * x) * 81, Jet.variable(x).multiply(3).cos().derivative(4), 1e-12);
        // d⁴/dx⁴ ln x = −6/x⁴
        assertEquals(-6 / Math.pow(x, 4), Jet.variable(x).log().derivative(4), 1e-9);
        // d⁴/dx⁴ x^2.5 = 2.5·1.5·0.5·(−0.5)·x^(−1.5)
        assertEquals(2.5 * 1.5 * 0.5 * -0.5 * Math.pow(x, -1.5), Jet.variable(x).pow(2.5).derivative(4), 1e-12);
        // d⁴/dx⁴ 1/x = 24/x⁵
        assertEquals(24 / Math.pow(x, 5), Jet.variable(x).reciprocal(1.0).derivative(4), 1e-9);
    }

    @Test
    void tanhMatchesClosedForm() {
        // tanh⁗(u) = 8·T·(2 − 3T²)·(1 − T²), T = tanh u
        for (double u : new double[] {-3, -0.4, 0.1, 1.2, 30}) {
            double t = Math.tanh(u);
            double expected = 8 * t * (2 - 3 * t * t) * (1 - t * t);
            assertEquals(expected, Jet.variable(u).tanh().derivative(4), 1e-12, "u = " + u);
        }
    }

    @Test
    void rungeMatchesClosedForm() {
        // d⁴/du⁴ 1/(1 + u²) = 24(5u⁴ − 10u² + 1)/(1 + u²)⁵
        BenchCase runge = Battery.select("runge").get(0);
        for (double x : new double[] {-0.9, -0.2, 0.0, 0.05, 0.5}) {
            double u = 5 * x;
            double expected = 625 * 24 * (5 * u * u * u * u - 10 * u * u + 1) / Math.pow(1 + u * u, 5);
            assertEquals(expected, runge.jet().apply(Jet.variable(x)).derivative(4), 1e-9 * Math.abs(expected) + 1e-9);
        }
    }

    @Test
    void inverseTrigAgainstFiniteDifferences() {
        // first and second derivatives of acos and acosh against their closed forms
        double z = 0.3;
        Jet a = Jet.variable(z).acos();
        assertEquals(Math.acos(z), a.value(), 1e-15);
        assertEquals(-1 / Math.sqrt(1 - z * z), a.derivative(1), 1e-14);
        assertEquals(-z / Math.pow(1 - z * z, 1.5), a.derivative(2), 1e-13);
        double w = 3.0;
        Jet h = Jet.variable(w).acosh();
        assertEquals(Math.log(w + Math.sqrt(w * w - 1)), h.value(), 1e-15);
        assertEquals(1 / Math.sqrt(w * w - 1), h.derivative(1), 1e-14);
        assertEquals(-w / Math.pow(w * w - 1, 1.5), h.derivative(2), 1e-13);
    }

    @Test
    void jetValuesAgreeWithTheDoubleFunctions() {
        for (BenchCase c : Battery.all()) {
            if (c.jet() == null) {
                continue;
            }
            for (int i = 1; i < 10; i++) {
                double x = c.log() ? c.a() * Math.pow(c.b() / c.a(), i / 10.0) : c.a() + (c.b() - c.a()) * i / 10.0;
                double y = c.f().value(x);
                // where the tolerance has an absolute part, f is O(1) and a 1e-15 absolute error is harmless
                double slack = 1e-13 * Math.abs(y) + (c.abs() > 0 ? 1e-15 : 0);
                assertEquals(y, c.jet().apply(Jet.variable(x)).value(), slack, c.id() + " at " + x);
            }
        }
    }

    @Test
    void fourthDerivativeAgainstFourthDifferenceOfNfwSigma() {
        // independent check of the composed jet: central fourth difference, h = 1e-2·x
        for (double x : new double[] {0.05, 0.5, 3.0, 40.0}) {
            double h = 1e-2 * x;
            double fd = (Functions.nfwSigma(x - 2 * h) - 4 * Functions.nfwSigma(x - h) + 6 * Functions.nfwSigma(x)
                    - 4 * Functions.nfwSigma(x + h) + Functions.nfwSigma(x + 2 * h)) / Math.pow(h, 4);
            double jet = Functions.nfwSigma(Jet.variable(x)).derivative(4);
            assertEquals(jet, fd, 2e-3 * Math.abs(jet), "x = " + x);
        }
    }
}
