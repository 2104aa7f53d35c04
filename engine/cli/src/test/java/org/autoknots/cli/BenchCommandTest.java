package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code autoknots bench}: bad option values are one-line usage errors, before anything runs. */
class BenchCommandTest {

    @Test
    void aToleranceBelowTheFloorOfPipelinesAndTabulateIsAUsageError() {
        for (String tier : List.of("1e-20", "9e-16")) {
            Cli.Result r = Cli.run("bench", "--cases", "exp", "--tolerances", "table," + tier);
            assertEquals(ExitCodes.USAGE, r.code(), r::toString);
            assertEquals("", r.out(), r::toString);
            assertEquals(List.of("autoknots bench: --tolerances: tier " + tier + " is below what double precision can"
                    + " attain; valid: 'table' or a relative tolerance from 1e-15 to below 1, e.g. --tolerances"
                    + " table,1e-10"), r.err().lines().toList(), r::toString);
        }
        for (String tier : List.of("0", "1", "-1e-8", "tight")) {
            Cli.Result r = Cli.run("bench", "--cases", "exp", "--tolerances", tier);
            assertEquals(ExitCodes.USAGE, r.code(), r::toString);
            assertEquals(1, r.err().lines().count(), r::toString);
            assertTrue(r.err().startsWith("autoknots bench: --tolerances: tier ") && r.err().contains(
                    "valid: 'table' or a relative tolerance from 1e-15 to below 1"), r::toString);
        }
    }

    @Test
    void theFloorItselfIsAccepted() {
        // one cheap case at the floor: it runs (exit 0 or 1 by its verification), no usage error
        Cli.Result r = Cli.run("bench", "--cases", "exp", "--modes", "graded", "--tolerances", "1e-15",
                "--verify-points", "1000", "--nstar-points", "1000");
        assertTrue(r.code() == ExitCodes.OK || r.code() == ExitCodes.FAILURE, r::toString);
        assertTrue(r.out().contains("| exp |"), r::toString);
    }

    @Test
    void concurrencyHasTheLimitsOfPipelinesAndTabulate() {
        for (String n : List.of("0", "4097")) {
            Cli.Result r = Cli.run("bench", "--cases", "exp", "--concurrency", n);
            assertEquals(ExitCodes.USAGE, r.code(), r::toString);
            assertEquals(List.of("autoknots bench: --concurrency: expected a whole number from 1 to 4096, got " + n),
                    r.err().lines().toList(), r::toString);
        }
    }
}
