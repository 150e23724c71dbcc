package io.gan4j.core.nn;

import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;

/**
 * A PatchGAN discriminator (Isola et al. 2017), built by {@link PatchGan}: a fully convolutional network that
 * classifies every overlapping patch of its input as real or fake, emitting a map of logits.
 *
 * @param width             channels of the first layer ({@code ndf}); doubled per layer, at most 8·width
 * @param layers            stride-2 layers ({@code n_layers}); the receptive field, the patch size, is 16, 34, 70,
 *                          142 px for 1, 2, 3, 4 ({@link PatchGan#receptiveField})
 * @param norm              normalisation after every convolution except the first and the output: batch (pix2pix),
 *                          instance (CycleGAN) or none
 * @param leakySlope        LeakyReLU negative slope
 * @param batchNormMomentum batch norm's running = m·running + (1 − m)·batch
 * @param batchNormEpsilon  added to the variance (batch and instance norm)
 * @param weightInit        initialisation of the convolutions
 */
public record PatchGanConfig(
        @Doc("Channels of the first layer (ndf); doubled per layer, at most 8x") @Range(min = 1) int width,
        @Doc("Stride-2 layers; the patch (receptive field) is 16, 34, 70 or 142 px for 1, 2, 3, 4") @Range(min = 1, max = 6) int layers,
        @Doc("Normalisation after the hidden convolutions (not the first or the output): batch, instance or none") Normalization norm,
        @Doc("LeakyReLU negative slope") @Range(min = 0, max = 1) double leakySlope,
        @Doc("Batch-norm running-average momentum, Keras convention") @Range(min = 0, max = 1, maxExclusive = true) double batchNormMomentum,
        @Doc("Epsilon added to the variance by batch or instance norm") @Range(min = 0, minExclusive = true) double batchNormEpsilon,
        @Doc("Weight initialisation") InitName weightInit) {

    /** The paper's 70×70 PatchGAN (3 layers) with first-layer width {@code width}: batch norm, LeakyReLU(0.2). */
    public static PatchGanConfig paper(int width) {
        return new PatchGanConfig(width, 3, Normalization.BATCH, 0.2, 0.9, 1e-5, InitName.NORMAL_002);
    }
}
