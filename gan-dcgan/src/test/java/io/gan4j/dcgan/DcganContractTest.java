package io.gan4j.dcgan;

import io.gan4j.core.testing.VariantContractTest;

/** DCGAN passes the contract every variant inherits, on 28x28 digits with narrow networks. */
class DcganContractTest extends VariantContractTest {

    @Override
    protected String variantName() {
        return "dcgan";
    }

    @Override
    protected String tinyConfig() {
        return """
                {
                  "seed": 5,
                  "model": {"type": "dcgan", "latentDim": 8,
                            "generator": {"width": 4}, "discriminator": {"width": 4}},
                  "data": {"source": "mnist", "limit": 64},
                  "train": {"batchSize": 16}
                }
                """;
    }
}
