package io.gan4j.dcgan;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.LatentDistribution;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Validatable;
import io.gan4j.core.loss.AdversarialLossType;
import io.gan4j.core.model.LatentModelConfig;
import io.gan4j.core.nn.ConvNetConfig;
import io.gan4j.core.nn.OptimizerConfig;

import java.util.List;

/**
 * The {@code model} section of a DCGAN experiment (Radford et al. 2015). z ({@code latentDim} values from
 * {@code latent}) enters G as a {@code latentDim×1×1} map; G and D are the convolutional networks of
 * {@link io.gan4j.core.nn.ConvNets}, whose depth follows from the image size and whose channels from
 * {@code width} ({@code ngf}/{@code ndf} in the PyTorch reference code).
 *
 * <p>A config file only lists what differs from {@link #defaults()}, e.g.
 * {@code "model": {"type": "dcgan", "generator": {"width": 32}}}.
 */
public record DcganConfig(
        @Doc("Dimensions of the latent code z") @Range(min = 1) int latentDim,
        @Doc("Prior of z: normal = N(0,1), uniform = U(-1,1) (the paper's choice)") LatentDistribution latent,
        @Doc("Generator G: transpose convolutions from z to an image") ConvNetConfig generator,
        @Doc("Discriminator D: strided convolutions from an image to one logit (outputActivation must be identity)") ConvNetConfig discriminator,
        @Doc("Adversarial loss: minimax, non-saturating, least-squares, hinge or wasserstein") AdversarialLossType loss,
        @Doc("Optimizer of G") OptimizerConfig generatorOptimizer,
        @Doc("Optimizer of D") OptimizerConfig discriminatorOptimizer) implements LatentModelConfig, Validatable {

    /**
     * The paper's recipe at MNIST scale: z(100, N(0,1)); G with ReLU, batch norm and tanh output, D with
     * LeakyReLU(0.2) and batch norm, both of base width 64 and weights from N(0, 0.02); Adam(2e-4, β1 0.5, β2
     * 0.999, ε 1e-8) for both; the non-saturating loss. On 28×28 images G is 100×1×1 → 128×7×7 → 64×14×14 →
     * 1×28×28 and D is 1×28×28 → 64×14×14 → 128×7×7 → 1 logit.
     */
    public static DcganConfig defaults() {
        OptimizerConfig adam = OptimizerConfig.Adam.of(2e-4, 0.5);
        return new DcganConfig(100, LatentDistribution.NORMAL, ConvNetConfig.dcganGenerator(64),
                ConvNetConfig.dcganDiscriminator(64), AdversarialLossType.NON_SATURATING, adam, adam);
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        LatentModelConfig.requireRawScores(path + ".discriminator", discriminator.outputActivation(),
                "the losses work on raw logits", problems);
    }
}
