package org.autoknots.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A checked pipeline: every value valid, every reference resolved.
 *
 * @param file     the pipeline file
 * @param name     the pipeline's name
 * @param function the function all stages work on
 * @param stages   in run order
 * @param output   the {@code output:} folder as written (relative paths are relative to the
 *                 current directory), or empty when absent
 * @param outputMark where {@code output:} is written, empty when absent
 */
public record Pipeline(Path file, String name, FunctionSpec function, List<Stage> stages, Optional<String> output,
        Optional<Mark> outputMark) {

    /** @return the stage with that id */
    public Optional<Stage> stage(String id) {
        return stages.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
