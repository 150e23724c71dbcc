package io.gan4j.vanilla;

import io.gan4j.core.testing.parity.ParityReplay;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Two training iterations of the vanilla MLP GAN (the Keras recipe's layers at small widths: G with batch norm,
 * D without) equal PyTorch's, for the non-saturating and the minimax generator loss: losses, D(x), D(G(z)), both
 * networks' gradients, parameters, running statistics and Adam's state (fixtures from
 * {@code benchmarks/parity/make_fixtures.py}).
 */
class VanillaParityTest {

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"vanilla-non-saturating, DOUBLE", "vanilla-non-saturating, FLOAT",
            "vanilla-minimax, DOUBLE", "vanilla-minimax, FLOAT"})
    void oneStepEqualsPyTorchs(String fixture, DataType type) {
        ParityReplay.check(fixture, type);
    }

    /** Each override changes one term of the computation by about 1 percent; the replay must notice. */
    @ParameterizedTest(name = "--set {0}")
    @CsvSource({"model.generator.leakySlope=0.202, generator gradient",
            "model.generator.batchNormEpsilon=0.00101, generator gradient",
            "model.discriminatorOptimizer.lr=2.02e-4, final discriminator",
            "model.generator.batchNormMomentum=0.808, final generator 1_mean",
            "model.loss=minimax, log g_loss"})
    void aOnePercentChangeIsDetected(String override, String detectedIn) {
        ParityReplay.assertDetects("vanilla-non-saturating", override, detectedIn);
    }
}
