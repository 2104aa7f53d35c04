package org.autoknots.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KnotScaleTest {

    @Test
    void parsesTheThreeNamesAndRejectsOthers() {
        assertEquals(KnotScale.LINEAR, KnotScale.parse("linear"));
        assertEquals(KnotScale.LOG, KnotScale.parse("LOG"));
        assertEquals(KnotScale.ASINH, KnotScale.parse(" asinh "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KnotScale.parse("log10"));
        assertTrue(e.getMessage().contains("'log10'") && e.getMessage().contains("linear, log, asinh"), e.getMessage());
        assertEquals(RefinementMode.PAPER, RefinementMode.parse("paper"));
        assertThrows(IllegalArgumentException.class, () -> RefinementMode.parse("fast"));
    }

    @Test
    void asinhMatchesItsDefinitionAndStaysAccurateAtTheExtremes() {
        for (double z : new double[] {-50, -3, -0.5, 0.25, 2, 40}) {
            assertEquals(Math.log(z + Math.sqrt(z * z + 1)), KnotScale.asinh(z), 1e-14 * Math.max(1, Math.abs(z)));
        }
        assertEquals(1e-300, KnotScale.asinh(1e-300));
        assertEquals(-1e-20, KnotScale.asinh(-1e-20));
        assertEquals(Math.log(2e300), KnotScale.asinh(1e300), 1e-12);
        assertEquals(0.0, KnotScale.asinh(0.0));
    }

    @Test
    void toXInvertsToU() {
        for (double x : new double[] {1e-200, 0.3, 7, 1e250}) {
            assertEquals(x, KnotScale.LOG.toX(KnotScale.LOG.toU(x, 1), 1), 1e-13 * x);
            assertEquals(x, KnotScale.ASINH.toX(KnotScale.ASINH.toU(x, 2.5), 2.5), 1e-13 * x);
            assertEquals(-x, KnotScale.ASINH.toX(KnotScale.ASINH.toU(-x, 2.5), 2.5), 1e-13 * x);
            assertEquals(x, KnotScale.LINEAR.toU(x, 1));
        }
    }
}
