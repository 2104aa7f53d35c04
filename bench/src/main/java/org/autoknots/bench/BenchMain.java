package org.autoknots.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.autoknots.refine.Limits;
import org.autoknots.refine.RefinementMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code autoknots bench}: the battery of issue 6 (evaluations against N*, verified on a
 * jittered grid, paper and graded modes side by side) and optionally the parallel speed-up.
 * Exit code 0 when every row is verified, 1 when some row is not, 2 on bad options.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the refinement: evaluations against the cubic-spline lower bound N*,"
                + " verified on a jittered 200 001-point grid; paper and graded modes side by side.")
public final class BenchMain implements Callable<Integer> {

    @Mixin
    BenchOptions options = new BenchOptions();

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return executeReporting(options, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * {@link #execute} with a bad option value reported as one line on {@code err} (exit code 2)
     * instead of a stack trace.
     */
    public static int executeReporting(BenchOptions o, PrintWriter out, PrintWriter err) {
        try {
            return execute(o, out);
        } catch (IllegalArgumentException e) {
            err.println("autoknots bench: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    /**
     * Runs what the options ask for and prints Markdown to {@code out}.
     *
     * @return 0 when every row is verified, 1 otherwise
     * @throws IllegalArgumentException with a one-line message for a bad option value
     */
    public static int execute(BenchOptions o, PrintWriter out) {
        List<BenchCase> cases = Battery.select(o.cases);
        List<RefinementMode> modes = Arrays.stream(o.modes.split(",")).map(RefinementMode::parse).toList();
        List<BenchRunner.Tier> tiers = Arrays.stream(o.tolerances.split(",")).map(BenchRunner.Tier::parse).toList();
        Limits.concurrency(o.concurrency).ifPresent(w -> {
            throw new IllegalArgumentException("--concurrency: " + w);
        });
        if (o.verifyPoints < 1000) {
            throw new IllegalArgumentException("--verify-points " + o.verifyPoints + " is too few; use at least 1000");
        }
        if (o.nstarPoints < 1000) {
            throw new IllegalArgumentException("--nstar-points " + o.nstarPoints + " is too few; use at least 1000");
        }
        checkOutput(o.output);
        StringBuilder md = new StringBuilder();
        boolean allVerified = true;
        if (!o.speedupOnly) {
            List<BenchResult> rows = BenchRunner.run(cases, tiers, modes, o.concurrency, o.verifyPoints, o.nstarPoints);
            md.append("## Evaluations against N*\n\n").append(BenchRunner.markdown(rows)).append('\n');
            allVerified = rows.stream().allMatch(BenchResult::verified);
        }
        if (o.speedup || o.speedupOnly) {
            md.append("## Parallel speed-up\n\n").append(ParallelSpeedup.markdown(ParallelSpeedup.measure(5))).append('\n');
        }
        out.print(md);
        out.flush();
        if (o.output != null) {
            write(o.output, md.toString());
        }
        return allVerified ? 0 : 1;
    }

    /**
     * Checks {@code --output} before the battery runs: a file (not a folder) in an existing
     * folder that can be written.
     *
     * @throws IllegalArgumentException with a one-line message naming the option and the path
     */
    static void checkOutput(Path output) {
        if (output == null) {
            return;
        }
        if (output.toString().isBlank()) {
            throw new IllegalArgumentException("--output '': give a file name such as bench.md");
        }
        org.autoknots.config.OutputPaths.fileProblem(output, "bench.md", false).ifPresent(why -> {
            throw new IllegalArgumentException("--output " + output + ": " + why);
        });
    }

    /** Writes the file whole or not at all: a temporary file beside it, then a rename. */
    private static void write(Path target, String text) {
        Path abs = target.toAbsolutePath().normalize();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + Long.toHexString(System.nanoTime()));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file or folder"
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : String.valueOf(e.getMessage());
            throw new IllegalArgumentException("cannot write --output " + target + ": " + why, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the error, if any, is reported above
            }
        }
    }
}
