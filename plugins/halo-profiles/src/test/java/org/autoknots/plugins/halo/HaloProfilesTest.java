package org.autoknots.plugins.halo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.ParameterException;
import org.autoknots.api.ParameterSpec;
import org.autoknots.api.Parameters;
import org.autoknots.api.SurfaceDensity;
import org.autoknots.api.TargetFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The NFW, Hernquist and Einasto extensions: densities, closed forms, parameter checks. */
class HaloProfilesTest {

    private static final double TOL = 1e-13;
    private static final double LN2 = Math.log(2);

    private static SurfaceDensity nfw(double rhoS, double rS) {
        return new NfwProfile().create(Parameters.of(Map.of("rho_s", rhoS, "r_s", rS))).surfaceDensity().orElseThrow();
    }

    private static SurfaceDensity hernquist(double m, double a) {
        return new HernquistProfile().create(Parameters.of(Map.of("M", m, "a", a))).surfaceDensity().orElseThrow();
    }

    private static void assertRel(double expected, double actual, double tol, String what) {
        double err = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(err <= tol, what + ": expected " + expected + ", got " + actual + ", relative error " + err);
    }

    record Row(String profile, double p1, double p2, double r, double sigma, double meanSigma, double deltaSigma) {
    }

    private static List<Row> reference() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = HaloProfilesTest.class.getResourceAsStream("/halo_sigma.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("profile") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                rows.add(new Row(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6])));
            }
        }
        return rows;
    }

    @Test
    void closedFormsMatchEveryReferenceRow() throws IOException {
        List<Row> rows = reference();
        assertEquals(106, rows.size(), "rows in halo_sigma.csv");
        double worst = 0;
        for (Row row : rows) {
            SurfaceDensity s = row.profile().equals("nfw") ? nfw(row.p1(), row.p2()) : hernquist(row.p1(), row.p2());
            String where = row.profile() + " at R = " + row.r();
            assertRel(row.sigma(), s.sigma(row.r()), TOL, where + " sigma");
            assertRel(row.meanSigma(), s.meanSigma(row.r()), TOL, where + " mean_sigma");
            assertRel(row.deltaSigma(), s.deltaSigma(row.r()), TOL, where + " delta_sigma");
            worst = Math.max(worst, Math.abs(s.sigma(row.r()) / row.sigma() - 1));
        }
        assertTrue(worst < TOL);
    }

    /** Leading terms of the series in t = x² − 1 around x = 1 (t² terms are below 1e−15 here). */
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.0000000000000002, 0.9999999999999999, 1 + 1e-8, 1 - 1e-8, 1 + 3e-9})
    void stableAtAndNearOne(double x) {
        double t = (x - 1) * (x + 1);
        double nfwSigma = 2 * (1.0 / 3 - t / 5);
        double nfwMean = 4 * ((1 - LN2) + t * (LN2 - 5.0 / 6));
        double hSigma = (4.0 / 15 - 8.0 / 35 * t) / (2 * Math.PI);
        double hMean = (1.0 / 3 - t / 5) / Math.PI;
        SurfaceDensity n = nfw(1, 1);
        SurfaceDensity h = hernquist(1, 1);
        assertRel(nfwSigma, n.sigma(x), TOL, "nfw sigma at " + x);
        assertRel(nfwMean, n.meanSigma(x), TOL, "nfw mean_sigma at " + x);
        assertRel(nfwMean - nfwSigma, n.deltaSigma(x), TOL, "nfw delta_sigma at " + x);
        assertRel(hSigma, h.sigma(x), TOL, "hernquist sigma at " + x);
        assertRel(hMean, h.meanSigma(x), TOL, "hernquist mean_sigma at " + x);
        assertRel(hMean - hSigma, h.deltaSigma(x), TOL, "hernquist delta_sigma at " + x);
    }

    @Test
    void theFloatingPointTrapFromTheDoc() {
        // r_s = 0.3 and R = 0.1 + 0.2 give x one ulp above 1
        double rhoS = 2.5;
        double rS = 0.3;
        double x = (0.1 + 0.2) / rS;
        double t = (x - 1) * (x + 1);
        assertTrue(x != 1.0);
        assertRel(2 * rhoS * rS * (1.0 / 3 - t / 5), nfw(rhoS, rS).sigma(0.1 + 0.2), TOL, "nfw sigma");
        assertRel(4 * rhoS * rS * ((1 - LN2) + t * (LN2 - 5.0 / 6)), nfw(rhoS, rS).meanSigma(0.1 + 0.2), TOL,
                "nfw mean_sigma");
    }

    /** Leading terms as x → 0: the next ones are O(x² ln x), below 1e−20 here. */
    @ParameterizedTest
    @ValueSource(doubles = {1e-12, 1e-300, 1e-15, 4.9e-324})
    void stableAtTinyRadii(double x) {
        double l = LN2 - Math.log(x); // ln(2/x) without overflow
        SurfaceDensity n = nfw(1, 1);
        SurfaceDensity h = hernquist(1, 1);
        assertRel(2 * (l - 1), n.sigma(x), TOL, "nfw sigma at " + x);
        assertRel(2 * (l - 0.5), n.meanSigma(x), TOL, "nfw mean_sigma at " + x);
        assertRel(1.0, n.deltaSigma(x), TOL, "nfw delta_sigma at " + x);
        double unit = 1 / (2 * Math.PI);
        assertRel(unit * (2 * l - 3), h.sigma(x), TOL, "hernquist sigma at " + x);
        assertRel(2 * unit * (l - 1), h.meanSigma(x), TOL, "hernquist mean_sigma at " + x);
        assertRel(unit, h.deltaSigma(x), TOL, "hernquist delta_sigma at " + x);
    }

    /** Asymptotic forms with X = π/(2x) − 1/x² + O(x⁻³); dropped terms are O(x⁻²) relative. */
    @ParameterizedTest
    @ValueSource(doubles = {1e12, 1e14})
    void stableAtLargeRadii(double x) {
        SurfaceDensity n = nfw(1, 1);
        SurfaceDensity h = hernquist(1, 1);
        double nfwSigma = 2 * (1 - Math.PI / (2 * x)) / (x * x);
        double nfwMean = 4 * (Math.log(x / 2) + Math.PI / (2 * x)) / (x * x);
        assertRel(nfwSigma, n.sigma(x), TOL, "nfw sigma");
        assertRel(nfwMean, n.meanSigma(x), TOL, "nfw mean_sigma");
        assertRel(nfwMean - nfwSigma, n.deltaSigma(x), TOL, "nfw delta_sigma");
        double x2 = x * x;
        double hSigma = (Math.PI * x / 2 - 4) / (x2 * x2) / (2 * Math.PI);
        double hMean = (1 - Math.PI / (2 * x)) / x2 / Math.PI;
        assertRel(hSigma, h.sigma(x), TOL, "hernquist sigma");
        assertRel(hMean, h.meanSigma(x), TOL, "hernquist mean_sigma");
        assertRel(hMean - hSigma, h.deltaSigma(x), TOL, "hernquist delta_sigma");
    }

    @Test
    void hugeRadiiNeitherOverflowNorGiveNaN() {
        for (double x : new double[] {1e160, 1e200, Double.MAX_VALUE}) {
            for (SurfaceDensity s : List.of(nfw(1, 1), hernquist(1, 1))) {
                double[] v = {s.sigma(x), s.meanSigma(x), s.deltaSigma(x)};
                for (double y : v) {
                    assertTrue(y >= 0 && Double.isFinite(y), "value at " + x + ": " + y);
                }
            }
            // NFW mean Σ ~ 4 ln(x/2)/x² stays representable up to x ~ 1e154 only; below that, check it
        }
        assertRel(4 * Math.log(1e150 / 2) / 1e300, nfw(1, 1).meanSigma(1e150), 1e-13, "nfw mean_sigma at 1e150");
    }

    /** Both sides of the series band |x² − 1| = 1/2 agree (the branches are independent formulas). */
    @Test
    void continuousAcrossTheSeriesBand() {
        for (double edge : new double[] {Math.sqrt(0.5), Math.sqrt(1.5)}) {
            double below = Math.nextDown(Math.nextDown(edge));
            double above = Math.nextUp(Math.nextUp(edge));
            for (SurfaceDensity s : List.of(nfw(1, 1), hernquist(1, 1))) {
                assertRel(s.sigma(below), s.sigma(above), 5e-14, "sigma across " + edge);
                assertRel(s.meanSigma(below), s.meanSigma(above), 5e-14, "mean_sigma across " + edge);
                assertRel(s.deltaSigma(below), s.deltaSigma(above), 5e-14, "delta_sigma across " + edge);
            }
        }
        // and the small-x ΔΣ branch switches at 1/2
        for (SurfaceDensity s : List.of(nfw(1, 1), hernquist(1, 1))) {
            assertRel(s.deltaSigma(Math.nextDown(0.5)), s.deltaSigma(0.5), 5e-14, "delta_sigma across 0.5");
            assertRel(s.meanSigma(0.5) - s.sigma(0.5), s.deltaSigma(Math.nextDown(0.5)), 5e-14, "delta_sigma at 0.5");
        }
    }

    /**
     * Σ(R) = 2 ∫ ρ(√(R² + z²)) dz with z = e^y, trapezoid rule, step 1/128 on y ∈ [ln R − 40, ln 1e12]:
     * the integrand is analytic in |Im y| &lt; π/2, so the rule is accurate to rounding. Independent
     * of the closed forms.
     */
    private static double trapezoidSigma(FunctionInstance rho, double r) {
        double h = 1.0 / 128;
        double lo = Math.log(r) - 40;
        int n = (int) Math.ceil((Math.log(1e12) - lo) / h);
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double z = Math.exp(lo + i * h);
            sum += (i == 0 || i == n ? 0.5 : 1.0) * rho.value(Math.hypot(r, z)) * z;
        }
        return 2 * h * sum;
    }

    @Test
    void sigmaAgreesWithDirectIntegrationOfTheDensityOnRandomRadii() {
        FunctionInstance n = new NfwProfile().create(Parameters.of(Map.of("rho_s", 1.0, "r_s", 1.0)));
        FunctionInstance h = new HernquistProfile().create(Parameters.of(Map.of("M", 1.0, "a", 1.0)));
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 120; i++) {
            // log-uniform over [1e-3, 1e3], and dense around the series band |x² − 1| < 1/2
            double x = i % 2 == 0 ? Math.pow(10, -3 + 6 * random.nextDouble()) : 0.6 + 0.7 * random.nextDouble();
            assertRel(trapezoidSigma(n, x), n.surfaceDensity().orElseThrow().sigma(x), 1e-12, "nfw sigma at " + x);
            assertRel(trapezoidSigma(h, x), h.surfaceDensity().orElseThrow().sigma(x), 1e-12,
                    "hernquist sigma at " + x);
        }
    }

    @Test
    void zeroRadiusIsInfiniteNeverNaN() {
        for (SurfaceDensity s : List.of(nfw(1, 2), hernquist(3, 0.5))) {
            assertEquals(Double.POSITIVE_INFINITY, s.sigma(0.0));
            assertEquals(Double.POSITIVE_INFINITY, s.meanSigma(0.0));
        }
        assertEquals(1.0 * 2, nfw(1, 2).deltaSigma(0.0), 0.0, "nfw: delta_sigma -> rho_s r_s");
        assertEquals(3 / (2 * Math.PI * 0.25), hernquist(3, 0.5).deltaSigma(0.0), 1e-15, "hernquist: M/(2 pi a^2)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, Double.NaN, Double.POSITIVE_INFINITY, -0.0 - 1e-300})
    void badRadiiAreClearErrors(double r) {
        for (SurfaceDensity s : List.of(nfw(1, 1), hernquist(1, 1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.sigma(r));
            assertTrue(e.getMessage().contains("R must be finite and >= 0"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.meanSigma(r));
            assertThrows(IllegalArgumentException.class, () -> s.deltaSigma(r));
        }
    }

    @Test
    void scalesWithTheParameters() {
        // Σ = 2 ρ_s r_s f(R/r_s): compare against the unit profile at the same x
        SurfaceDensity unit = nfw(1, 1);
        SurfaceDensity scaled = nfw(7.0, 0.25);
        for (double x : new double[] {1e-3, 0.5, 2, 30}) {
            assertRel(7.0 * 0.25 * unit.sigma(x), scaled.sigma(0.25 * x), 1e-15, "nfw sigma scaling");
            assertRel(7.0 * 0.25 * unit.meanSigma(x), scaled.meanSigma(0.25 * x), 1e-15, "nfw mean scaling");
        }
        SurfaceDensity hu = hernquist(1, 1);
        SurfaceDensity hs = hernquist(5.0, 4.0);
        for (double x : new double[] {1e-3, 0.5, 2, 30}) {
            assertRel(5.0 / 16 * hu.sigma(x), hs.sigma(4 * x), 1e-15, "hernquist sigma scaling");
            assertRel(5.0 / 16 * hu.deltaSigma(x), hs.deltaSigma(4 * x), 1e-15, "hernquist delta scaling");
        }
    }

    @Test
    void densities() {
        FunctionInstance n = new NfwProfile().create(Parameters.of(Map.of("rho_s", 3.0, "r_s", 2.0)));
        assertRel(3.0 / 4, n.value(2.0), 1e-15, "nfw rho(r_s) = rho_s/4");
        assertRel(3.0 / (0.5 * 1.5 * 1.5), n.value(1.0), 1e-15, "nfw rho(r_s/2)");
        FunctionInstance h = new HernquistProfile().create(Parameters.of(Map.of("M", 5.0, "a", 2.0)));
        assertRel(5.0 * 2 / (2 * Math.PI * 2 * 64), h.value(2.0), 1e-15, "hernquist rho(a)");
        assertRel(5.0 * 2 / (2 * Math.PI * 6 * 512), h.value(6.0), 1e-15, "hernquist rho(3a)");
        FunctionInstance e = new EinastoProfile().create(Parameters.of(Map.of("rho_2", 2.0, "r_2", 3.0, "alpha", 0.17)));
        assertRel(2.0, e.value(3.0), 1e-15, "einasto rho(r_2) = rho_2");
        assertRel(2.0 * Math.exp(-(2 / 0.17) * (Math.pow(2.0, 0.17) - 1)), e.value(6.0), 1e-14, "einasto rho(2 r_2)");
        // d ln rho / d ln r = -2 at r_2 (central difference in ln r)
        double hh = 1e-5;
        double slope = (Math.log(e.value(3.0 * Math.exp(hh))) - Math.log(e.value(3.0 * Math.exp(-hh)))) / (2 * hh);
        assertEquals(-2.0, slope, 1e-8);
        assertTrue(e.surfaceDensity().isEmpty(), "einasto publishes no closed form");
        assertTrue(n.surfaceDensity().isPresent() && h.surfaceDensity().isPresent());
    }

    private static void checkDomain(FunctionInstance f, double lower, double upper) {
        f.checkDomain(lower, upper);
    }

    @Test
    void theDomainIsCheckedOnARangeAndValuesOutsideItAreNaN() {
        FunctionInstance n = new NfwProfile().create(Parameters.of(Map.of("rho_s", 1.0, "r_s", 1.0)));
        FunctionInstance h = new HernquistProfile().create(Parameters.of(Map.of("M", 1.0, "a", 1.0)));
        FunctionInstance e = new EinastoProfile().create(Parameters.of(Map.of("rho_2", 1.0, "r_2", 1.0, "alpha", 1.0)));
        for (FunctionInstance f : List.of(n, h)) {
            checkDomain(f, 1e-300, 10);
            for (double lower : new double[] {-1, 0, -0.0}) {
                IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> checkDomain(f, lower, 10));
                assertTrue(x.getMessage().startsWith("r must be > 0 (its domain), got the range [" + lower + ", 10.0]"),
                        x.getMessage());
            }
            // below the pole the formulas give negative densities (nfw: -4 at r = -r_s/2): NaN instead
            assertTrue(Double.isNaN(f.value(-0.5)), f + " at -0.5");
            assertEquals(Double.POSITIVE_INFINITY, f.value(0.0), f + " at the pole");
        }
        checkDomain(e, 0, 10);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> checkDomain(e, -1e-9, 10));
        assertTrue(x.getMessage().startsWith("r must be >= 0 (its domain), got the range [-1.0E-9, 10.0]"), x.getMessage());
        // finite at the centre: rho_2 e^(2/alpha); with alpha = 1, (r/r_2)^alpha would be a finite, wrong number below 0
        assertRel(Math.exp(2), e.value(0.0), 1e-15, "einasto rho(0)");
        assertTrue(Double.isNaN(e.value(-0.5)));
    }

    @Test
    void describesItself() {
        Map<String, List<String>> expected = Map.of("nfw", List.of("rho_s", "r_s"), "hernquist", List.of("M", "a"),
                "einasto", List.of("rho_2", "r_2", "alpha"));
        for (TargetFunction f : List.of(new NfwProfile(), new HernquistProfile(), new EinastoProfile())) {
            assertEquals(expected.get(f.id()), f.parameters().stream().map(ParameterSpec::name).toList(), f.id());
            assertFalse(f.description().isBlank());
            assertFalse(f.acceptsOtherParameters());
            for (ParameterSpec p : f.parameters()) {
                assertTrue(p.required(), p.name());
                assertEquals(ParameterSpec.Type.NUMBER, p.type());
                assertFalse(p.description().isBlank(), p.name());
                assertFalse(p.unit().isBlank(), p.name());
            }
        }
    }

    @Test
    void parametersAreValidatedByName() {
        TargetFunction nfw = new NfwProfile();
        ParameterException e = assertThrows(ParameterException.class,
                () -> nfw.create(Parameters.of(Map.of("rho_s", 1.0, "r_s", -2.0))));
        assertEquals("r_s", e.parameter());
        assertTrue(e.getMessage().contains("r_s") && e.getMessage().contains("-2.0"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> nfw.create(Parameters.of(Map.of("r_s", 1.0))));
        assertEquals("rho_s", e.parameter());
        e = assertThrows(ParameterException.class,
                () -> new HernquistProfile().create(Parameters.of(Map.of("M", Double.POSITIVE_INFINITY, "a", 1.0))));
        assertEquals("M", e.parameter());
        e = assertThrows(ParameterException.class,
                () -> new HernquistProfile().create(Parameters.of(Map.of("M", 1.0, "a", 0.0))));
        assertEquals("a", e.parameter());
        e = assertThrows(ParameterException.class, () -> new EinastoProfile()
                .create(Parameters.of(Map.of("rho_2", 1.0, "r_2", 1.0, "alpha", Double.NaN))));
        assertEquals("alpha", e.parameter());
        e = assertThrows(ParameterException.class, () -> new EinastoProfile()
                .create(Parameters.of(Map.of("rho_2", 1.0, "r_2", "big", "alpha", 0.2))));
        assertEquals("r_2", e.parameter());
    }
}
