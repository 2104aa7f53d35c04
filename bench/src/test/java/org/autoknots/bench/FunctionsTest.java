package org.autoknots.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FunctionsTest {

    @Test
    void nfwSigmaMatchesSixtyDigitReference() throws IOException {
        int checked = 0;
        try (InputStream in = FunctionsTest.class.getResourceAsStream("/halo_sigma.csv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("nfw,")) {
                    continue;
                }
                String[] p = line.split(",");
                double bigR = Double.parseDouble(p[3]);
                double sigma = Double.parseDouble(p[4]);
                if (bigR < 1e-4 || bigR > 1e4) {
                    continue;
                }
                assertEquals(sigma, Functions.nfwSigma(bigR), 1e-13 * sigma, "R = " + bigR);
                checked++;
            }
        }
        assertTrue(checked > 10, "reference rows checked: " + checked);
    }

    @Test
    void nfwSigmaIsContinuousAcrossTheSeriesBand() {
        // the band edge t = ±0.1: both sides agree to rounding
        for (double t : new double[] {-0.1, 0.1}) {
            double x = Math.sqrt(1 + t);
            double below = Functions.nfwSigma(Math.nextDown(x));
            double above = Functions.nfwSigma(Math.nextUp(x));
            assertEquals(below, above, 1e-13 * below);
        }
        assertEquals(2.0 / 3.0, Functions.nfwSigma(1.0), 1e-16);
        assertEquals(2.0 / 3.0, Functions.nfwSigma(Math.nextUp(1.0)), 1e-15);
    }

    @Test
    void acoshAgainstItsDefinition() {
        for (double z : new double[] {1.0, 1.5, 10, 1e7, 1e9, 1e300}) {
            double a = Functions.acosh(z);
            // cosh amplifies an error in a by a: allow a few ulp of a, times z
            assertEquals(z, Math.cosh(a), 4e-16 * (1 + a) * z, "z = " + z);
        }
    }
}
