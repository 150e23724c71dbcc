package io.gan4j.cgan;

import io.gan4j.core.testing.parity.VariantParityTest;

import java.util.List;

/**
 * Two training iterations of the conditional GAN equal PyTorch's for each way gan4j conditions on the label: the MLP
 * backbone with the one-hot label or a learned embedding concatenated, and the conv backbone with the label as G's
 * extra input channels and the projection discriminator (fixtures from {@code benchmarks/parity/make_fixtures.py}).
 */
class CganParityTest extends VariantParityTest {

    CganParityTest() {
        super(List.of("cgan-mlp-one-hot", "cgan-mlp-embedding", "cgan-conv-projection"), "cgan-conv-projection",
                detects("model.convDiscriminator.batchNormEpsilon=1.01e-5", "discriminator gradient"),
                detects("model.discriminatorOptimizer.lr=2.02e-4", "final discriminator"));
    }
}
