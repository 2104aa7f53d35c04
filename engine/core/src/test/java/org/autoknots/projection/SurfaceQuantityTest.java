package org.autoknots.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SurfaceQuantityTest {

    @Test
    void keysRoundTrip() {
        assertEquals("sigma", SurfaceQuantity.SIGMA.key());
        assertEquals("mean_sigma", SurfaceQuantity.MEAN_SIGMA.key());
        assertEquals("delta_sigma", SurfaceQuantity.DELTA_SIGMA.key());
        for (SurfaceQuantity q : SurfaceQuantity.values()) {
            assertEquals(q, SurfaceQuantity.parse(q.key()));
        }
        assertEquals(SurfaceQuantity.MEAN_SIGMA, SurfaceQuantity.parse(" Mean_Sigma "));
    }

    @Test
    void unknownKeyListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SurfaceQuantity.parse("kappa"));
        assertEquals("unknown surface quantity 'kappa': valid are sigma, mean_sigma, delta_sigma", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SurfaceQuantity.parse(null)).getMessage()
                .contains("valid are"));
    }
}
