package io.gan4j.pix2pix;

import io.gan4j.core.testing.parity.VariantParityTest;

import java.util.List;

/**
 * Two pix2pix iterations equal PyTorch's: the U-Net (skip connections, batch norm, dropout with given masks) on
 * 28×28 images padded to 32, the conditional PatchGAN with batch norm and half its loss, G's non-saturating term plus
 * λ·L1 (fixture from {@code benchmarks/parity/make_fixtures.py}).
 */
class Pix2pixParityTest extends VariantParityTest {

    Pix2pixParityTest() {
        super(List.of("pix2pix"), "pix2pix",
                detects("model.lambdaL1=101", "generator gradient"),
                detects("model.discriminatorLossScale=0.505", "discriminator gradient"),
                detects("model.lambdaGan=1.01", "generator gradient"));
    }
}
