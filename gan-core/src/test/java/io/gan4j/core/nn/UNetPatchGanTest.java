package io.gan4j.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The U-Net's depth rule, padding and shapes, and the PatchGAN's patch sizes and logit maps. */
class UNetPatchGanTest {
    private static final OptimizerConfig ADAM = OptimizerConfig.Adam.of(2e-4, 0.5);

    private static UNetConfig unet(int width, int depth, Normalization norm, double dropout) {
        UNetConfig p = UNetConfig.paper(width);
        return new UNetConfig(width, depth, norm, dropout, 3, p.leakySlope(), p.batchNormMomentum(),
                p.batchNormEpsilon(), p.weightInit());
    }

    @Test
    void depthFollowsTheImageSizeAsTheIssueAndPaperSay() {
        assertEquals(4, UNet.defaultDepth(28, 28));
        assertEquals(4, UNet.defaultDepth(32, 32));
        assertEquals(6, UNet.defaultDepth(64, 64));
        assertEquals(7, UNet.defaultDepth(128, 128));
        assertEquals(8, UNet.defaultDepth(256, 256), "the paper's 8 levels at 256 px, to a 1x1 bottleneck");
        assertEquals(32, UNet.paddedSize(28, 4));
        assertEquals(256, UNet.paddedSize(256, 8));
        assertEquals(112, UNet.paddedSize(100, 4));
    }

    @Test
    void a28PixelImageIsPaddedTo32AndCroppedBackWithSkipsAtEveryLevel() {
        Net g = UNet.generator(unet(4, 0, Normalization.BATCH, 0.5), new long[] {1, 28, 28}, ADAM, 1, DataType.FLOAT);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28).subi(0.5);
        INDArray y = g.output(x.dup());
        assertArrayEquals(new long[] {3, 1, 28, 28}, y.shape());
        assertTrue(y.amaxNumber().doubleValue() <= 1, "tanh output");
        var conf = g.computationGraph().getConfiguration();
        assertTrue(conf.getVertices().containsKey("pad") && conf.getVertices().containsKey("crop"));
        for (int k = 1; k < 4; k++) {
            assertTrue(conf.getVertices().containsKey("cat" + k), "skip into decoder level " + k);
        }
        // Channels 4, 8, 16, 32 at 16, 8, 4, 2 px.
        assertArrayEquals(new long[] {3, 32, 2, 2}, g.computationGraph().feedForward(x, false).get("enc4").shape());
        // Dropout in the 3 blocks next to the bottleneck, none in the output block.
        assertTrue(conf.getVertices().containsKey("dec4_dropout") && conf.getVertices().containsKey("dec2_dropout"));
        assertTrue(!conf.getVertices().containsKey("dec1_dropout"));
    }

    @Test
    void inferenceLeavesTheInputAloneAndMatchesTrainingWithoutBatchStatisticsOrDropout() {
        Net g = UNet.generator(unet(2, 3, Normalization.INSTANCE, 0), new long[] {3, 16, 16}, ADAM, 2, DataType.FLOAT);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16);
        INDArray copy = x.dup();
        INDArray out = g.output(x);
        assertEquals(copy, x, "the caller's input is not modified");
        assertEquals(out, g.forward(x.dup()), "instance norm and no dropout: train and inference agree");
    }

    @Test
    void patchGanReceptiveFieldsAndMapSizes() {
        assertEquals(16, PatchGan.receptiveField(1));
        assertEquals(34, PatchGan.receptiveField(2));
        assertEquals(70, PatchGan.receptiveField(3), "the paper's 70x70 PatchGAN");
        assertEquals(30, PatchGan.outputSize(256, 3), "30x30 logits at 256 px");
        assertEquals(12, PatchGan.outputSize(28, 1));
        PatchGanConfig p = PatchGanConfig.paper(4);
        Net d = PatchGan.discriminator(new PatchGanConfig(4, 2, Normalization.BATCH, p.leakySlope(),
                p.batchNormMomentum(), p.batchNormEpsilon(), p.weightInit()), new long[] {2, 32, 32}, ADAM, 3, DataType.FLOAT);
        assertArrayEquals(new long[] {5, 1, PatchGan.outputSize(32, 2), PatchGan.outputSize(32, 2)},
                d.output(Nd4j.rand(DataType.FLOAT, 5, 2, 32, 32)).shape());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> PatchGan.discriminator(
                PatchGanConfig.paper(4), new long[] {2, 16, 16}, ADAM, 3, DataType.FLOAT));
        assertTrue(small.getMessage().contains("at least " + PatchGan.minimumSize(3)), small.getMessage());
    }
}
