package io.gan4j.vanilla;

import io.gan4j.core.testing.VariantContractTest;

/**
 * The vanilla GAN passes the contract every variant inherits (discovery, config round trip, a step that moves every
 * network, sample shapes, checkpoint round trip, determinism: see {@link VariantContractTest}). A variant's own
 * behaviour gets its own tests in this class, beside the inherited ones.
 */
class VanillaContractTest extends VariantContractTest {

    /**
     * The variant's name and the model block of its tiny config; {@link VariantContractTest#tinyMnistConfig} adds
     * the seed, MNIST's first 64 images and the batch size (16). Networks this small make each inherited test train
     * in well under a second.
     */
    VanillaContractTest() {
        super("vanilla", """
                "latentDim": 8, "generator": {"hidden": [16, 16]}, "discriminator": {"hidden": [16]}""", 16);
    }
}
