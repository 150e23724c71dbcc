package io.gan4j.core.nn;

import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;

/**
 * The ResNet image-to-image generator of CycleGAN (Zhu, Park, Isola &amp; Efros 2017, after Johnson, Alahi &amp;
 * Fei-Fei 2016), built by {@link ResNetGenerator}.
 *
 * @param width            channels of the first 7×7 convolution ({@code ngf}); doubled by each downsampling
 * @param residualBlocks   residual blocks at the bottleneck; 0 = from the image size (6 up to 128 px, 9 above, as
 *                         the paper)
 * @param norm             normalisation after every convolution but the output: instance (the paper), batch or none
 * @param normEpsilon      added to the variance
 * @param weightInit       initialisation of the convolutions
 */
public record ResNetGeneratorConfig(
        @Doc("Channels of the first 7x7 convolution (ngf); doubled by each of the two downsamplings") @Range(min = 1) int width,
        @Doc("Residual blocks at the bottleneck; 0 = from the image size (6 up to 128 px, 9 above)") @Range(min = 0, max = 32) int residualBlocks,
        @Doc("Normalisation after each convolution but the output: instance (the paper), batch or none") Normalization norm,
        @Doc("Epsilon added to the variance by the normalisation") @Range(min = 0, minExclusive = true) double normEpsilon,
        @Doc("Weight initialisation") InitName weightInit) {

    /** The paper's generator with first-layer width {@code width}: instance norm, N(0, 0.02) weights. */
    public static ResNetGeneratorConfig paper(int width) {
        return new ResNetGeneratorConfig(width, 0, Normalization.INSTANCE, 1e-5, InitName.NORMAL_002);
    }
}
