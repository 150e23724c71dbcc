package io.gan4j.core.nn;

import io.gan4j.core.testing.GradientCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DCGAN network builders: the depth rule, output shapes and ranges, the 28x28 layer shapes, and gradients. */
class ConvNetsTest {
    private static final OptimizerConfig ADAM = OptimizerConfig.Adam.of(2e-4, 0.5);

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @ParameterizedTest
    @CsvSource({"28, 7, 2", "32, 4, 3", "64, 4, 4", "16, 4, 2", "8, 4, 1", "20, 5, 2", "48, 6, 3"})
    void layoutHalvesWhileTheSizeStaysEvenAndAtLeastFour(int size, int base, int stages) {
        assertEquals(new ConvNets.Layout(size, base, stages), ConvNets.layout(size, size));
    }

    @Test
    void unsupportedSizesAreNamed() {
        assertNull(ConvNets.unsupportedSize(28, 28));
        assertTrue(ConvNets.unsupportedSize(28, 32).contains("square"));
        for (int size : new int[] {7, 30, 4, 36, 3}) {
            String problem = ConvNets.unsupportedSize(size, size);
            assertNotNull(problem, "size " + size);
            assertTrue(problem.startsWith("must be images of size"), problem);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvNets.layout(30, 30));
        assertTrue(e.getMessage().endsWith("found 30x30"), e.getMessage());
    }

    @Test
    void channelsDoubleAtEachHalving() {
        ConvNets.Layout l = ConvNets.layout(64, 64);
        assertEquals(List.of(512, 256, 128, 64),
                List.of(l.channels(64, 0), l.channels(64, 1), l.channels(64, 2), l.channels(64, 3)));
    }

    @ParameterizedTest
    @CsvSource({"28, 1", "28, 3", "32, 1", "32, 3", "64, 1", "64, 3"})
    void outputShapesFollowTheImageSizeAndChannels(int size, int channels) {
        long[] image = {channels, size, size};
        Net g = ConvNets.generator(ConvNetConfig.dcganGenerator(4), 10, image, ADAM, 1, DataType.FLOAT);
        Net d = ConvNets.discriminator(ConvNetConfig.dcganDiscriminator(4), image, ADAM, 2, DataType.FLOAT);
        INDArray z = Nd4j.randn(DataType.FLOAT, 3, 10, 1, 1);
        INDArray fake = g.output(z);
        assertArrayEquals(new long[] {3, channels, size, size}, fake.shape());
        assertTrue(fake.minNumber().doubleValue() >= -1 && fake.maxNumber().doubleValue() <= 1, "tanh output");
        assertArrayEquals(new long[] {3, 1, 1, 1}, d.output(fake).shape());
        assertArrayEquals(new long[] {3, 1, 1, 1}, d.forward(fake).shape());
    }

    /** The architecture of the DCGAN MNIST config, layer by layer (index 0 of feedForward is the input). */
    @Test
    void mnistNetworksHaveThePaperStyleShapes() {
        long[] image = {1, 28, 28};
        Net g = ConvNets.generator(ConvNetConfig.dcganGenerator(64), 100, image, ADAM, 1, DataType.FLOAT);
        List<INDArray> ga = g.multiLayer().feedForward(Nd4j.randn(DataType.FLOAT, 2, 100, 1, 1), false);
        // deconv, BN, ReLU, deconv, BN, ReLU, deconv+tanh
        assertEquals(8, ga.size());
        assertArrayEquals(new long[] {2, 128, 7, 7}, ga.get(3).shape());
        assertArrayEquals(new long[] {2, 64, 14, 14}, ga.get(6).shape());
        assertArrayEquals(new long[] {2, 1, 28, 28}, ga.get(7).shape());
        assertArrayEquals(new long[] {100, 128, 7, 7}, g.paramTable().get("0_W").shape());
        assertArrayEquals(new long[] {128, 64, 4, 4}, g.paramTable().get("3_W").shape());
        assertArrayEquals(new long[] {64, 1, 4, 4}, g.paramTable().get("6_W").shape());
        assertNull(g.paramTable().get("0_b"), "no bias before batch norm");
        assertNotNull(g.paramTable().get("6_b"));

        Net d = ConvNets.discriminator(ConvNetConfig.dcganDiscriminator(64), image, ADAM, 2, DataType.FLOAT);
        List<INDArray> da = d.multiLayer().feedForward(Nd4j.randn(DataType.FLOAT, 2, 1, 28, 28), false);
        // conv, LeakyReLU, conv, BN, LeakyReLU, conv
        assertEquals(7, da.size());
        assertArrayEquals(new long[] {2, 64, 14, 14}, da.get(2).shape());
        assertArrayEquals(new long[] {2, 128, 7, 7}, da.get(5).shape());
        assertArrayEquals(new long[] {2, 1, 1, 1}, da.get(6).shape());
        assertArrayEquals(new long[] {64, 1, 4, 4}, d.paramTable().get("0_W").shape());
        assertArrayEquals(new long[] {128, 64, 4, 4}, d.paramTable().get("2_W").shape());
        assertArrayEquals(new long[] {1, 128, 7, 7}, d.paramTable().get("5_W").shape());
        assertTrue(d.hasBatchNorm());
    }

    @Test
    void weightsAreDrawnFromNormalWithStd002() {
        Net d = ConvNets.discriminator(ConvNetConfig.dcganDiscriminator(64), new long[] {1, 28, 28}, ADAM, 3,
                DataType.FLOAT);
        INDArray w = d.paramTable().get("2_W");
        assertEquals(0.0, w.meanNumber().doubleValue(), 1e-3);
        assertEquals(0.02, w.stdNumber().doubleValue(), 1e-3);
    }

    @Test
    void generatorGradientsMatchFiniteDifferences() {
        Net g = ConvNets.generator(ConvNetConfig.dcganGenerator(2), 3, new long[] {2, 16, 16}, ADAM, 4,
                DataType.DOUBLE);
        GradientCheck.check(g, 40, GradientCheck.random(new Random(1), 3, 3, 1, 1));
    }

    @Test
    void discriminatorGradientsMatchFiniteDifferences() {
        Net d = ConvNets.discriminator(ConvNetConfig.dcganDiscriminator(2), new long[] {2, 16, 16}, ADAM, 5,
                DataType.DOUBLE);
        GradientCheck.check(d, 40, GradientCheck.random(new Random(2), 3, 2, 16, 16));
    }
}
