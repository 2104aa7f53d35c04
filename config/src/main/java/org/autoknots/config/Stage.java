package org.autoknots.config;

import java.nio.file.Path;
import java.util.List;

/** One stage of a pipeline. */
public sealed interface Stage {

    /** @return the stage id (unique in the pipeline; used in file names and the summary) */
    String id();

    /** @return where the stage starts in the file */
    Mark mark();

    /** @return {@code tabulate}, {@code project} or {@code validate} */
    String type();

    /** {@code type: tabulate}: AutoKnots on the pipeline's function itself. */
    record Tabulate(String id, Mark mark, Refinement refinement) implements Stage {
        @Override
        public String type() {
            return "tabulate";
        }
    }

    /** How a project stage obtains Σ, Σ̄, ΔΣ. */
    enum Method { NUMERIC, ANALYTIC }

    /**
     * {@code type: project}: one AutoKnots table per quantity.
     *
     * @param quantities keys {@code sigma}, {@code mean_sigma}, {@code delta_sigma}, in file order
     */
    record Project(String id, Mark mark, Refinement refinement, List<String> quantities, Method method)
            implements Stage {
        @Override
        public String type() {
            return "project";
        }
    }

    /** What a validation compares with. */
    sealed interface Against {
    }

    /** The exact function (tabulate input) or the plugin's closed forms (project input). */
    record Analytic() implements Against {
    }

    /** A reference CSV, already read and restricted to the input stage's range. */
    record ReferenceFile(Path file, ReferenceTable table) implements Against {
    }

    /**
     * {@code type: validate}: compares an earlier stage's tables on an independent grid.
     *
     * @param input        the id of an earlier tabulate or project stage
     * @param maxRelError  the largest relative error that passes
     * @param gridPoints   points of the independent (jittered) grid for {@code analytic}
     */
    record Validate(String id, Mark mark, String input, Against against, double maxRelError, int gridPoints)
            implements Stage {
        @Override
        public String type() {
            return "validate";
        }
    }
}
