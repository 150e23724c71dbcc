package io.gan4j.core.api;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Everything a variant needs to build a model.
 *
 * @param config   the variant's config record (cast to {@link GanVariant#configType()})
 * @param data     shape and kind of the examples
 * @param seeds    per-component seeds derived from the experiment's master seed
 * @param dataType floating-point type of parameters and activations ({@code FLOAT} for training,
 *                 {@code DOUBLE} in gradient checks)
 */
public record ModelContext(ModelConfig config, DataSpec data, Seeds seeds, DataType dataType) {

    /** The config as the variant's own record type. */
    public <C extends ModelConfig> C config(Class<C> type) {
        return type.cast(config);
    }
}
