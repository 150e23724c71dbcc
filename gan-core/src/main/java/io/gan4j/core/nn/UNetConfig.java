package io.gan4j.core.nn;

import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;

/**
 * A U-Net image-to-image generator (Ronneberger et al. 2015, as pix2pix uses it: Isola et al. 2017), built by
 * {@link UNet}: an encoder of stride-2 convolutions, a mirrored decoder of stride-2 transpose convolutions, and a
 * skip connection from each encoder level to the decoder level of the same resolution (channel concatenation).
 *
 * @param width             channels of the first encoder level ({@code ngf}); they double per level up to 8·width
 * @param depth             number of stride-2 downsamplings; 0 = from the image size ({@link UNet#defaultDepth})
 * @param norm              normalisation after every convolution except the first encoder one, the innermost one
 *                          and the output: batch (the paper), instance or none
 * @param dropout           share of activations dropped in the dropout blocks, the paper's noise source (0.5)
 * @param dropoutBlocks     how many decoder blocks next to the bottleneck apply dropout (3 in the paper; at most
 *                          depth − 1, the output block never does)
 * @param leakySlope        negative slope of the encoder's LeakyReLU (the decoder uses ReLU)
 * @param batchNormMomentum batch norm's running = m·running + (1 − m)·batch
 * @param batchNormEpsilon  added to the variance (batch and instance norm)
 * @param weightInit        initialisation of the convolutions
 */
public record UNetConfig(
        @Doc("Channels of the first encoder level (ngf); doubled per level, at most 8x") @Range(min = 1) int width,
        @Doc("Stride-2 downsamplings; 0 = from the image size (28/32 px: 4, 64: 6, 128: 7, 256: 8)") @Range(min = 0, max = 12) int depth,
        @Doc("Normalisation in the encoder and decoder blocks (not the first, innermost or output layer): batch (the paper), instance or none") Normalization norm,
        @Doc("Share of activations dropped in the dropout blocks (the paper's noise source)") @Range(min = 0, max = 1, maxExclusive = true) double dropout,
        @Doc("Decoder blocks next to the bottleneck with dropout (the paper: 3)") @Range(min = 0) int dropoutBlocks,
        @Doc("Negative slope of the encoder's LeakyReLU") @Range(min = 0, max = 1) double leakySlope,
        @Doc("Batch-norm running-average momentum, Keras convention") @Range(min = 0, max = 1, maxExclusive = true) double batchNormMomentum,
        @Doc("Epsilon added to the variance by batch or instance norm") @Range(min = 0, minExclusive = true) double batchNormEpsilon,
        @Doc("Weight initialisation") InitName weightInit) {

    /** The paper's U-Net with first-level width {@code width}: batch norm, dropout 0.5 in 3 blocks, N(0, 0.02). */
    public static UNetConfig paper(int width) {
        return new UNetConfig(width, 0, Normalization.BATCH, 0.5, 3, 0.2, 0.9, 1e-5, InitName.NORMAL_002);
    }
}
