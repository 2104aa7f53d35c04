package org.autoknots.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The names of the files a pipeline run writes into its output folder: the one place that says
 * how a stage id becomes file names, used by the loader (names two stages would share are a
 * configuration error) and by the run (writing, and recognizing an earlier run's files).
 *
 * <ul>
 *   <li>{@value #SUMMARY}, once per run;</li>
 *   <li>a tabulate stage: {@code <id>.csv} and its plot {@code <id>.png};</li>
 *   <li>a project stage, per quantity: {@code <id>-<quantity>.csv} and {@code <id>-<quantity>.png};</li>
 *   <li>a validate stage: its plot {@code <id>.png}.</li>
 * </ul>
 */
public final class OutputFiles {

    /** The run's summary. */
    public static final String SUMMARY = "summary.json";

    private OutputFiles() {
    }

    /** @return the CSV of a table: {@code quantity} is null for a tabulate stage's table */
    public static String table(String stage, String quantity) {
        return base(stage, quantity) + ".csv";
    }

    /** @return the plot of a table: {@code quantity} is null for a tabulate stage's table */
    public static String tablePlot(String stage, String quantity) {
        return base(stage, quantity) + ".png";
    }

    /** @return the plot of a validation */
    public static String validationPlot(String stage) {
        return stage + ".png";
    }

    private static String base(String stage, String quantity) {
        return quantity == null ? stage : stage + "-" + quantity;
    }

    /**
     * The files a stage writes, tables first.
     *
     * @param type       {@code tabulate}, {@code project} or {@code validate}
     * @param quantities a project stage's quantities (ignored for the other types)
     * @return the file names (empty for an unknown type)
     */
    public static List<String> of(String type, String stage, List<String> quantities) {
        List<String> names = new ArrayList<>();
        switch (type) {
            case "tabulate" -> {
                names.add(table(stage, null));
                names.add(tablePlot(stage, null));
            }
            case "project" -> {
                quantities.forEach(q -> names.add(table(stage, q)));
                quantities.forEach(q -> names.add(tablePlot(stage, q)));
            }
            case "validate" -> names.add(validationPlot(stage));
            default -> {
                // not a stage type: writes nothing
            }
        }
        return names;
    }

    /** @return the files the stage writes, tables first */
    public static List<String> of(Stage s) {
        return of(s.type(), s.id(), s instanceof Stage.Project p ? p.quantities() : List.of());
    }
}
