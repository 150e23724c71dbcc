package io.gan4j.core.api;

/**
 * How much memory a model needs, worked out from its config without building it: the memory check before training
 * refuses a config whose networks could never be allocated (ND4J would crash the JVM instead of failing cleanly).
 * Counts are doubles because absurd configs (a latent size of 1e9, millions of layers) overflow a long.
 *
 * @param parameters            trainable parameters of all the model's networks
 * @param activationsPerExample values one training step keeps per example: each layer's output and its gradient
 * @param largestPath           JSON path of the config value behind the largest layer, to blame when it cannot fit;
 *                              null for an empty footprint
 */
public record ModelFootprint(double parameters, double activationsPerExample, String largestPath) {
    /** Nothing known: the check passes. The default of variants that do not estimate. */
    public static final ModelFootprint NONE = new ModelFootprint(0, 0, null);

    /** One layer: {@code parameters} weights and {@code outputs} values out per example, blamed on {@code path}. */
    public static ModelFootprint layer(double parameters, double outputs, String path) {
        // Every output is kept for the backward pass, which makes a gradient of the same size.
        return new ModelFootprint(parameters, 2 * outputs, path);
    }

    /** Both together; the path of whichever has more parameters. */
    public ModelFootprint plus(ModelFootprint other) {
        String path = other.parameters > parameters || largestPath == null ? other.largestPath : largestPath;
        return new ModelFootprint(parameters + other.parameters,
                activationsPerExample + other.activationsPerExample, path);
    }
}
