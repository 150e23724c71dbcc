package io.gan4j.core.api;

import java.util.List;

/**
 * A config record with checks that involve several fields (or anything a {@link Range} cannot say). Called after
 * binding, only when the per-field checks passed.
 */
public interface Validatable {
    /**
     * Adds a problem for every violated rule.
     *
     * @param path     JSON path of this record, e.g. {@code $.model}; append {@code .field} for a field
     * @param problems where to add problems
     */
    void validate(String path, List<ConfigProblem> problems);
}
