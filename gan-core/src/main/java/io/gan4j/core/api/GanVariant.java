package io.gan4j.core.api;


import java.util.List;
import java.util.Set;

/**
 * The unit of extension: one GAN variant, found at run time through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.gan4j.core.api.GanVariant}) and looked up by {@link #name()} in the
 * {@link VariantRegistry}. Experiment configs select it with {@code "model": {"type": "<name>"}}.
 *
 * <p>A variant supplies its config record with every default, says which data it trains on, and builds the
 * model; the shared {@link io.gan4j.core.train.Trainer} does the rest (batches, logging, samples, checkpoints).
 * gan-vanilla is the commented template to copy.
 */
public interface GanVariant {

    /** Short, lower-case, unique name used in configs and on the command line, e.g. {@code vanilla}. */
    String name();

    /** One line saying what the variant is, shown by {@code gan4j list}. */
    String description();

    /** The paper the variant implements, as "Authors (year), Title". */
    String paper();

    /** The record type bound from the {@code model} section. */
    Class<? extends ModelConfig> configType();

    /** The defaults; a config file's {@code model} section is merged onto these. */
    ModelConfig defaultConfig();

    /** The data kinds this variant can train on (checked against the configured source before training). */
    Set<DataKind> dataKinds();

    /**
     * Checks that need both the model config and the data (e.g. an output activation that cannot reach the data's
     * range). Field-level checks belong on the config record.
     *
     * @param config   this variant's config, already bound and field-checked
     * @param data     the data the model will be built for
     * @param problems add a problem per violation, with paths under {@code $.model}
     */
    default void validate(ModelConfig config, DataSpec data, List<ConfigProblem> problems) {
    }

    /**
     * The parameters and per-example activations of the model this config builds for {@code data}, computed from
     * the config alone (never by building the networks: the point is to refuse what cannot be allocated). A lower
     * bound is fine, an overestimate is not: a config is refused when even this cannot fit in memory. The default,
     * {@link ModelFootprint#NONE}, skips the check.
     *
     * @param config this variant's config, already bound and field-checked
     */
    default ModelFootprint footprint(ModelConfig config, DataSpec data) {
        return ModelFootprint.NONE;
    }

    /** Builds a freshly initialised model. */
    GanModel create(ModelContext context);
}
