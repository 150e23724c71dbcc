package io.gan4j.dcgan;

import io.gan4j.core.api.LatentGenerator;
import io.gan4j.core.testing.VariantContractTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The variant contract for DCGAN on tiny networks, plus its latent-code capability (used by sample --interpolate). */
class DcganContractTest extends VariantContractTest {

    DcganContractTest() {
        super("dcgan", """
                "latentDim": 8, "generator": {"width": 4}, "discriminator": {"width": 4}""", 16);
    }

    @Test
    void generatesFromGivenLatentCodes() {
        LatentGenerator g = assertInstanceOfLatent(train(2).model());
        assertEquals(8, g.latentDim());
        INDArray z = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 8).subi(0.5);
        INDArray a = g.generate(z, null);
        assertArrayEquals(new long[] {3, 1, 28, 28}, a.shape());
        assertEquals(a, g.generate(z.dup(), null), "inference mode: the same codes give the same images");
        assertNotEquals(a, g.generate(z.mul(-1), null));
        assertTrue(a.amaxNumber().doubleValue() <= 1.0, "tanh output");
        assertThrows(IllegalArgumentException.class, () -> g.generate(Nd4j.zeros(3, 7), null));
        assertThrows(IllegalArgumentException.class, () -> g.generate(z, new int[] {0, 1, 2}));
    }

    private static LatentGenerator assertInstanceOfLatent(Object model) {
        assertTrue(model instanceof LatentGenerator, "DCGAN exposes its latent codes");
        return (LatentGenerator) model;
    }
}
