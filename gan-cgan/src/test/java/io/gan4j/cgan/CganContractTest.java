package io.gan4j.cgan;

import io.gan4j.core.testing.VariantContractTest;

/** The conditional GAN passes the contract every variant inherits. */
class CganContractTest extends VariantContractTest {

    CganContractTest() {
        super("cgan", """
                "latentDim": 8, "labelEncoding": "embedding", "embeddingDim": 4,
                "generator": {"hidden": [16, 16]}, "discriminator": {"hidden": [16]}""", 16);
    }
}
