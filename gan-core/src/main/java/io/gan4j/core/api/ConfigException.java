package io.gan4j.core.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The user's config is wrong. Carries every problem found, not only the first; the message has one line per
 * problem, each naming the source (file), the JSON path and the value found. The CLI maps it to exit code 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<ConfigProblem> problems;

    /**
     * @param source   where the config came from (file name as the user gave it), may be empty
     * @param problems at least one problem
     */
    public ConfigException(String source, List<ConfigProblem> problems) {
        super(format(source, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** A single problem. */
    public ConfigException(String source, ConfigProblem problem) {
        this(source, List.of(problem));
    }

    public String source() {
        return source;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(String source, List<ConfigProblem> problems) {
        return problems.stream().map(p -> p.format(source)).collect(Collectors.joining("\n"));
    }
}
