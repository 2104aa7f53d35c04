package org.autoknots.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GaussLegendreTest {

    @Test
    void exactForPolynomialsUpToDegreeTwoNMinusOne() {
        for (int n : new int[] {1, 2, 5, 20}) {
            GaussLegendre g = new GaussLegendre(n);
            int deg = 2 * n - 1;
            // ∫₀² x^deg dx = 2^(deg+1)/(deg+1)
            double exact = Math.pow(2, deg + 1) / (deg + 1);
            assertEquals(exact, g.integrate(x -> Math.pow(x, deg), 0, 2, 1), 1e-13 * exact, "n = " + n);
        }
    }

    @Test
    void smoothIntegrandOnPanels() {
        // ∫₀^π sin = 2
        assertEquals(2.0, new GaussLegendre(20).integrate(Math::sin, 0, Math.PI, 3), 1e-15);
    }

    @Test
    void rejectsBadOrder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GaussLegendre(0));
        assertEquals("Gauss-Legendre order 0 must lie in [1, 200]", e.getMessage());
    }

    @Test
    void einastoProjectionAgainstAPlainTrapezoidInZ() {
        // independent check: Σ(R) = 2∫₀^Z ρ(√(R² + z²)) dz by the trapezoid rule on a fine
        // geometric grid in z (ρ < 1e-40 of its peak beyond Z = 1e6)
        EinastoProjection f = new EinastoProjection(0.18, 50);
        for (double bigR : new double[] {0.05, 1.0, 20.0}) {
            int n = 400_000;
            double z0 = 1e-6 * bigR;
            double zMax = 1e6;
            double ratio = Math.pow(zMax / z0, 1.0 / n);
            double sum = 0;
            double zPrev = 0;
            double gPrev = f.density(bigR);
            double z = z0;
            for (int i = 0; i <= n; i++) {
                double g = f.density(Math.hypot(bigR, z));
                sum += 0.5 * (g + gPrev) * (z - zPrev);
                zPrev = z;
                gPrev = g;
                z *= ratio;
            }
            double expected = 2 * sum;
            assertEquals(expected, f.value(bigR), 1e-7 * expected, "R = " + bigR);
        }
    }
}
