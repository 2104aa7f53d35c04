package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands stopped from outside, in JVMs of their own: Ctrl-C (SIGINT) while {@code run} or
 * {@code tabulate} works, SIGKILL (a batch system's time limit) while {@code run} works, and a
 * second run into a folder that a first one is writing. The {@link BlockingPlugin}'s function
 * holds the command at a known point, inside its work, until the test has acted. The class
 * timeout is a guard against a hang (a signal not delivered leaves the child waiting forever), not
 * a measurement: no test asserts how long anything takes.
 */
@org.junit.jupiter.api.Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class InterruptTest {

    @TempDir
    static Path work;

    static Path blocking;

    /** A run that finishes at once (formula), for the earlier and the later runs in-process. */
    static final String QUICK = """
            name: quick
            function:
              id: formula
              params: { expression: "exp(x)" }
            stages:
              - id: tab
                type: tabulate
                range: [0.0, 1.0]
                tolerance: { rel: 1.0e-6 }
            """;

    /** A run whose function stops at x > 0.5 and creates the marker file. */
    static String stopping(Path marker) {
        return """
                name: stopping
                function:
                  id: blocking
                  params: { marker: "MARKER" }
                stages:
                  - id: tab
                    type: tabulate
                    range: [0.0, 1.0]
                    tolerance: { rel: 1.0e-6 }
                """.replace("MARKER", marker.toString());
    }

    private Process process;

    @BeforeAll
    static void buildThePlugin() throws IOException {
        blocking = BlockingPlugin.build(work);
    }

    @AfterEach
    void noProcessOutlivesItsTest() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** An earlier run's output in {@code dir/o}; returns its summary's bytes. */
    static byte[] earlierRun(Path dir) throws IOException {
        Path quick = Cli.write(dir, "quick.yaml", QUICK);
        Cli.Result r = Cli.withPlugins("run", quick.toString(), "--out", dir.resolve("o").toString(), "--progress", "none",
                "--no-plots");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        return Files.readAllBytes(dir.resolve("o/summary.json"));
    }

    @Test
    void ctrlCEndsARunWithOneLineAnErrorEventAndTheEarlierOutputAsItWas(@TempDir Path dir) throws Exception {
        byte[] summary = earlierRun(dir);
        Path marker = dir.resolve("started");
        Cli.write(dir, "stopping.yaml", stopping(marker));
        process = BlockingPlugin.start(dir, "run", "stopping.yaml", "--out", "o", "--events", "ndjson", "--progress",
                "none", "--plugins-dir", blocking.toString());
        BlockingPlugin.awaitMarker(process, marker, dir);
        int expected = BlockingPlugin.interrupt(process);
        assertEquals(expected, process.waitFor());
        Path o = dir.resolve("o").toAbsolutePath();
        assertEquals(List.of("autoknots: interrupted; nothing was written to " + o
                + " (its earlier contents are left as they were)"), Files.readAllLines(dir.resolve("stderr.txt")));
        List<String> events = Files.readAllLines(dir.resolve("stdout.txt"));
        JsonNode last = new ObjectMapper().readTree(events.get(events.size() - 1));
        assertEquals("error", last.path("event").asText(), events::toString);
        assertEquals("tab", last.path("stage").asText(), events::toString);
        assertEquals("interrupted; nothing was written to " + o + " (its earlier contents are left as they were)",
                last.path("message").asText());
        assertEquals("stage_started", new ObjectMapper().readTree(events.get(0)).path("event").asText(), events::toString);
        assertArrayEquals(summary, Files.readAllBytes(dir.resolve("o/summary.json")));
        assertEquals(List.of("o", "quick.yaml", "started", "stderr.txt", "stdout.txt", "stopping.yaml"),
                RunCommandTest.names(dir), "no staging folder, no lock file");
        assertEquals(List.of("summary.json", "tab.csv"), RunCommandTest.names(dir.resolve("o")));
    }

    @Test
    void ctrlCEndsTabulateWithOneLineAndNoPartialFile(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("started");
        Files.writeString(dir.resolve("t.csv"), "x,value\nearlier\n");
        process = BlockingPlugin.start(dir, "tabulate", "--function", "blocking", "--param", "marker=" + marker,
                "--range", "0:1", "--out", "t.csv", "--summary", "s.json", "--progress", "none",
                "--plugins-dir", blocking.toString());
        BlockingPlugin.awaitMarker(process, marker, dir);
        int expected = BlockingPlugin.interrupt(process);
        assertEquals(expected, process.waitFor());
        assertEquals(List.of("autoknots: interrupted; nothing was written to t.csv, s.json (earlier files there are left"
                + " as they were)"), Files.readAllLines(dir.resolve("stderr.txt")));
        assertEquals("", Files.readString(dir.resolve("stdout.txt")));
        assertEquals("x,value\nearlier\n", Files.readString(dir.resolve("t.csv")));
        assertEquals(List.of("started", "stderr.txt", "stdout.txt", "t.csv"), RunCommandTest.names(dir));
    }

    @Test
    void aSecondRunIntoTheFolderFailsAtOnceAndTheRunAfterAKilledOneRemovesWhatItLeft(@TempDir Path dir)
            throws Exception {
        byte[] summary = earlierRun(dir);
        Path o = dir.resolve("o");
        Path marker = dir.resolve("started");
        Cli.write(dir, "stopping.yaml", stopping(marker));
        process = BlockingPlugin.start(dir, "run", "stopping.yaml", "--out", "o", "--progress", "none",
                "--plugins-dir", blocking.toString());
        BlockingPlugin.awaitMarker(process, marker, dir);

        // a second run while the first is writing the folder: refused at once, in one line
        Cli.Result second = Cli.withPlugins("run", dir.resolve("quick.yaml").toString(), "--out", o.toString(),
                "--progress", "none");
        assertEquals(ExitCodes.USAGE, second.code(), second::toString);
        assertEquals(List.of("autoknots: output folder " + o + " is being written by another run (process "
                + process.pid() + "); wait until it ends, or give another folder"), second.err().lines().toList());
        assertEquals("", second.out());
        assertArrayEquals(summary, Files.readAllBytes(o.resolve("summary.json")));

        // SIGKILL: no shutdown hook runs; the staging folder and the lock file stay behind
        process.destroyForcibly();
        process.waitFor();
        List<String> left = RunCommandTest.names(dir).stream().filter(n -> n.startsWith(".o.")).toList();
        assertEquals(2, left.size(), left::toString);
        assertEquals(".o.lock", left.get(0));
        assertTrue(left.get(1).matches("\\.o\\.partial-[0-9a-f]+"), left::toString);
        assertArrayEquals(summary, Files.readAllBytes(o.resolve("summary.json")), "the killed run changed nothing");

        // the next run into the folder removes what the killed one left, and says so in one line
        Cli.Result next = Cli.withPlugins("run", dir.resolve("quick.yaml").toString(), "--out", o.toString(),
                "--progress", "none", "--no-plots");
        assertEquals(ExitCodes.OK, next.code(), next::toString);
        assertEquals(List.of("autoknots: removed the hidden folder " + left.get(1) + " beside " + o + ", left by an"
                + " earlier run into it that was killed before it could clean up"), next.err().lines().toList());
        assertEquals(List.of("o", "quick.yaml", "started", "stderr.txt", "stdout.txt", "stopping.yaml"),
                RunCommandTest.names(dir));
    }
}
