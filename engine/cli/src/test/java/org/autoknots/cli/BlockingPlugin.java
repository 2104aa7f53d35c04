package org.autoknots.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plugin, built by the tests into a JAR of its own, whose function {@code blocking} stops
 * in the middle of a run: at its first x above 0.5 it creates the file named by its parameter
 * {@code marker} and then waits until the file named by {@code release} exists (forever when
 * it is not given). A test waits for the marker and then knows that the command is inside
 * its work, with its output being written: the moment to interrupt or kill it, or to start a
 * second run, without guessing at times.
 */
final class BlockingPlugin {

    static final String SOURCE = """
            package org.blocking;

            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.List;
import java.util.Map;
            import org.autoknots.api.*;
            import org.pf4j.Extension;

            @Extension
            public class Blocking implements TargetFunction {
                public String id() { return "blocking"; }
                public String description() { return "x, stopping at x > 0.5 until released"; }
                public List<ParameterSpec> parameters() {
                    return List.of(ParameterSpec.text("marker", "file created when it stops"),
                            ParameterSpec.text("release", "file whose existence lets it go on", ""));
                }
                public FunctionInstance create(Parameters p) {
                    Path marker = Path.of(p.text("marker"));
                    String release = p.text("release", "");
                    return x -> {
                        if (x > 0.5) {
                            try {
                                if (!Files.exists(marker)) {
                                    Files.createFile(marker);
                                }
                                while (release.isEmpty() || !Files.exists(Path.of(release))) {
                                    Thread.sleep(20);
                                }
                            } catch (java.nio.file.FileAlreadyExistsException e) {
                                // another thread stopped first
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        return x;
                    };
                }
            }
            """;

    private BlockingPlugin() {
    }

    /** Compiles the plugin and puts its JAR alone into {@code work/plugins}, which it returns. */
    static Path build(Path work) throws IOException {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        TestPlugins.jar(plugins.resolve("blocking.jar"), "blocking-plugin", Map.of("org.blocking.Blocking", SOURCE),
                List.of("org.blocking.Blocking"));
        return plugins;
    }

    /** The command in a JVM of its own, in {@code dir}; its stdout and stderr go to files there. */
    static Process start(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        p.getOutputStream().close();
        return p;
    }

    /**
     * Waits until the function has stopped (the marker exists).
     *
     * @throws AssertionError when the process ended first (with what it printed)
     */
    static void awaitMarker(Process p, Path marker, Path dir) throws Exception {
        while (!Files.exists(marker)) {
            if (!p.isAlive()) {
                throw new AssertionError("the command ended (exit " + p.exitValue() + ") before its function was called:\n"
                        + Files.readString(dir.resolve("stderr.txt")) + Files.readString(dir.resolve("stdout.txt")));
            }
            Thread.sleep(20);
        }
    }

    /**
     * Sends Ctrl-C's signal, SIGINT, to the process, or SIGTERM if it was started with SIGINT
     * ignored (as a shell starts a background job, which may be the case of this build): the JVM
     * takes the same path for both, its shutdown hooks, and exits 130 or 143.
     *
     * @return the exit code the JVM will end with
     */
    static int interrupt(Process p) throws Exception {
        boolean intIgnored = false;
        Path status = Path.of("/proc/" + p.pid() + "/status");
        if (Files.exists(status)) {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:")) {
                    intIgnored = (Long.parseLong(line.substring(7).trim(), 16) & 0x2) != 0; // SIGINT is 2
                }
            }
        }
        String signal = intIgnored ? "TERM" : "INT";
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
        return intIgnored ? 143 : ExitCodes.INTERRUPTED;
    }
}
