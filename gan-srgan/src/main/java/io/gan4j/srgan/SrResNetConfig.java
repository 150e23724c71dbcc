package io.gan4j.srgan;

import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;
import io.gan4j.core.nn.InitName;

/**
 * SRGAN's generator, SRResNet (Ledig et al. 2017, Figure 4), built by {@link SrResNet}.
 *
 * @param width              channels of the feature maps (the paper's n64)
 * @param residualBlocks     residual blocks B (the paper: 16)
 * @param batchNormMomentum  DL4J's decay of batch norm's running averages (PyTorch's momentum 0.1 is 0.9 here)
 * @param batchNormEpsilon   added to the variance
 * @param weightInit         initialisation of the convolutions
 */
public record SrResNetConfig(
        @Doc("Channels of the feature maps (the paper's n64)") @Range(min = 1) int width,
        @Doc("Residual blocks B (the paper: 16)") @Range(min = 0, max = 64) int residualBlocks,
        @Doc("Decay of batch norm's running averages (DL4J's decay; PyTorch's momentum 0.1 is 0.9)") @Range(min = 0, max = 1) double batchNormMomentum,
        @Doc("Epsilon added to the variance by batch norm") @Range(min = 0, minExclusive = true) double batchNormEpsilon,
        @Doc("Weight initialisation of the convolutions") InitName weightInit) {

    /** The paper's generator: 64 channels, 16 residual blocks. */
    public static SrResNetConfig paper() {
        return new SrResNetConfig(64, 16, 0.9, 1e-5, InitName.PYTORCH_DEFAULT);
    }
}
