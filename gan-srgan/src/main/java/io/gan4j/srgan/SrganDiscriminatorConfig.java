package io.gan4j.srgan;

import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;
import io.gan4j.core.nn.InitName;

/**
 * SRGAN's discriminator (Ledig et al. 2017, Figure 4), built by {@link SrganDiscriminator}.
 *
 * @param width             channels of the first stage (the paper: 64, doubled by each later stage up to 512)
 * @param stages            stride-2 stages; 0 = from the image size ({@link SrganDiscriminator#stages}: the paper
 *                          has 4 on 96 px)
 * @param denseWidth        units of the hidden dense layer (the paper: 1024)
 * @param leakySlope        slope of the LeakyReLUs below 0 (the paper: 0.2)
 * @param batchNormMomentum DL4J's decay of batch norm's running averages
 * @param batchNormEpsilon  added to the variance
 * @param weightInit        initialisation of the convolutions and dense layers
 */
public record SrganDiscriminatorConfig(
        @Doc("Channels of the first stage (the paper: 64), doubled by each later stage") @Range(min = 1) int width,
        @Doc("Stride-2 stages; 0 = from the image size (4 on the paper's 96 px, 3 on 64 px, 2 on 28 px)") @Range(min = 0, max = 8) int stages,
        @Doc("Units of the hidden dense layer (the paper: 1024)") @Range(min = 1) int denseWidth,
        @Doc("Slope of the LeakyReLUs below 0 (the paper: 0.2)") @Range(min = 0, max = 1) double leakySlope,
        @Doc("Decay of batch norm's running averages (DL4J's decay)") @Range(min = 0, max = 1) double batchNormMomentum,
        @Doc("Epsilon added to the variance by batch norm") @Range(min = 0, minExclusive = true) double batchNormEpsilon,
        @Doc("Weight initialisation") InitName weightInit) {

    /** The paper's discriminator: width 64, stages from the image size, dense 1024, LeakyReLU 0.2. */
    public static SrganDiscriminatorConfig paper() {
        return new SrganDiscriminatorConfig(64, 0, 1024, 0.2, 0.9, 1e-5, InitName.PYTORCH_DEFAULT);
    }
}
