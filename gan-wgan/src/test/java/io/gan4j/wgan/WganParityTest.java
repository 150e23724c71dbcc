package io.gan4j.wgan;

import io.gan4j.core.testing.parity.ParityReplay;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One WGAN iteration equals PyTorch's: three critic updates, each on its own real batch and a fresh G(z), then one
 * generator update. Weight clipping: RMSProp and clipping after each critic update (MLP). Gradient penalty: the
 * penalty on interpolates with the given ε, its exact gradient (PyTorch's double backward) for LeakyReLU critics,
 * MLP and convolutional, Adam(β 0, 0.9). Compared: every logged scalar (Wasserstein estimate, penalty, gradient
 * norms), every update's gradient, the parameters and the optimizers' state (fixtures from
 * {@code benchmarks/parity/make_fixtures.py}).
 */
class WganParityTest {

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"wgan-clip, DOUBLE", "wgan-clip, FLOAT", "wgan-gp-mlp, DOUBLE", "wgan-gp-mlp, FLOAT",
            "wgan-gp-conv, DOUBLE", "wgan-gp-conv, FLOAT"})
    void oneIterationEqualsPyTorchs(String fixture, DataType type) {
        ParityReplay.check(fixture, type);
    }

    /** Each override changes one term of the computation by about 1 percent; the replay must notice. */
    @ParameterizedTest(name = "--set {0}")
    @CsvSource({"model.penaltyWeight=10.1, critic gradient",
            "model.criticOptimizer.beta2=0.909, optimizer state critic"})
    void aOnePercentChangeIsDetected(String override, String detectedIn) {
        ParityReplay.assertDetects("wgan-gp-conv", override, detectedIn);
    }
}
