package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autoknots.refine.RefinementResult;
import org.autoknots.spline.CubicNotAKnotSpline;
import org.junit.jupiter.api.Test;

/** The advice for a knot limit reached on noise never suggests a tolerance that is no precision. */
class OutcomesTest {

    private static RefinementResult noisy(double noiseAbs, double noiseRel) {
        double[] x = {0, 1, 2, 3};
        double[] y = {0, 1, 4, 9};
        return new RefinementResult(new CubicNotAKnotSpline().build(x, y), 4, 1, 0, 4, false, new double[0], 50,
                1, 1, new double[0], "", noiseAbs, noiseRel);
    }

    @Test
    void smallNoiseGetsBothTolerancesSuggested() {
        String d = Outcomes.diagnosis(noisy(3e-10, 2e-10), 1e-12, 4, Outcomes.Names.COMMAND_LINE);
        assertTrue(d.contains("loosen --rel to about 1e-8 (or set --abs to about 1e-8)"), d);
    }

    @Test
    void noiseAsLargeAsFIsNeverAnsweredWithARelativeToleranceOfOneOrMore() {
        String d = Outcomes.diagnosis(noisy(0.3, 0.8), 1e-12, 4, Outcomes.Names.COMMAND_LINE);
        assertFalse(d.contains("--rel to"), d);
        assertTrue(d.contains("set --abs to about 1e1"), d);
    }

    @Test
    void decadeAboveIsThePowerOfTenAtOrAbove() {
        assertEquals("1e-8", Outcomes.decadeAbove(3e-9));
        assertEquals("1e-8", Outcomes.decadeAbove(1e-8));
        assertEquals("1", Outcomes.decadeAbove(0.5));
        assertEquals("1e1", Outcomes.decadeAbove(3));
    }
}
