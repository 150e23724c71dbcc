package io.gan4j.core.api;

/**
 * Marker for a variant's config record: the {@code model} section of an experiment file, minus its {@code type}.
 * Implementations are Java records whose components carry {@link io.gan4j.core.api.Doc} and
 * {@link io.gan4j.core.api.Range} annotations; they may implement {@link io.gan4j.core.api.Validatable}
 * for cross-field rules. The variant's {@link GanVariant#defaultConfig()} supplies every default.
 */
public interface ModelConfig {
}
