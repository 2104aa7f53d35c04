package org.autoknots.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of {@code autoknots bench}, shared as a picocli mixin by {@link BenchMain} and the
 * CLI's {@code BenchCommand}.
 */
public final class BenchOptions {

    @Option(names = "--cases", paramLabel = "IDS", defaultValue = "all",
            description = "Comma-separated cases (exp, runge, sin100, tanh50, peak, logistic, kink, powerlaw,"
                    + " nfw-rho, nfw-sigma) or 'all'. Default: ${DEFAULT-VALUE}.")
    String cases;

    @Option(names = "--modes", paramLabel = "MODES", defaultValue = "paper,graded",
            description = "Comma-separated refinement modes (paper, graded). Default: ${DEFAULT-VALUE}.")
    String modes;

    @Option(names = "--tolerances", paramLabel = "TIERS", defaultValue = "table,1e-10",
            description = "Comma-separated tiers: 'table' (each case's own tolerance, see docs/benchmarks.md) or a rel"
                    + " from 1e-14 (the floor of pipelines and tabulate) to below 1, such as 1e-10 (abs set alike where"
                    + " non-zero). Default: ${DEFAULT-VALUE}.")
    String tolerances;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1",
            description = "Evaluations of f at once during the battery, 1 to 4096. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--verify-points", paramLabel = "N", defaultValue = "200001",
            description = "Points of the jittered verification grid. Default: ${DEFAULT-VALUE}.")
    int verifyPoints;

    @Option(names = "--nstar-points", paramLabel = "N", defaultValue = "400000",
            description = "Midpoint-rule points of the N* integral. Default: ${DEFAULT-VALUE}.")
    int nstarPoints;

    @Option(names = "--speedup", description = "Also measure the parallel speed-up (Einasto projection,"
            + " about 1 ms per evaluation, concurrency 2 against 1).")
    boolean speedup;

    @Option(names = "--speedup-only", description = "Measure only the parallel speed-up, skip the battery.")
    boolean speedupOnly;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Also write the Markdown tables to FILE.")
    Path output;
}
