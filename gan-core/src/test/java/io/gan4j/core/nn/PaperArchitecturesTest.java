package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The papers' networks at the papers' sizes, as the shipped {@code *-rgb} configs build them, checked against
 * PyTorch models written independently of gan4j: the parameter counts below are printed by
 * {@code /usr/bin/python3 benchmarks/paper_architectures.py} (PyTorch 1.13), whose U-Net, PatchGAN and ResNet follow
 * the reference code of pix2pix and CycleGAN line by line. 256-px networks are only run forward once, batch 1.
 */
class PaperArchitecturesTest {
    private static final OptimizerConfig ADAM = OptimizerConfig.Adam.of(2e-4, 0.5);

    /**
     * Parameters learned by gradient, PyTorch's {@code sum(p.numel() for p in m.parameters())}: DL4J also stores
     * batch norm's running mean and variance as parameters, which PyTorch keeps as buffers.
     */
    private static long learned(Net net) {
        return net.paramTable().entrySet().stream().filter(e -> Net.isLearned(e.getKey()))
                .mapToLong(e -> e.getValue().length()).sum();
    }

    /** nOut of every (transpose) convolution of a MultiLayerNetwork, in order. */
    private static List<Long> convOutputs(Net net, Class<?> type) {
        List<Long> out = new ArrayList<>();
        for (var conf : net.multiLayer().getLayerWiseConfigurations().getConfs()) {
            if (type.isInstance(conf.getLayer())) {
                out.add(((FeedForwardLayer) conf.getLayer()).getNOut());
            }
        }
        return out;
    }

    @Test
    void dcgan64HasThePapersChannelsAndPyTorchsParameterCounts() {
        long[] image = {3, 64, 64};
        Net g = ConvNets.generator(ConvNetConfig.dcganGenerator(128), 100, image, ADAM, 1, DataType.FLOAT);
        Net d = ConvNets.discriminator(ConvNetConfig.dcganDiscriminator(128), image, ADAM, 2, DataType.FLOAT);
        // Radford et al. 2015, Figure 1: 4x4x1024 -> 8x8x512 -> 16x16x256 -> 32x32x128 -> 64x64x3.
        assertEquals(List.of(1024L, 512L, 256L, 128L, 3L), convOutputs(g, Deconvolution2D.class));
        assertEquals(List.of(128L, 256L, 512L, 1024L, 1L), convOutputs(d,
                org.deeplearning4j.nn.conf.layers.ConvolutionLayer.class));
        // PyTorch: BN layers without conv bias, a bias on G's output and on D's first and last convolution.
        // (Radford's code has no bias at all: 12,658,432 and 11,036,160.)
        assertEquals(12_658_435L, learned(g));
        assertEquals(11_036_289L, learned(d));
        INDArray fake = g.output(Nd4j.rand(DataType.FLOAT, 2, 100, 1, 1).muli(2).subi(1));
        assertArrayEquals(new long[] {2, 3, 64, 64}, fake.shape());
        assertTrue(fake.amaxNumber().doubleValue() <= 1, "tanh output");
        assertArrayEquals(new long[] {2, 1, 1, 1}, d.output(fake).shape());
    }

    @Test
    void unet256HasEightLevelsDropoutInTheFirstThreeDecoderBlocksAndTheReferenceCount() {
        Net g = UNet.generator(UNetConfig.paper(64), new long[] {3, 256, 256}, ADAM, 1, DataType.FLOAT);
        assertEquals(54_413_955L, learned(g), "pix2pix's unet_256 with batch norm");
        var vertices = g.computationGraph().getConfiguration().getVertices();
        assertTrue(vertices.containsKey("enc8") && !vertices.containsKey("enc9"), "8 downsamplings");
        for (int k = 8; k >= 6; k--) {
            assertTrue(vertices.containsKey("dec" + k + "_dropout"), "dropout in decoder block " + k);
        }
        for (int k = 5; k >= 1; k--) {
            assertFalse(vertices.containsKey("dec" + k + "_dropout"), "no dropout in decoder block " + k);
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 256, 256).muli(2).subi(1);
        var acts = g.computationGraph().feedForward(x, false);
        assertArrayEquals(new long[] {1, 512, 1, 1}, acts.get("enc8").shape(), "1x1 bottleneck at 256 px");
        assertArrayEquals(new long[] {1, 3, 256, 256}, g.output(x).shape());
    }

    @Test
    void patchGan70HasTheReferenceCountsA30x30MapAndA70PixelReceptiveField() {
        PatchGanConfig p = PatchGanConfig.paper(64);
        Net pix2pixD = PatchGan.discriminator(p, new long[] {6, 256, 256}, ADAM, 1, DataType.FLOAT);
        assertEquals(2_768_705L, learned(pix2pixD), "pix2pix's conditional D: 6 input channels, batch norm");
        PatchGanConfig in = new PatchGanConfig(64, 3, Normalization.INSTANCE, 0.2, 0.9, 1e-5, InitName.NORMAL_002);
        Net cycleD = PatchGan.discriminator(in, new long[] {3, 256, 256}, ADAM, 1, DataType.FLOAT);
        // The reference's affine-free instance norm with conv biases has 2,764,737: gan4j's norm learns γ and β.
        assertEquals(2_765_633L, learned(cycleD), "CycleGAN's D: 3 input channels, affine instance norm");
        assertArrayEquals(new long[] {1, 1, 30, 30},
                cycleD.output(Nd4j.rand(DataType.FLOAT, 1, 3, 256, 256)).shape());

        // The receptive field of the built network, not of the formula: the input pixels that one logit's gradient
        // reaches. Without normalisation (batch or instance statistics couple every pixel) and with LeakyReLU, whose
        // slope is never 0, exactly the logit's patch gets a non-zero gradient.
        PatchGanConfig plain = new PatchGanConfig(4, 3, Normalization.NONE, 0.2, 0.9, 1e-5, InitName.NORMAL_002);
        Net d = PatchGan.discriminator(plain, new long[] {1, 128, 128}, ADAM, 3, DataType.DOUBLE);
        INDArray logits = d.forward(Nd4j.rand(DataType.DOUBLE, 1, 1, 128, 128));
        INDArray dLdLogits = Nd4j.zeros(DataType.DOUBLE, logits.shape());
        dLdLogits.putScalar(new long[] {0, 0, 6, 7}, 1.0);
        INDArray grad = d.backwardInput(dLdLogits).get(NDArrayIndex.point(0), NDArrayIndex.point(0));
        int[] rows = extent(grad, 0);
        int[] cols = extent(grad, 1);
        assertEquals(70, rows[1] - rows[0] + 1, "rows of the patch");
        assertEquals(70, cols[1] - cols[0] + 1, "columns of the patch");
        assertEquals(70, PatchGan.receptiveField(3));
    }

    /** First and last index along {@code axis} (0 rows, 1 columns) of a 2-D array's non-zero entries. */
    private static int[] extent(INDArray a, int axis) {
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.columns(); j++) {
                if (a.getDouble(i, j) != 0) {
                    int v = axis == 0 ? i : j;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return new int[] {lo, hi};
    }

    @Test
    void resnet9HasThePapersLayersAndTheCountOfItsPyTorchTwin() {
        ResNetGeneratorConfig c = ResNetGeneratorConfig.paper(64);
        assertEquals(9, ResNetGenerator.residualBlocks(c, 256, 256), "9 blocks for 256-px images");
        // The count does not depend on the image size: build for 256 px (9 blocks), run at a small size.
        Net g = ResNetGenerator.generator(new ResNetGeneratorConfig(64, 9, Normalization.INSTANCE, 1e-5,
                InitName.NORMAL_002), new long[] {3, 32, 32}, ADAM, 1, DataType.FLOAT);
        // c7s1-64, d128, d256, 9 x R256, u128, u64 (3x3 transpose convs), c7s1-3; affine instance norm, no conv bias
        // before it. The reference (affine-free norm, conv biases) has 11,378,179.
        assertEquals(11_383_427L, learned(g));
        var acts = g.computationGraph().feedForward(Nd4j.rand(DataType.FLOAT, 1, 3, 32, 32), false);
        assertArrayEquals(new long[] {1, 256, 8, 8}, acts.get("res9").shape());
        assertArrayEquals(new long[] {1, 128, 16, 16}, acts.get("u1").shape());
        assertArrayEquals(new long[] {1, 3, 32, 32}, acts.get("out").shape());
    }

    /**
     * The upsampling block against PyTorch's rule for {@code ConvTranspose2d(k=3, s=2, p=1, output_padding=1)}:
     * input pixel i reaches output pixels 2i − 1 + a, a = 0, 1, 2, clipped to [0, 2·in). So input pixel 0 reaches
     * output 0 and 1, and the last input pixel reaches the last three outputs.
     */
    @Test
    void theUpsamplingIsPyTorchsOutputPaddedTransposeConvolution() {
        Net g = ResNetGenerator.generator(new ResNetGeneratorConfig(1, 1, Normalization.INSTANCE, 1e-5,
                InitName.NORMAL_002), new long[] {1, 16, 16}, ADAM, 1, DataType.DOUBLE);
        var graph = g.computationGraph();
        // All weights 1, so each output pixel counts the input deltas whose kernel reaches it.
        graph.getLayer("u1_full").paramTable().get("W").assign(1.0);
        // Probe u1 alone: feed a delta at the bottleneck into the layer's own activate().
        var layer = graph.getLayer("u1_full");
        INDArray in = Nd4j.zeros(DataType.DOUBLE, 1, 4, 4, 4);
        in.putScalar(new long[] {0, 0, 0, 0}, 1.0);
        in.putScalar(new long[] {0, 0, 3, 3}, 1.0);
        INDArray full = layer.activate(in, false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        assertArrayEquals(new long[] {1, 2, 9, 9}, full.shape(), "full transpose conv: 2*4 + 1, 4k -> 2k channels");
        INDArray cropped = graph.getLayer("u1").activate(full, false,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        assertArrayEquals(new long[] {1, 2, 8, 8}, cropped.shape());
        INDArray map = cropped.get(NDArrayIndex.point(0), NDArrayIndex.point(0));
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                boolean fromFirst = y <= 1 && x <= 1;          // 2*0 - 1 + a for a = 1, 2
                boolean fromLast = y >= 5 && x >= 5;           // 2*3 - 1 + a for a = 0, 1, 2
                assertEquals(fromFirst || fromLast ? 1.0 : 0.0, map.getDouble(y, x), 0.0, "output (" + y + ", " + x + ")");
            }
        }
    }
}
