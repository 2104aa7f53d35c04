package org.autoknots.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RefinementOptionsTest {

    private static void rejected(Supplier<RefinementOptions> build, String... words) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), () -> "'" + e.getMessage() + "' lacks '" + w + "'");
        }
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void defaults() {
        RefinementOptions o = RefinementOptions.builder(0, 1).build();
        assertEquals(KnotScale.LINEAR, o.scale());
        assertEquals(1e-6, o.rel());
        assertEquals(0.0, o.abs());
        assertEquals("not-a-knot", o.spline().id());
        assertEquals(6, o.initialKnots());
        assertEquals(10_000_000, o.maxKnots());
        assertEquals(Double.POSITIVE_INFINITY, o.maxSpacing());
        assertEquals(1.0, o.refineK());
        assertEquals(RefinementMode.GRADED, o.mode());
        assertEquals(Runtime.getRuntime().availableProcessors(), o.concurrency());
        assertEquals(1, RefinementOptions.builder(0, 1).mode(RefinementMode.PAPER).build().refineRounds());
        assertEquals(0, RefinementOptions.builder(0, 1).mode(RefinementMode.GRADED).build().refineRounds());
        assertEquals(3, RefinementOptions.builder(0, 1).mode(RefinementMode.GRADED).refineRounds(3).build().refineRounds());
    }

    @Test
    void rangeErrors() {
        rejected(() -> RefinementOptions.builder(1, 1).build(), "[1.0, 1.0]", "less than");
        rejected(() -> RefinementOptions.builder(2, 1).build(), "[2.0, 1.0]", "less than");
        rejected(() -> RefinementOptions.builder(0, Double.POSITIVE_INFINITY).build(), "Infinity", "finite");
        rejected(() -> RefinementOptions.builder(Double.NaN, 1).build(), "NaN", "finite");
        rejected(() -> RefinementOptions.builder(0, 1).scale(KnotScale.LOG).build(), "log", "> 0", "[0.0, 1.0]");
        rejected(() -> RefinementOptions.builder(-1, 1).scale(KnotScale.LOG).build(), "log", "> 0");
    }

    @Test
    void toleranceErrors() {
        rejected(() -> RefinementOptions.builder(0, 1).rel(-1e-6).build(), "rel = -1.0E-6", ">= 0");
        rejected(() -> RefinementOptions.builder(0, 1).abs(Double.NaN).build(), "abs = NaN");
        rejected(() -> RefinementOptions.builder(0, 1).rel(0).abs(0).build(), "rel = 0", "abs = 0", "> 0");
    }

    @Test
    void limitErrors() {
        rejected(() -> RefinementOptions.builder(0, 1).initialKnots(1).build(), "initialKnots = 1", "at least 2");
        rejected(() -> RefinementOptions.builder(0, 1).maxKnots(4).build(), "maxKnots 4", "11 knots that 6 initial knots");
        // the initial knots and one pass (a knot in each interval) must fit: 2n - 1
        rejected(() -> RefinementOptions.builder(0, 1).maxKnots(10).build(), "maxKnots 10", "give maxKnots 11 or more");
        assertEquals(11, RefinementOptions.builder(0, 1).maxKnots(11).build().maxKnots());
        rejected(() -> RefinementOptions.builder(0, 1).initialKnots(20).maxKnots(38).build(), "39 knots that 20 initial");
        rejected(() -> RefinementOptions.builder(0, 1).maxSpacing(1e-3).maxKnots(1000).build(), "maxKnots 1000",
                "2001 knots that 1001 initial knots (what maxSpacing = 0.001 needs)");
        rejected(() -> RefinementOptions.builder(0, 1).maxSpacing(0).build(), "maxSpacing = 0.0");
        rejected(() -> RefinementOptions.builder(0, 1).refineRounds(-1).build(), "refineRounds = -1");
        rejected(() -> RefinementOptions.builder(0, 1).refineK(Double.NaN).build(), "refineK = NaN");
        rejected(() -> RefinementOptions.builder(0, 1).concurrency(0).build(), "concurrency = 0", "at least 1");
        rejected(() -> RefinementOptions.builder(-1, 1).scale(KnotScale.ASINH).asinhScale(0).build(), "asinhScale = 0.0");
    }

    @Test
    void toBuilderKeepsEverything() {
        RefinementOptions o = RefinementOptions.builder(1, 5).scale(KnotScale.LOG).rel(1e-9).abs(1e-12).initialKnots(9)
                .maxKnots(500).maxSpacing(0.1).refineRounds(2).refineK(0.5).concurrency(3).mode(RefinementMode.PAPER).build();
        assertEquals(o.toString(), o.toBuilder().build().toString());
    }

    @Test
    void initialKnotsAreEvenInTheScaleWithExactEnds() {
        double[] x = Refinement.initialKnots(RefinementOptions.builder(1e-3, 1e3).scale(KnotScale.LOG).initialKnots(7).build());
        assertEquals(7, x.length);
        assertEquals(1e-3, x[0]);
        assertEquals(1e3, x[6]);
        for (int i = 1; i < 6; i++) {
            assertEquals(Math.pow(10, -3 + i), x[i], 1e-12 * x[i]);
        }
        double[] y = Refinement.initialKnots(RefinementOptions.builder(0, 1).maxSpacing(0.01).build());
        assertEquals(101, y.length);
        assertEquals(0.37, y[37], 1e-15);
    }
}
