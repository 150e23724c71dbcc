package io.gan4j.dcgan;

import io.gan4j.core.testing.parity.VariantParityTest;

import java.util.List;

/**
 * Two training iterations of DCGAN on 28×28 images (transposed convolutions, batch norm in training mode in both
 * networks, D's two passes) equal PyTorch's: losses, gradients, parameters, G's and D's running statistics after
 * the steps, and Adam's state (fixture from {@code benchmarks/parity/make_fixtures.py}).
 */
class DcganParityTest extends VariantParityTest {

    DcganParityTest() {
        super(List.of("dcgan"), "dcgan",
                detects("model.discriminator.leakySlope=0.202", "discriminator gradient"),
                detects("model.generator.batchNormMomentum=0.909", "final generator 1_log10stdev"),
                detects("model.generatorOptimizer.beta1=0.505", "optimizer state generator"));
    }
}
