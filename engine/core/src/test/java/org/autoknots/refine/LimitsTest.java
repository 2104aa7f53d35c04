package org.autoknots.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The knot budget: the initial knots and one pass (2n − 1) must fit, and the advice must be one that can be followed. */
class LimitsTest {

    @Test
    void aBudgetBelowTheFirstPassAsksForTwoNMinusOne() {
        assertEquals(Optional.empty(), Limits.knotBudget(11, 6, "max-knots", ""));
        String said = Limits.knotBudget(10, 6, "max-knots", "").orElseThrow();
        assertTrue(said.startsWith("max-knots 10 is below the 11 knots that 6 initial knots"), said);
        assertTrue(said.endsWith("give max-knots 11 or more"), said);
    }

    @Test
    void aNeedBeyondTheLargestBudgetIsNotAnsweredWithThatBudget() {
        long initial = 30_000_000;
        String said = Limits.knotBudget(1_000_000, initial, "--max-knots", " (what --max-spacing = 1e-7 needs)")
                .orElseThrow();
        assertTrue(said.contains("the " + (2 * initial - 1) + " knots"), said);
        assertTrue(said.contains("above the largest budget, 50000000; ask for fewer initial knots (a larger spacing)"),
                said);
        assertTrue(!said.contains("give --max-knots"), said);
    }
}
