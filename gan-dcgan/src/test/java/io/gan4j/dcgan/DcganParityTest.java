package io.gan4j.dcgan;

import io.gan4j.core.testing.parity.ParityReplay;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Two training iterations of DCGAN on 28×28 images (transposed convolutions, batch norm in training mode in both
 * networks, D's two passes) equal PyTorch's: losses, gradients, parameters, G's and D's running statistics after
 * the steps, and Adam's state (fixture from {@code benchmarks/parity/make_fixtures.py}).
 */
class DcganParityTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void twoStepsEqualPyTorchs(DataType type) {
        ParityReplay.check("dcgan", type);
    }

    /** Each override changes one term of the computation by about 1 percent; the replay must notice. */
    @ParameterizedTest(name = "--set {0}")
    @CsvSource({"model.discriminator.leakySlope=0.202, discriminator gradient",
            "model.generator.batchNormMomentum=0.909, final generator 1_log10stdev",
            "model.generatorOptimizer.beta1=0.505, optimizer state generator"})
    void aOnePercentChangeIsDetected(String override, String detectedIn) {
        ParityReplay.assertDetects("dcgan", override, detectedIn);
    }
}
