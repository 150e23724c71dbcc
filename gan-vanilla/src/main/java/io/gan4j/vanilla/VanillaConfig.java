package io.gan4j.vanilla;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.LatentDistribution;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Validatable;
import io.gan4j.core.loss.AdversarialLossType;
import io.gan4j.core.model.LatentModelConfig;
import io.gan4j.core.nn.MlpConfig;
import io.gan4j.core.nn.OptimizerConfig;

import java.util.List;

/**
 * The {@code model} section of a vanilla GAN experiment. Field names follow the paper where it names things:
 * z is drawn from p_z ({@code latent}) with {@code latentDim} dimensions; G and D are MLPs.
 *
 * <p>A config file only lists what differs from {@link #defaults()}, e.g.
 * {@code "model": {"type": "vanilla", "latentDim": 64, "generator": {"hidden": [128, 128]}}}.
 */
public record VanillaConfig(
        @Doc("Dimensions of the latent code z") @Range(min = 1) int latentDim,
        @Doc("Prior of z: normal = N(0,1), uniform = U(-1,1)") LatentDistribution latent,
        @Doc("Generator G: z -> example; its output layer has one unit per value of an example") MlpConfig generator,
        @Doc("Discriminator D: example -> one logit (its outputActivation must be identity)") MlpConfig discriminator,
        @Doc("Adversarial loss: minimax, non-saturating, least-squares, hinge or wasserstein") AdversarialLossType loss,
        @Doc("Optimizer of G") OptimizerConfig generatorOptimizer,
        @Doc("Optimizer of D") OptimizerConfig discriminatorOptimizer) implements LatentModelConfig, Validatable {

    /**
     * The Keras MLP GAN recipe (the "GAN" of Keras-GAN, itself following Goodfellow et al.):
     * G: z(100, N(0,1)) → Dense 256 → LeakyReLU(0.2) → BatchNorm(momentum 0.8) → Dense 512 → LeakyReLU → BatchNorm
     * → Dense 1024 → LeakyReLU → BatchNorm → Dense(784, tanh); D: Dense 512 → LeakyReLU(0.2) → Dense 256 →
     * LeakyReLU(0.2) → Dense 1 (logit). Adam(2e-4, β1 0.5) for both; Keras's defaults elsewhere (Glorot-uniform
     * weights, batch-norm ε 1e-3, Adam ε 1e-7); non-saturating cross-entropy.
     */
    public static VanillaConfig defaults() {
        MlpConfig g = MlpConfig.kerasGenerator();
        MlpConfig d = MlpConfig.kerasDiscriminator();
        OptimizerConfig adam = new OptimizerConfig.Adam(2e-4, 0.5, 0.999, 1e-7);
        return new VanillaConfig(100, LatentDistribution.NORMAL, g, d, AdversarialLossType.NON_SATURATING, adam, adam);
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        // The losses take raw logits and apply any sigmoid themselves; a squashed D output would be squashed twice.
        LatentModelConfig.requireRawScores(path + ".discriminator", discriminator.outputActivation(),
                "the losses work on raw logits", problems);
    }
}
