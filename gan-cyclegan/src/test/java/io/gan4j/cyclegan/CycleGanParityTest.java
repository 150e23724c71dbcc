package io.gan4j.cyclegan;

import io.gan4j.core.testing.parity.ParityReplay;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Two CycleGAN iterations equal PyTorch's: both ResNet generators (instance norm) with the least-squares, cycle and
 * identity terms and one Adam step over both, then both PatchGAN discriminators on real images against the image
 * pools' output (pools full from a given state, every keep-or-swap choice given), the learning rate on its linear
 * decay (fixture from {@code benchmarks/parity/make_fixtures.py}).
 */
class CycleGanParityTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void twoStepsEqualPyTorchs(DataType type) {
        ParityReplay.check("cyclegan", type);
    }

    /** Each override changes one term of the computation by about 1 percent; the replay must notice. */
    @ParameterizedTest(name = "--set {0}")
    @CsvSource({"model.lambdaCycle=10.1, generatorAB gradient",
            "model.lambdaIdentity=0.505, generatorBA gradient",
            "model.discriminatorLossScale=0.505, discriminatorA gradient",
            "model.decayIterations=10, final generatorAB"})
    void aOnePercentChangeIsDetected(String override, String detectedIn) {
        ParityReplay.assertDetects("cyclegan", override, detectedIn);
    }
}
