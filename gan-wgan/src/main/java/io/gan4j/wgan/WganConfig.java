package io.gan4j.wgan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.LatentDistribution;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Validatable;
import io.gan4j.core.model.LatentModelConfig;
import io.gan4j.core.nn.ConvNetConfig;
import io.gan4j.core.nn.MlpConfig;
import io.gan4j.core.nn.OptimizerConfig;

import java.util.List;

/**
 * The {@code model} section of a Wasserstein GAN experiment: WGAN with weight clipping (Arjovsky, Chintala and
 * Bottou 2017) or WGAN-GP (Gulrajani et al. 2017). The critic D outputs an unbounded score; the generator G is
 * the MLP or DCGAN generator of the other variants.
 *
 * <p>A config file lists only what differs from {@link #defaults()} (the paper's Algorithm 1: clipping at 0.01,
 * five critic updates per generator update, RMSProp 5e-5), e.g. for WGAN-GP
 * {@code "model": {"type": "wgan", "lipschitz": "gradient-penalty", "generatorOptimizer": {"type": "adam", ...}}}.
 */
public record WganConfig(
        @Doc("Network family: mlp = dense layers on flattened examples; conv = the DCGAN networks (images only)") Backbone backbone,
        @Doc("Dimensions of the latent code z") @Range(min = 1) int latentDim,
        @Doc("Prior of z: normal = N(0,1), uniform = U(-1,1)") LatentDistribution latent,
        @Doc("How the critic is kept 1-Lipschitz: weight-clipping (WGAN) or gradient-penalty (WGAN-GP)") Lipschitz lipschitz,
        @Doc("Weight clipping: every critic weight and bias is clipped to [-clipValue, clipValue] after each critic update") @Range(min = 0, minExclusive = true) double clipValue,
        @Doc("Gradient penalty: its weight lambda in lambda * mean (||grad D(x_hat)|| - 1)^2") @Range(min = 0) double penaltyWeight,
        @Doc("Critic updates per generator update, each on its own real batch") @Range(min = 1) int nCritic,
        @Doc("Generator G of the mlp backbone: z -> example") MlpConfig generator,
        @Doc("Critic D of the mlp backbone: example -> score (outputActivation must be identity; no batch norm or dropout with gradient-penalty)") MlpConfig critic,
        @Doc("Generator G of the conv backbone: DCGAN transpose convolutions") ConvNetConfig convGenerator,
        @Doc("Critic D of the conv backbone: DCGAN strided convolutions to one score (outputActivation identity; no batch norm with gradient-penalty)") ConvNetConfig convCritic,
        @Doc("Optimizer of G") OptimizerConfig generatorOptimizer,
        @Doc("Optimizer of the critic") OptimizerConfig criticOptimizer) implements LatentModelConfig, Validatable {

    /** The networks' family. */
    public enum Backbone {
        /** Dense layers, as gan-vanilla's. */
        @JsonProperty("mlp") MLP,
        /** DCGAN's convolutional networks, as gan-dcgan's. */
        @JsonProperty("conv") CONV
    }

    /** How the critic's Lipschitz constraint is enforced. */
    public enum Lipschitz {
        /** Clip every weight and bias after each critic update (Arjovsky et al. 2017). */
        @JsonProperty("weight-clipping") WEIGHT_CLIPPING,
        /** Penalise the critic's input-gradient norm on interpolates (Gulrajani et al. 2017). */
        @JsonProperty("gradient-penalty") GRADIENT_PENALTY
    }

    /**
     * Algorithm 1 of Arjovsky et al.: clip 0.01, nCritic 5, RMSProp(5e-5) for both networks; the MLP networks of
     * gan-vanilla's recipe with a critic that has no batch norm (usable with either constraint); the conv backbone
     * is DCGAN's width 64, its critic without batch norm. WGAN-GP's paper settings (λ 10, Adam(1e-4, β1 0,
     * β2 0.9)) are in {@code wgan-gp-mnist.json}.
     */
    public static WganConfig defaults() {
        MlpConfig g = MlpConfig.kerasGenerator();
        MlpConfig critic = MlpConfig.kerasDiscriminator();
        OptimizerConfig rmsProp = new OptimizerConfig.RmsProp(5e-5, 0.99, 1e-8);
        return new WganConfig(Backbone.MLP, 100, LatentDistribution.NORMAL, Lipschitz.WEIGHT_CLIPPING, 0.01, 10, 5,
                g, critic, ConvNetConfig.dcganGenerator(64), dcganCritic(64), rmsProp, rmsProp);
    }

    /**
     * DCGAN's discriminator of base width {@code width} without batch norm, a critic either Lipschitz constraint
     * can use.
     */
    static ConvNetConfig dcganCritic(int width) {
        ConvNetConfig d = ConvNetConfig.dcganDiscriminator(width);
        return new ConvNetConfig(d.width(), d.activation(), d.leakySlope(), false, d.batchNormMomentum(),
                d.batchNormEpsilon(), d.outputActivation(), d.weightInit());
    }

    /** Whether the configured critic has batch norm. */
    boolean criticHasBatchNorm() {
        return backbone == Backbone.MLP ? critic.batchNorm() : convCritic.batchNorm();
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        String criticPath = path + (backbone == Backbone.MLP ? ".critic" : ".convCritic");
        LatentModelConfig.requireRawScores(criticPath,
                backbone == Backbone.MLP ? critic.outputActivation() : convCritic.outputActivation(),
                "the critic's score is unbounded", problems);
        if (lipschitz == Lipschitz.GRADIENT_PENALTY && criticHasBatchNorm()) {
            // Batch norm couples the examples, so no per-example input gradient exists to penalise.
            problems.add(new ConfigProblem(criticPath + ".batchNorm", "must be false with lipschitz gradient-penalty",
                    "true", "the penalty needs each example's gradient to depend on that example alone"));
        }
        if (lipschitz == Lipschitz.GRADIENT_PENALTY && backbone == Backbone.MLP && critic.dropout() > 0) {
            // A dropped-out critic is another function at every pass: the penalised gradient would not be D's.
            problems.add(new ConfigProblem(criticPath + ".dropout", "must be 0 with lipschitz gradient-penalty",
                    Double.toString(critic.dropout()), "the penalty's exact gradient needs the same critic at every pass"));
        }
    }
}
