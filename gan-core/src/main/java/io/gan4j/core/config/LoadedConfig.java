package io.gan4j.core.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gan4j.core.api.GanVariant;

import java.util.List;
import java.util.Objects;

/**
 * A config that passed every check, with what it was made from. The resolved tree is the complete configuration
 * (every default filled in) in a fixed key order: {@code name, seed, model} (with {@code type} first),
 * {@code data} (with {@code source} first), {@code train}. Writing {@link #resolvedJson()} next to a run and
 * loading it again gives the same config and the same {@link #sha256()}.
 *
 * @param config     the bound experiment
 * @param variant    the variant named by {@code model.type}
 * @param resolved   the complete configuration as JSON; a copy is kept and handed out
 * @param sourceText the config text exactly as read
 * @param overrides  the {@code --set} overrides applied, in order
 * @param sourceName where the text came from (the file name as given), used in messages
 */
public record LoadedConfig(ExperimentConfig config, GanVariant variant, ObjectNode resolved, String sourceText,
                           List<String> overrides, String sourceName) {

    /** Copies the tree and the overrides, so the record stays as loaded whatever the caller does afterwards. */
    public LoadedConfig {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(variant, "variant");
        resolved = resolved.deepCopy();
        Objects.requireNonNull(sourceText, "sourceText");
        overrides = List.copyOf(overrides);
        Objects.requireNonNull(sourceName, "sourceName");
    }

    /** A copy of the resolved tree, so callers cannot change what {@link #sha256()} describes. */
    @Override
    public ObjectNode resolved() {
        return resolved.deepCopy();
    }

    /** The resolved tree, pretty-printed; the text to write as a run's resolved config. */
    public String resolvedJson() {
        return ConfigJson.pretty(resolved);
    }

    /** The resolved tree with keys sorted at every level and no whitespace: the text {@link #sha256()} hashes. */
    public String canonicalJson() {
        return ConfigJson.canonical(resolved);
    }

    /**
     * Lower-case hex SHA-256 of {@link #canonicalJson()}: equal for configs that resolve to the same values, however
     * they were written (key order, spacing, defaults left out or spelt out, overrides).
     */
    public String sha256() {
        return ConfigJson.sha256(canonicalJson());
    }
}
