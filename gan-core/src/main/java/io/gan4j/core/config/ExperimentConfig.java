package io.gan4j.core.config;

import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.data.DataConfig;

/**
 * A whole experiment, as read from a JSON file and merged onto the defaults:
 * <pre>{@code
 * {
 *   "name": "vanilla-mnist", "seed": 42,
 *   "model": {"type": "vanilla", ...},     // the variant and its fields
 *   "data":  {"source": "mnist", ...},     // where examples come from
 *   "train": {"iterations": 10000, ...},   // loop length, logging, samples, checkpoints
 *   "eval":  {"every": 1000, ...}          // periodic evaluation and the best checkpoint
 * }
 * }</pre>
 *
 * @param name      experiment name (defaults to the config file's name without extension)
 * @param seed      master seed; each component's seed is derived from it (see {@link io.gan4j.core.api.Seeds})
 * @param modelType the variant's registry name ({@code model.type})
 * @param model     the variant's own config record
 * @param data      the data source
 * @param train     loop settings
 * @param eval      evaluation settings
 */
public record ExperimentConfig(String name, long seed, String modelType, ModelConfig model, DataConfig data,
                               TrainConfig train, EvalConfig eval) {
}
