package org.autoknots.cli;

import java.util.concurrent.Callable;
import org.autoknots.bench.BenchMain;
import org.autoknots.bench.BenchOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code autoknots bench}: runs the benchmark battery of the {@code autoknots-bench} module
 * (evaluations against the cubic-spline lower bound N*, verification on a jittered grid, paper
 * and graded modes side by side; optionally the parallel speed-up) and prints Markdown tables.
 * The options are those of {@link BenchOptions}; see {@code docs/benchmarks.md}.
 */
@Command(name = "bench",
        footer = {"", "Exit codes: 0 every row verified, 1 a row not verified or a failure,",
            "  2 usage (a bad option value)."},
        description = "Benchmark the refinement: evaluations against the cubic-spline lower bound N*,"
                + " verified on a jittered 200 001-point grid; paper and graded modes side by side.")
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    BenchOptions options = new BenchOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return BenchMain.executeReporting(options, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
