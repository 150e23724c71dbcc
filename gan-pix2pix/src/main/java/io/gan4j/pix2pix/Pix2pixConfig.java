package io.gan4j.pix2pix;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Validatable;
import io.gan4j.core.loss.AdversarialLossType;
import io.gan4j.core.loss.ReconstructionLoss;
import io.gan4j.core.nn.OptimizerConfig;
import io.gan4j.core.nn.PatchGan;
import io.gan4j.core.nn.PatchGanConfig;
import io.gan4j.core.nn.UNetConfig;

import java.util.List;

/**
 * The {@code model} section of a pix2pix experiment (Isola, Zhu, Zhou, Efros 2017): a U-Net G from input to
 * output image, a PatchGAN D on (input, output) pairs, and G's objective
 * {@code lambdaGan · adversarial + lambdaL1 · L1(G(x), y)}.
 *
 * <p>{@code lambdaGan = 0} is the paper's "L1 alone" ablation: no discriminator is built or trained, so the same
 * config with one number changed measures what the adversarial term adds.
 */
public record Pix2pixConfig(
        @Doc("Generator G: a U-Net from input image to output image") UNetConfig generator,
        @Doc("Discriminator D: a PatchGAN emitting one logit per patch") PatchGanConfig discriminator,
        @Doc("D sees the input concatenated with the real or generated output (the paper's cGAN); false = output only") boolean conditional,
        @Doc("Adversarial loss: non-saturating (the paper), least-squares or minimax") AdversarialLossType loss,
        @Doc("Weight of the adversarial term in G's loss; 0 = L1 only (no D)") @Range(min = 0) double lambdaGan,
        @Doc("Weight of the reconstruction term in G's loss (the paper: 100)") @Range(min = 0) double lambdaL1,
        @Doc("Reconstruction term: l1 (the paper) or l2") ReconstructionLoss reconstruction,
        @Doc("Factor on D's loss (the paper halves it to slow D relative to G)") @Range(min = 0, minExclusive = true) double discriminatorLossScale,
        @Doc("G at test time: train = dropout on and batch statistics (the paper), eval = no dropout, running statistics") TestMode testMode,
        @Doc("Optimizer of G") OptimizerConfig generatorOptimizer,
        @Doc("Optimizer of D") OptimizerConfig discriminatorOptimizer) implements ModelConfig, Validatable {

    /** How G runs when translating outside training. */
    public enum TestMode {
        /** As in training: dropout active, batch norm with the batch's own statistics (the paper's choice). */
        @JsonProperty("train") TRAIN,
        /** Deterministic: no dropout, batch norm with its running statistics. */
        @JsonProperty("eval") EVAL
    }

    /**
     * The paper's recipe: U-Net and 70×70 PatchGAN of width 64, conditional D, non-saturating loss, λ_L1 = 100,
     * D's loss halved, Adam(2e-4, β1 0.5) for both, dropout kept at test time.
     */
    public static Pix2pixConfig defaults() {
        OptimizerConfig adam = OptimizerConfig.Adam.of(2e-4, 0.5);
        return new Pix2pixConfig(UNetConfig.paper(64), PatchGanConfig.paper(64), true,
                AdversarialLossType.NON_SATURATING, 1.0, 100.0, ReconstructionLoss.L1, 0.5, TestMode.TRAIN, adam, adam);
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        PatchGan.checkLoss(loss, path + ".loss", problems, "non-saturating, least-squares or minimax");
        if (lambdaGan == 0 && lambdaL1 == 0) {
            problems.add(new ConfigProblem(path + ".lambdaL1", "must be above 0 when lambdaGan is 0", "0.0",
                    "G would have no loss at all"));
        }
    }

    /** Whether G has an adversarial term (and so a discriminator exists). */
    public boolean adversarial() {
        return lambdaGan > 0;
    }
}
