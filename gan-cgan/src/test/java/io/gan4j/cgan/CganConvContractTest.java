package io.gan4j.cgan;

import io.gan4j.core.api.ConfigException;
import io.gan4j.core.testing.VariantContractTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The conditional GAN's conv backbone (DCGAN networks, projection discriminator) passes the variant contract. */
class CganConvContractTest extends VariantContractTest {

    CganConvContractTest() {
        super("cgan", """
                "backbone": "conv", "latentDim": 8, "convGenerator": {"width": 4}, "convDiscriminator": {"width": 4}""", 16);
    }

    private String problem(String model) {
        String json = "{\"model\": {\"type\": \"cgan\", \"backbone\": \"conv\", " + model + "},"
                + " \"data\": {\"source\": \"mnist\", \"limit\": 64}}";
        ConfigException e = refused(json);
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0).path() + " " + e.problems().get(0).requirement();
    }

    @Test
    void convBackboneRejectsAnEmbeddingAndAnActivatedLogit() {
        assertEquals("$.model.labelEncoding must be one-hot with backbone conv",
                problem("\"labelEncoding\": \"embedding\""));
        assertEquals("$.model.convDiscriminator.outputActivation must be identity",
                problem("\"convDiscriminator\": {\"outputActivation\": \"sigmoid\"}"));
    }
}
