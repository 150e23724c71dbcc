package io.gan4j.cgan;

import io.gan4j.core.testing.parity.ParityReplay;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Two training iterations of the conditional GAN equal PyTorch's for each way gan4j conditions on the label: the MLP
 * backbone with the one-hot label or a learned embedding concatenated, and the conv backbone with the label as G's
 * extra input channels and the projection discriminator (fixtures from {@code benchmarks/parity/make_fixtures.py}).
 */
class CganParityTest {

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"cgan-mlp-one-hot, DOUBLE", "cgan-mlp-one-hot, FLOAT",
            "cgan-mlp-embedding, DOUBLE", "cgan-mlp-embedding, FLOAT",
            "cgan-conv-projection, DOUBLE", "cgan-conv-projection, FLOAT"})
    void twoStepsEqualPyTorchs(String fixture, DataType type) {
        ParityReplay.check(fixture, type);
    }

    /** Each override changes one term of the computation by about 1 percent; the replay must notice. */
    @ParameterizedTest(name = "--set {0}")
    @CsvSource({"model.convDiscriminator.batchNormEpsilon=1.01e-5, discriminator gradient",
            "model.discriminatorOptimizer.lr=2.02e-4, final discriminator"})
    void aOnePercentChangeIsDetected(String override, String detectedIn) {
        ParityReplay.assertDetects("cgan-conv-projection", override, detectedIn);
    }
}
