package io.gan4j.cyclegan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Validatable;
import io.gan4j.core.loss.AdversarialLossType;
import io.gan4j.core.nn.Normalization;
import io.gan4j.core.nn.OptimizerConfig;
import io.gan4j.core.nn.PatchGan;
import io.gan4j.core.nn.PatchGanConfig;
import io.gan4j.core.nn.ResNetGeneratorConfig;
import io.gan4j.core.nn.UNetConfig;

import java.util.List;

/**
 * The {@code model} section of a CycleGAN experiment (Zhu, Park, Isola, Efros 2017). Both generators share one
 * architecture ({@code generator} picks ResNet or U-Net) and both discriminators share {@code discriminator}.
 * G's objective, with λ = {@code lambdaCycle}:
 * {@code ℓ_G(D_B(G(a))) + ℓ_G(D_A(F(b))) + λ(|F(G(a)) − a| + |G(F(b)) − b|) + λ·lambdaIdentity(|G(b) − b| + |F(a) − a|)}.
 *
 * <p>Learning rate: constant for {@code constantIterations}, then linearly to zero over {@code decayIterations}
 * (the paper: 100 epochs constant, 100 decaying); {@code decayIterations = 0} keeps it constant throughout.
 */
public record CycleGanConfig(
        @Doc("Generator architecture of G and F: resnet (the paper) or unet") GeneratorArchitecture generator,
        @Doc("ResNet generator settings (generator = resnet)") ResNetGeneratorConfig resnet,
        @Doc("U-Net generator settings (generator = unet)") UNetConfig unet,
        @Doc("Discriminators D_A and D_B: PatchGANs emitting one logit per patch") PatchGanConfig discriminator,
        @Doc("Adversarial loss: least-squares (the paper), non-saturating or minimax") AdversarialLossType loss,
        @Doc("Weight of the cycle-consistency terms |F(G(a)) - a| and |G(F(b)) - b| (the paper: 10)") @Range(min = 0) double lambdaCycle,
        @Doc("Weight of the identity terms |G(b) - b| and |F(a) - a| as a fraction of lambdaCycle (the paper: 0.5); 0 = off") @Range(min = 0) double lambdaIdentity,
        @Doc("Past fakes kept per discriminator; half of each batch D sees comes from it once full; 0 = no pool") @Range(min = 0, max = 10000) int poolSize,
        @Doc("Factor on each discriminator's loss (the paper halves it to slow D relative to G)") @Range(min = 0, minExclusive = true) double discriminatorLossScale,
        @Doc("Iterations at the initial learning rate before the linear decay starts") @Range(min = 0) int constantIterations,
        @Doc("Iterations over which the learning rate decays linearly to zero; 0 = constant learning rate") @Range(min = 0) int decayIterations,
        @Doc("Optimizer of G and F (one step over both)") OptimizerConfig generatorOptimizer,
        @Doc("Optimizer of D_A and D_B") OptimizerConfig discriminatorOptimizer) implements ModelConfig, Validatable {

    /** Which generator G and F are. */
    public enum GeneratorArchitecture {
        /** {@link io.gan4j.core.nn.ResNetGenerator}: the paper's c7s1-k, d2k, d4k, residual blocks, u2k, uk, c7s1. */
        @JsonProperty("resnet") RESNET,
        /** {@link io.gan4j.core.nn.UNet}: pix2pix's encoder-decoder with skips. */
        @JsonProperty("unet") UNET
    }

    /**
     * The paper's recipe: ResNet generators of width 64 (6 blocks up to 128 px), 70×70 PatchGANs of width 64, both
     * with instance norm (the U-Net option: instance norm, no dropout); least-squares loss, λ_cyc = 10, identity 0.5·λ_cyc, pools of 50, D's loss halved,
     * Adam(2e-4, β1 0.5), constant learning rate (set the two schedule fields for the decay).
     */
    public static CycleGanConfig defaults() {
        OptimizerConfig adam = OptimizerConfig.Adam.of(2e-4, 0.5);
        PatchGanConfig d = PatchGanConfig.paper(64);
        PatchGanConfig instanceNormD = new PatchGanConfig(d.width(), d.layers(), Normalization.INSTANCE, d.leakySlope(),
                d.batchNormMomentum(), d.batchNormEpsilon(), d.weightInit());
        UNetConfig p = UNetConfig.paper(64);
        // CycleGAN's reference code runs its U-Net option with instance norm and without dropout.
        UNetConfig u = new UNetConfig(p.width(), p.depth(), Normalization.INSTANCE, p.dropout(), 0, p.leakySlope(),
                p.batchNormMomentum(), p.batchNormEpsilon(), p.weightInit());
        return new CycleGanConfig(GeneratorArchitecture.RESNET, ResNetGeneratorConfig.paper(64), u, instanceNormD,
                AdversarialLossType.LEAST_SQUARES, 10.0, 0.5, 50, 0.5, 0, 0, adam, adam);
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        PatchGan.checkLoss(loss, path + ".loss", problems, "least-squares, non-saturating or minimax");
    }

    /**
     * The learning-rate factor at 1-based iteration {@code step}: 1 up to {@code constantIterations}, then
     * {@code 1 − (step − constantIterations) / (decayIterations + 1)}, never below 0 (the reference code's rule per
     * iteration instead of per epoch).
     */
    public double learningRateFactor(long step) {
        if (decayIterations == 0) {
            return 1.0;
        }
        double f = 1.0 - Math.max(0, step - constantIterations) / (double) (decayIterations + 1);
        return Math.max(0.0, f);
    }
}
