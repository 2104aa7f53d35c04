package org.autoknots.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * All problems of a pipeline file, reported together. The message holds one line per problem.
 */
public class ConfigException extends RuntimeException {

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    /** @return the problems in file order */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
