package io.gan4j.cgan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.LatentDistribution;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Validatable;
import io.gan4j.core.loss.AdversarialLossType;
import io.gan4j.core.model.LatentModelConfig;
import io.gan4j.core.nn.ConvNetConfig;
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
        @Doc("Network family: mlp = dense layers, y concatenated with z in G and with the flattened example in D; conv = the DCGAN networks, y one-hot beside z in G and a projection discriminator") Backbone backbone,
        @Doc("Dimensions of the latent code z") @Range(min = 1) int latentDim,
        @Doc("Prior of z: normal = N(0,1), uniform = U(-1,1)") LatentDistribution latent,
        @Doc("How y enters each MLP: one-hot = the one-hot vector itself, embedding = a learned embedding of embeddingDim values (a bias-free linear map of the one-hot vector, one per network); the conv backbone takes one-hot only") LabelEncoding labelEncoding,
        @Doc("Size of the learned label embedding (labelEncoding embedding only)") @Range(min = 1) int embeddingDim,
        @Doc("Generator G of the mlp backbone: [z; y] -> example; its output layer has one unit per value of an example") MlpConfig generator,
        @Doc("Discriminator D of the mlp backbone: [x; y] -> one logit (its outputActivation must be identity)") MlpConfig discriminator,
        @Doc("Generator G of the conv backbone: transpose convolutions from [z; y] as a (latentDim + classes)x1x1 map to an image") ConvNetConfig convGenerator,
        @Doc("Discriminator D of the conv backbone: DCGAN's strided convolutions to features phi(x), logit = psi(phi) + <V_y, phi> (outputActivation must be identity)") ConvNetConfig convDiscriminator,
        @Doc("Adversarial loss: minimax, non-saturating, least-squares, hinge or wasserstein") AdversarialLossType loss,
        @Doc("Optimizer of G") OptimizerConfig generatorOptimizer,
        @Doc("Optimizer of D") OptimizerConfig discriminatorOptimizer) implements LatentModelConfig, Validatable {

    /** The networks' family. */
    public enum Backbone {
        /** Dense layers; y is concatenated with z in G and with the flattened example in D. */
        @JsonProperty("mlp") MLP,
        /**
         * The DCGAN networks of {@link io.gan4j.core.nn.ConvNets}: the one-hot y joins z as extra input channels of
         * G's first transpose convolution, and D is a {@link ProjectionDiscriminator}.
         */
        @JsonProperty("conv") CONV
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
     * U(0,1) codes, ReLU/maxout layers, dropout and SGD with momentum. The conv backbone's networks are DCGAN's
     * (width 64, N(0, 0.02), batch norm), as in gan-dcgan.
     */
    public static CganConfig defaults() {
        MlpConfig g = MlpConfig.kerasGenerator();
        MlpConfig d = MlpConfig.kerasDiscriminator();
        OptimizerConfig adam = new OptimizerConfig.Adam(2e-4, 0.5, 0.999, 1e-7);
        return new CganConfig(Backbone.MLP, 100, LatentDistribution.NORMAL, LabelEncoding.ONE_HOT, 50, g, d,
                ConvNetConfig.dcganGenerator(64), ConvNetConfig.dcganDiscriminator(64),
                AdversarialLossType.NON_SATURATING, adam, adam);
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        boolean mlp = backbone == Backbone.MLP;
        LatentModelConfig.requireRawScores(path + (mlp ? ".discriminator" : ".convDiscriminator"),
                mlp ? discriminator.outputActivation() : convDiscriminator.outputActivation(),
                "the losses work on raw logits", problems);
        if (backbone == Backbone.CONV && labelEncoding != LabelEncoding.ONE_HOT) {
            // G's first transpose convolution is linear in its input, so an embedding before it is only a
            // reparametrisation; D's projection already learns one template per class.
            problems.add(new ConfigProblem(path + ".labelEncoding", "must be one-hot with backbone conv",
                    "'embedding'", "the projection discriminator learns its own class embedding"));
        }
    }
}
