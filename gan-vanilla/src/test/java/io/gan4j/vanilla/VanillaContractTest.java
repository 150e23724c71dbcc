package io.gan4j.vanilla;

import io.gan4j.core.testing.VariantContractTest;

/** The vanilla GAN passes the contract every variant inherits. */
class VanillaContractTest extends VariantContractTest {

    @Override
    protected String variantName() {
        return "vanilla";
    }

    @Override
    protected String tinyConfig() {
        return tinyMnistConfig("""
                "latentDim": 8, "generator": {"hidden": [16, 16]}, "discriminator": {"hidden": [16]}""", 16);
    }
}
