package org.autoknots.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.autoknots.config.KnotSpacing;
import org.autoknots.refine.RefinementResult;

/** What the stages of a run produced, for the summary, the plots and the tests. */
public final class Outcomes {

    private Outcomes() {
    }

    /**
     * One AutoKnots table.
     *
     * @param stage               the stage id
     * @param quantity            the projected quantity key, or null for a tabulate stage
     * @param abscissa            {@code x} or {@code R}
     * @param column              the value column's name in the CSV
     * @param spacing             the knot scale
     * @param result              the engine's result
     * @param csv                 the written table
     * @param seconds             wall time of the table
     * @param densityEvaluations  ρ evaluations spent by a numeric projection (0 otherwise)
     */
    public record Table(String stage, String quantity, String abscissa, String column, KnotSpacing spacing,
            RefinementResult result, Path csv, double seconds, long densityEvaluations) {
    }

    /**
     * The error of one quantity in a validation.
     *
     * @param maxRelError the largest |s − ref| / |ref| (|s − ref| where ref = 0)
     * @param at          the abscissa where it occurred
     * @param x           the compared abscissae
     * @param relError    the error at each of them
     */
    public record QuantityError(double maxRelError, double at, double[] x, double[] relError) {
    }

    /**
     * A validation's figures.
     *
     * @param input        the validated stage
     * @param against      {@code analytic} or the reference file
     * @param maxAllowed   the threshold
     * @param points       compared points per quantity
     * @param skippedRows  reference rows outside the range
     * @param passed       every quantity within the threshold
     * @param quantities   per quantity key ({@code value} for a tabulate stage)
     */
    public record Validation(String input, String against, double maxAllowed, int points, int skippedRows,
            boolean passed, Map<String, QuantityError> quantities) {
    }

    /**
     * A finished stage.
     *
     * @param tables     its tables (none for a validation)
     * @param validation its figures (null unless a validation)
     */
    public record StageResult(String id, String type, String method, double seconds, List<Table> tables,
            Validation validation) {
    }
}
