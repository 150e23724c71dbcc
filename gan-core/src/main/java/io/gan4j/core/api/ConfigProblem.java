package io.gan4j.core.api;

import java.util.Objects;

/**
 * One thing wrong with a config: where (a JSON path such as {@code $.model.generator.hidden[1]}), what it must be,
 * what was found, and an optional hint. Formatted as
 * {@code file: $.path must be ..., found ... (hint)}.
 *
 * @param path        JSON path from the document root, starting with {@code $}
 * @param requirement what the value must be, phrased to follow "must be" or a full predicate
 *                    (e.g. {@code "must be > 0"}, {@code "is not a known key"})
 * @param found       the offending value as it appeared (JSON text), or {@code null} when nothing was there
 * @param hint        a suggestion such as {@code "did you mean 'batchSize'?"}, or {@code null}
 */
public record ConfigProblem(String path, String requirement, String found, String hint) {

    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(requirement, "requirement");
    }

    /** A problem without a hint. */
    public static ConfigProblem of(String path, String requirement, String found) {
        return new ConfigProblem(path, requirement, found, null);
    }

    /** {@code source: $.path requirement, found X (hint)}; {@code source} is usually the config file name. */
    public String format(String source) {
        StringBuilder sb = new StringBuilder();
        if (source != null && !source.isEmpty()) {
            sb.append(source).append(": ");
        }
        sb.append(path).append(' ').append(requirement);
        if (found != null) {
            sb.append(", found ").append(found);
        }
        if (hint != null && !hint.isEmpty()) {
            sb.append(" (").append(hint).append(')');
        }
        return sb.toString();
    }
}
