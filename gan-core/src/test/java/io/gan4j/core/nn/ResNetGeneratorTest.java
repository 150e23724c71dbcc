package io.gan4j.core.nn;

import io.gan4j.core.testing.DoublePrecision;
import io.gan4j.core.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CycleGAN's ResNet generator: the paper's block counts, shapes through the bottleneck, and its gradients. */
@ExtendWith(DoublePrecision.class)
class ResNetGeneratorTest {
    private static final OptimizerConfig ADAM = OptimizerConfig.Adam.of(2e-4, 0.5);

    @Test
    void residualBlocksFollowThePaper() {
        ResNetGeneratorConfig c = ResNetGeneratorConfig.paper(64);
        assertEquals(6, ResNetGenerator.residualBlocks(c, 128, 128));
        assertEquals(9, ResNetGenerator.residualBlocks(c, 256, 256));
        assertEquals(6, ResNetGenerator.residualBlocks(c, 28, 28));
        assertEquals(3, ResNetGenerator.residualBlocks(new ResNetGeneratorConfig(64, 3, Normalization.INSTANCE, 1e-5,
                InitName.NORMAL_002), 256, 256));
        assertNull(ResNetGenerator.unsupportedSize(28, 28));
        // 30 is not a multiple of 4, so two stride-2 downsamplings cannot be undone exactly.
        assertNotNull(ResNetGenerator.unsupportedSize(30, 30));
        assertTrue(ResNetGenerator.unsupportedSize(30, 30).startsWith("must be images whose sides are multiples of 4"));
        assertNull(ResNetGenerator.unsupportedSize(32, 28));
        assertNotNull(ResNetGenerator.unsupportedSize(28, 30), "each side is checked");
    }

    @Test
    void a28PixelImageGoesDownTo7AndBackWithResidualAdds() {
        Net g = ResNetGenerator.generator(ResNetGeneratorConfig.paper(4), new long[] {1, 28, 28}, ADAM, 1, DataType.FLOAT);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28).subi(0.5);
        Map<String, INDArray> acts = g.computationGraph().feedForward(x, false);
        assertArrayEquals(new long[] {2, 16, 7, 7}, acts.get("res6").shape(), "4k channels at 7x7 after 6 blocks");
        assertArrayEquals(new long[] {2, 1, 28, 28}, acts.get("out").shape());
        assertTrue(acts.get("out").amaxNumber().doubleValue() <= 1, "tanh output");
        assertThrows(IllegalArgumentException.class, () -> ResNetGenerator.generator(ResNetGeneratorConfig.paper(4),
                new long[] {1, 30, 30}, ADAM, 1, DataType.FLOAT));
    }

    /** Xavier weights so the maps' variances sit well above the normalisation's ε (see Pix2pixGradientTest). */
    @ParameterizedTest
    @EnumSource(Normalization.class)
    void gradientsMatchFiniteDifferences(Normalization norm) {
        Net g = ResNetGenerator.generator(new ResNetGeneratorConfig(2, 1, norm, 1e-5, InitName.XAVIER_NORMAL),
                new long[] {1, 8, 8}, ADAM, 2, DataType.DOUBLE);
        GradientCheck.check(g, 20, GradientCheck.random(new Random(3), 3, 1, 8, 8));
    }
}
