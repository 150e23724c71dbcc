package io.gan4j.vanilla;

import io.gan4j.core.testing.parity.VariantParityTest;

import java.util.List;

/**
 * Two training iterations of the vanilla MLP GAN (the Keras recipe's layers at small widths: G with batch norm,
 * D without) equal PyTorch's, for the non-saturating and the minimax generator loss: losses, D(x), D(G(z)), both
 * networks' gradients, parameters, running statistics and Adam's state (fixtures from
 * {@code benchmarks/parity/make_fixtures.py}).
 */
class VanillaParityTest extends VariantParityTest {

    VanillaParityTest() {
        super(List.of("vanilla-non-saturating", "vanilla-minimax"), "vanilla-non-saturating",
                detects("model.generator.leakySlope=0.202", "generator gradient"),
                detects("model.generator.batchNormEpsilon=0.00101", "generator gradient"),
                detects("model.discriminatorOptimizer.lr=2.02e-4", "final discriminator"),
                detects("model.generator.batchNormMomentum=0.808", "final generator 1_mean"),
                detects("model.loss=minimax", "log g_loss"));
    }
}
