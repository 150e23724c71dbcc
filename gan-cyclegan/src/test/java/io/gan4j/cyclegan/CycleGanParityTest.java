package io.gan4j.cyclegan;

import io.gan4j.core.testing.parity.VariantParityTest;

import java.util.List;

/**
 * Two CycleGAN iterations equal PyTorch's: both ResNet generators (instance norm) with the least-squares, cycle and
 * identity terms and one Adam step over both, then both PatchGAN discriminators on real images against the image
 * pools' output (pools full from a given state, every keep-or-swap choice given), the learning rate on its linear
 * decay (fixture from {@code benchmarks/parity/make_fixtures.py}).
 */
class CycleGanParityTest extends VariantParityTest {

    CycleGanParityTest() {
        super(List.of("cyclegan"), "cyclegan",
                detects("model.lambdaCycle=10.1", "generatorAB gradient"),
                detects("model.lambdaIdentity=0.505", "generatorBA gradient"),
                detects("model.discriminatorLossScale=0.505", "discriminatorA gradient"),
                detects("model.decayIterations=10", "final generatorAB"));
    }
}
