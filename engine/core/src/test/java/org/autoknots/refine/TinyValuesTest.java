package org.autoknots.refine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** f near the smallest doubles: a tolerance of a few rounding steps (4.9e-324) is not claimed as met. */
class TinyValuesTest {

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void valuesNearTheSmallestDoublesAreNotConverged(RefinementMode mode) {
        RefinementResult r = AutoKnots.tabulate(x -> 1e-300 * Math.exp(-x),
                RefinementOptions.builder(0, 50).rel(1e-8).mode(mode).build());
        assertFalse(r.converged(), r::toString);
        assertTrue(r.diagnosis().contains("f is too small to hold the tolerance"), r::diagnosis);
        // where it starts: 1e-8·1e-300·e^-x < 1024·4.9e-324 from x ≈ 28.3
        double at = Double.parseDouble(r.diagnosis().replaceAll(".*from x ≈ ([^ ]+) .*", "$1"));
        assertTrue(at > 27 && at < 30, r::diagnosis);
    }

    @ParameterizedTest
    @EnumSource(RefinementMode.class)
    void smallButNormalValuesStillConvergeAndMeetTheTolerance(RefinementMode mode) {
        RefinementResult r = AutoKnots.tabulate(x -> 1e-300 * Math.exp(-x),
                RefinementOptions.builder(0, 15).rel(1e-8).mode(mode).build());
        assertTrue(r.converged(), r::toString);
        Verify.Outcome v = Verify.check(x -> 1e-300 * Math.exp(-x), r.spline(), 0, 15, false, 1e-8, 0, 100_000, 3);
        assertTrue(v.ratio() <= 1, v::toString);
    }
}
