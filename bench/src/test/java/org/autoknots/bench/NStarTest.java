package org.autoknots.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NStarTest {

    /** battery_nstar.csv: N* from exact (sympy) fourth derivatives and 4e5–8e5-point trapezoid rules. */
    private static Map<String, Double> reference() throws IOException {
        Map<String, Double> m = new HashMap<>();
        try (InputStream in = NStarTest.class.getResourceAsStream("/battery_nstar.csv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("case,")) {
                    continue;
                }
                String[] p = line.split(",");
                m.put(p[0], Double.parseDouble(p[1]));
            }
        }
        return m;
    }

    @Test
    void matchesReferenceFileWithinOnePercent() throws IOException {
        Map<String, Double> ref = reference();
        assertEquals(9, ref.size());
        for (BenchCase c : Battery.all()) {
            if (c.id().equals("kink")) {
                continue;
            }
            double expected = ref.get(c.id());
            double got = NStar.of(c, 100_000);
            assertEquals(expected, got, 0.01 * expected, c.id());
        }
    }

    @Test
    void kinkHasNoLowerBound() {
        assertTrue(Double.isNaN(NStar.of(Battery.select("kink").get(0))));
    }

    @Test
    void closedFormForExp() {
        // f = e^x, rel only: density (5/(384 rel))^(1/4) is constant, N* = 2·(5/(384e-6))^(1/4)
        BenchCase exp = Battery.select("exp").get(0);
        assertEquals(2 * Math.pow(5.0 / (384 * 1e-6), 0.25), NStar.of(exp, 10_000), 1e-9);
    }

    @Test
    void scalesAsToleranceToTheMinusQuarter() {
        BenchCase runge = Battery.select("runge").get(0);
        double n6 = NStar.of(runge, 50_000);
        double n10 = NStar.of(runge.withRel(1e-10), 50_000);
        assertEquals(10.0, n10 / n6, 1e-9);
    }
}
