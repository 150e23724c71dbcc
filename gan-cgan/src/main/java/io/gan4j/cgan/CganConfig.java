package io.gan4j.cgan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gan4j.core.api.LatentDistribution;
import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.config.ConfigProblem;
import io.gan4j.core.config.Doc;
import io.gan4j.core.config.Range;
import io.gan4j.core.config.Validatable;
import io.gan4j.core.loss.AdversarialLossType;
import io.gan4j.core.nn.ActivationName;
import io.gan4j.core.nn.InitName;
import io.gan4j.core.nn.MlpConfig;
import io.gan4j.core.nn.OptimizerConfig;

import java.util.List;

/**
 * The {@code model} section of a conditional GAN experiment (Mirza and Osindero 2014). Names follow the paper: z
 * from p_z ({@code latent}) with {@code latentDim} dimensions, the condition y is the class label.
 *
 * <p>A config file lists only what differs from {@link #defaults()}, e.g.
 * {@code "model": {"type": "cgan", "labelEncoding": "embedding", "embeddingDim": 50}}.
 */
public record CganConfig(
        @Doc("Network family: mlp (the only one so far; a conv backbone with label channels is planned)") Backbone backbone,
        @Doc("Dimensions of the latent code z") @Range(min = 1) int latentDim,
        @Doc("Prior of z: normal = N(0,1), uniform = U(-1,1)") LatentDistribution latent,
        @Doc("How y enters each network: one-hot = the one-hot vector itself, embedding = a learned embedding of embeddingDim values (a bias-free linear map of the one-hot vector, one per network)") LabelEncoding labelEncoding,
        @Doc("Size of the learned label embedding (labelEncoding embedding only)") @Range(min = 1) int embeddingDim,
        @Doc("Generator G: [z; y] -> example; its output layer has one unit per value of an example") MlpConfig generator,
        @Doc("Discriminator D: [x; y] -> one logit (its outputActivation must be identity)") MlpConfig discriminator,
        @Doc("Adversarial loss: minimax, non-saturating, least-squares, hinge or wasserstein") AdversarialLossType loss,
        @Doc("Optimizer of G") OptimizerConfig generatorOptimizer,
        @Doc("Optimizer of D") OptimizerConfig discriminatorOptimizer) implements ModelConfig, Validatable {

    /** The networks' family. Only {@link #MLP} exists; a convolutional backbone is planned. */
    public enum Backbone {
        /** Dense layers; y is concatenated with z in G and with the flattened example in D. */
        @JsonProperty("mlp") MLP
    }

    /** How the label y is presented to a network. */
    public enum LabelEncoding {
        /** The one-hot vector of y, C values (the paper's choice). */
        @JsonProperty("one-hot") ONE_HOT,
        /** A learned embedding of y with {@code embeddingDim} values, separate for G and D. */
        @JsonProperty("embedding") EMBEDDING
    }

    /**
     * The vanilla MLP recipe's sizes with the label concatenated (the Keras recipe as in gan-vanilla, which the
     * Keras-GAN CGAN also uses): G: [z(100, N(0,1)); y] → Dense 256 → LeakyReLU(0.2) → BatchNorm(0.8) → Dense 512
     * → … → Dense 1024 → … → Dense(784, tanh); D: [x; y] → Dense 512 → LeakyReLU(0.2) → Dense 256 → LeakyReLU(0.2)
     * → Dense 1 (logit); one-hot labels; Adam(2e-4, β1 0.5); non-saturating cross-entropy. The paper itself used
     * U(0,1) codes, ReLU/maxout layers, dropout and SGD with momentum.
     */
    public static CganConfig defaults() {
        MlpConfig g = new MlpConfig(List.of(256, 512, 1024), ActivationName.LEAKY_RELU, 0.2, true, 0.8, 1e-3, 0.0,
                ActivationName.TANH, InitName.XAVIER_UNIFORM);
        MlpConfig d = new MlpConfig(List.of(512, 256), ActivationName.LEAKY_RELU, 0.2, false, 0.8, 1e-3, 0.0,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
        OptimizerConfig adam = new OptimizerConfig.Adam(2e-4, 0.5, 0.999, 1e-7);
        return new CganConfig(Backbone.MLP, 100, LatentDistribution.NORMAL, LabelEncoding.ONE_HOT, 50, g, d,
                AdversarialLossType.NON_SATURATING, adam, adam);
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        // The losses take raw logits and apply any sigmoid themselves.
        if (discriminator.outputActivation() != ActivationName.IDENTITY) {
            problems.add(new ConfigProblem(path + ".discriminator.outputActivation", "must be identity",
                    "'" + discriminator.outputActivation().name().toLowerCase() + "'",
                    "the losses work on raw logits"));
        }
    }
}
