package io.gan4j.core.nn;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Validatable;

import java.util.List;

/**
 * A multi-layer perceptron: {@code hidden.size()} dense layers, each followed by its activation, then batch norm
 * and dropout when enabled (the order of the Keras GAN recipe), then a dense output layer with
 * {@code outputActivation}.
 */
public record MlpConfig(
        @Doc("Widths of the hidden layers, input side first (at most 1000 layers)") @Range(min = 1) List<Integer> hidden,
        @Doc("Activation of every hidden layer") ActivationName activation,
        @Doc("Negative slope of leakyrelu") @Range(min = 0, max = 1) double leakySlope,
        @Doc("Batch normalisation after each hidden activation") boolean batchNorm,
        @Doc("Batch-norm running-average momentum, Keras convention: running = m*running + (1-m)*batch") @Range(min = 0, max = 1, maxExclusive = true) double batchNormMomentum,
        @Doc("Batch-norm epsilon") @Range(min = 0, minExclusive = true) double batchNormEpsilon,
        @Doc("Dropout probability after each hidden layer; 0 = none") @Range(min = 0, max = 1, maxExclusive = true) double dropout,
        @Doc("Activation of the output layer: tanh for images in [-1,1], identity for logits or points") ActivationName outputActivation,
        @Doc("Weight initialisation") InitName weightInit) implements Validatable {
    /** Most hidden layers an MLP may have; far deeper than a plain MLP trains. */
    public static final int MAX_LAYERS = 1000;

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        if (hidden == null || hidden.isEmpty()) {
            problems.add(ConfigProblem.of(path + ".hidden", "must list at least one layer width", String.valueOf(hidden)));
        } else if (hidden.size() > MAX_LAYERS) {
            // Each layer costs DL4J objects and native arrays of its own, whatever its width: a list of millions of
            // layers ran the heap out while the network was built, after validation had passed.
            problems.add(ConfigProblem.of(path + ".hidden", "must list at most " + MAX_LAYERS + " layer widths",
                    "a list of " + hidden.size()));
        }
    }

    /**
     * The generator of the Keras MLP GAN recipe (Keras-GAN's "GAN", after Goodfellow et al.), the default of the
     * MLP variants: Dense 256 → LeakyReLU(0.2) → BatchNorm(momentum 0.8, ε 1e-3) → Dense 512 → … → Dense 1024 → …
     * → Dense(output, tanh) for images in [-1, 1]; Glorot-uniform weights.
     */
    public static MlpConfig kerasGenerator() {
        return new MlpConfig(List.of(256, 512, 1024), ActivationName.LEAKY_RELU, 0.2, true, 0.8, 1e-3, 0.0,
                ActivationName.TANH, InitName.XAVIER_UNIFORM);
    }

    /**
     * The discriminator of the same recipe: Dense 512 → LeakyReLU(0.2) → Dense 256 → LeakyReLU(0.2) → Dense 1,
     * a raw logit (identity output, no batch norm); Glorot-uniform weights.
     */
    public static MlpConfig kerasDiscriminator() {
        return new MlpConfig(List.of(512, 256), ActivationName.LEAKY_RELU, 0.2, false, 0.8, 1e-3, 0.0,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
    }

    /** The same network with another output activation. */
    public MlpConfig withOutputActivation(ActivationName output) {
        return new MlpConfig(hidden, activation, leakySlope, batchNorm, batchNormMomentum, batchNormEpsilon, dropout,
                output, weightInit);
    }
}
