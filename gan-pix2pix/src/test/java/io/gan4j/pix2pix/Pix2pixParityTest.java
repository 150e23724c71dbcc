package io.gan4j.pix2pix;

import io.gan4j.core.testing.parity.ParityReplay;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Two pix2pix iterations equal PyTorch's: the U-Net (skip connections, batch norm, dropout with given masks) on
 * 28×28 images padded to 32, the conditional PatchGAN with batch norm and half its loss, G's non-saturating term plus
 * λ·L1 (fixture from {@code benchmarks/parity/make_fixtures.py}).
 */
class Pix2pixParityTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void twoStepsEqualPyTorchs(DataType type) {
        ParityReplay.check("pix2pix", type);
    }

    /** Each override changes one term of the computation by about 1 percent; the replay must notice. */
    @ParameterizedTest(name = "--set {0}")
    @CsvSource({"model.lambdaL1=101, generator gradient",
            "model.discriminatorLossScale=0.505, discriminator gradient",
            "model.lambdaGan=1.01, generator gradient"})
    void aOnePercentChangeIsDetected(String override, String detectedIn) {
        ParityReplay.assertDetects("pix2pix", override, detectedIn);
    }
}
