package org.example.burkert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.autoknots.api.FunctionInstance;
import org.autoknots.api.ParameterException;
import org.autoknots.api.Parameters;
import org.junit.jupiter.api.Test;

class BurkertProfileTest {

    private final BurkertProfile burkert = new BurkertProfile();

    @Test
    void closedFormValues() {
        FunctionInstance rho = burkert.create(Parameters.of(Map.of("rho_0", 3.0, "r_0", 2.0)));
        assertEquals(3.0, rho.value(0.0), 0.0);                 // the core: rho_0
        assertEquals(3.0 / 4.0, rho.value(2.0), 1e-16);          // r = r_0: rho_0 / (2 * 2)
        assertEquals(3.0 / (1.5 * 1.25), rho.value(1.0), 1e-15); // r = r_0/2
        // far out rho -> rho_0 r_0^3 / r^3
        double r = 1e6;
        assertEquals(3.0 * 8.0 / (r * r * r), rho.value(r), 1e-5 * 3.0 * 8.0 / (r * r * r));
        assertTrue(Double.isNaN(rho.value(-1.0)), "negative radius gives NaN, reported by the engine");
    }

    @Test
    void rangesBelowZeroAreRefusedBeforeAnythingIsEvaluated() {
        FunctionInstance rho = burkert.create(Parameters.of(Map.of("rho_0", 3.0, "r_0", 2.0)));
        rho.checkDomain(0.0, 10.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rho.checkDomain(-0.5, 10.0));
        assertEquals("r must be >= 0 (its domain), got the range [-0.5, 10.0]; start the range at 0 or above",
                e.getMessage());
    }

    @Test
    void parametersAreValidated() {
        ParameterException missing = assertThrows(ParameterException.class,
                () -> burkert.create(Parameters.of(Map.of("rho_0", 1.0))));
        assertEquals("r_0", missing.parameter());
        ParameterException negative = assertThrows(ParameterException.class,
                () -> burkert.create(Parameters.of(Map.of("rho_0", -1.0, "r_0", 1.0))));
        assertEquals("rho_0", negative.parameter());
        assertEquals("burkert", burkert.id());
        assertEquals(2, burkert.parameters().size());
    }
}
