package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autoknots bench}: bad option values are one-line usage errors, before anything runs;
 * {@code --output} is checked before the battery runs and written whole.
 */
class BenchCommandTest {

    /** A battery of one quick case. */
    static final String[] SMALL = {"--cases", "exp", "--modes", "graded", "--tolerances", "table", "--verify-points",
        "1000", "--nstar-points", "1000"};

    static Cli.Result bench(String... output) {
        String[] args = new String[1 + output.length + SMALL.length];
        args[0] = "bench";
        System.arraycopy(output, 0, args, 1, output.length);
        System.arraycopy(SMALL, 0, args, 1 + output.length, SMALL.length);
        return Cli.run(args);
    }

    @Test
    void aBadOutputPathIsOneLineBeforeTheBatteryRuns(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nonexistent/x.md");
        Cli.Result r = bench("--output", missing.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertEquals(List.of("autoknots bench: --output " + missing + ": folder " + dir.resolve("nonexistent")
                + " does not exist"), r.err().lines().toList());
        assertEquals("", r.out(), "the battery did not run");

        Cli.Result folder = bench("--output", dir.toString());
        assertEquals(ExitCodes.USAGE, folder.code(), folder::toString);
        assertEquals(List.of("autoknots bench: --output " + dir + ": is a folder; give a file name such as "
                + dir.resolve("bench.md")), folder.err().lines().toList());
        assertEquals("", folder.out(), "the battery did not run");

        Path file = Files.writeString(dir.resolve("afile"), "a file");
        Cli.Result under = bench("--output", file.resolve("x.md").toString());
        assertEquals(ExitCodes.USAGE, under.code(), under::toString);
        assertEquals(List.of("autoknots bench: --output " + file.resolve("x.md") + ": '" + file + "' is a file, not a folder"),
                under.err().lines().toList());
        assertEquals("a file", Files.readString(file));
    }

    @Test
    void theOutputFileHoldsWhatWasPrintedAndNoTemporaryFileRemains(@TempDir Path dir) throws IOException {
        Path md = dir.resolve("bench.md");
        Cli.Result r = bench("--output", md.toString());
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains("| exp"), r::toString);
        assertEquals(r.out(), Files.readString(md));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("bench.md"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aToleranceBelowTheFloorOfPipelinesAndTabulateIsAUsageError() {
        for (String tier : List.of("1e-20", "9e-15")) {
            Cli.Result r = Cli.run("bench", "--cases", "exp", "--tolerances", "table," + tier);
            assertEquals(ExitCodes.USAGE, r.code(), r::toString);
            assertEquals("", r.out(), r::toString);
            assertEquals(List.of("autoknots bench: --tolerances: tier " + tier + " is below what double precision can"
                    + " attain; valid: 'table' or a relative tolerance from 1e-14 to below 1, e.g. --tolerances"
                    + " table,1e-10"), r.err().lines().toList(), r::toString);
        }
        for (String tier : List.of("0", "1", "-1e-8", "tight")) {
            Cli.Result r = Cli.run("bench", "--cases", "exp", "--tolerances", tier);
            assertEquals(ExitCodes.USAGE, r.code(), r::toString);
            assertEquals(1, r.err().lines().count(), r::toString);
            assertTrue(r.err().startsWith("autoknots bench: --tolerances: tier ") && r.err().contains(
                    "valid: 'table' or a relative tolerance from 1e-14 to below 1"), r::toString);
        }
    }

    @Test
    void theFloorItselfIsAccepted() {
        // one cheap case at the floor: it runs (exit 0 or 1 by its verification), no usage error
        Cli.Result r = Cli.run("bench", "--cases", "exp", "--modes", "graded", "--tolerances", "1e-14",
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

    @Test
    void noCasesIsAUsageErrorNotTheWholeBattery() {
        for (String none : List.of("", " ")) {
            Cli.Result r = Cli.run("bench", "--cases", none);
            assertEquals(ExitCodes.USAGE, r.code(), r::toString);
            assertEquals("", r.out(), "the battery did not run");
            assertEquals(List.of("autoknots bench: --cases '" + none + "': no case given; give case ids, comma-separated,"
                    + " or all; valid: all, exp, runge, sin100, tanh50, peak, logistic, kink, powerlaw, nfw-rho, nfw-sigma"),
                    r.err().lines().toList());
        }
    }
}
