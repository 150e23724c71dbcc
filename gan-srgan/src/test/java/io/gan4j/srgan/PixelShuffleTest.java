package io.gan4j.srgan;

import io.gan4j.core.nn.ConvNets;
import io.gan4j.core.nn.InitName;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.OptimizerConfig;
import io.gan4j.core.testing.GradientCheck;
import io.gan4j.core.testing.SavedLayerForm;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link PixelShuffle} against hand-written rearrangements in PyTorch's channel order
 * ({@code out[c, h·r + i, w·r + j] = in[c·r² + i·r + j, h, w]}), its backward pass against the inverse
 * rearrangement written out by hand, and, inside a network, against finite differences.
 */
class PixelShuffleTest {

    /** {@code [1, channels, 2, 2]} with value {@code 100·c + 10·h + w}: each value names where it came from. */
    private static INDArray labelled(int channels) {
        INDArray a = Nd4j.create(DataType.FLOAT, 1, channels, 2, 2);
        for (int c = 0; c < channels; c++) {
            for (int h = 0; h < 2; h++) {
                for (int w = 0; w < 2; w++) {
                    a.putScalar(new long[] {0, c, h, w}, 100 * c + 10 * h + w);
                }
            }
        }
        return a;
    }

    private static INDArray shuffled(INDArray in, int r) {
        long[] s = in.shape();
        INDArray out = Nd4j.create(in.dataType(), s[0], s[1] / (r * r), s[2] * r, s[3] * r);
        PixelShuffleImpl.shuffle(in, r, out);
        return out;
    }

    @Test
    void fourChannelsBecomeOneImageOfTwiceTheSideInPyTorchOrder() {
        INDArray out = shuffled(labelled(4), 2);
        // Row 2h + i holds, at column 2w + j, channel 2i + j's pixel (h, w).
        float[][] expected = {
                {0, 100, 1, 101},
                {200, 300, 201, 301},
                {10, 110, 11, 111},
                {210, 310, 211, 311}};
        assertArrayEquals(new long[] {1, 1, 4, 4}, out.shape());
        for (int y = 0; y < 4; y++) {
            assertArrayEquals(expected[y], out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(y),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).toFloatVector(), "row " + y);
        }
    }

    @Test
    void outputChannelCTakesInputChannelsCr2ToCr2PlusR2() {
        INDArray out = shuffled(labelled(8), 2);
        assertArrayEquals(new long[] {1, 2, 4, 4}, out.shape());
        // Output channel 1 is made of input channels 4..7: its top-left 2x2 block is (4, 5; 6, 7) at pixel (0, 0).
        assertEquals(400, out.getFloat(0, 1, 0, 0));
        assertEquals(500, out.getFloat(0, 1, 0, 1));
        assertEquals(600, out.getFloat(0, 1, 1, 0));
        assertEquals(700, out.getFloat(0, 1, 1, 1));
        assertEquals(711, out.getFloat(0, 1, 3, 3));
    }

    @Test
    void backwardSendsEachErrorToThePixelItCameFrom() {
        INDArray eps = Nd4j.arange(16).castTo(DataType.FLOAT).reshape(1, 1, 4, 4);
        INDArray dx = Nd4j.create(DataType.FLOAT, 1, 4, 2, 2);
        PixelShuffleImpl.unshuffle(eps, 2, dx);
        // Input channel 2i + j, pixel (h, w) went to (2h + i, 2w + j), whose error is 4(2h + i) + 2w + j.
        assertArrayEquals(new float[] {0, 2, 8, 10}, dx.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).ravel().toFloatVector());
        assertArrayEquals(new float[] {1, 3, 9, 11}, dx.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(1)).ravel().toFloatVector());
        assertArrayEquals(new float[] {4, 6, 12, 14}, dx.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(2)).ravel().toFloatVector());
        assertArrayEquals(new float[] {5, 7, 13, 15}, dx.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(3)).ravel().toFloatVector());
    }

    @Test
    void factorThreeAndAStridedInputRoundTrip() {
        INDArray big = Nd4j.rand(DataType.FLOAT, 2, 18, 3, 5);
        // A view with non-unit strides: every other example of a larger batch.
        INDArray in = Nd4j.concat(0, big, big).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2, 4));
        INDArray out = shuffled(in, 3);
        assertArrayEquals(new long[] {2, 2, 9, 15}, out.shape());
        assertEquals(in.getFloat(1, 9 + 3 * 2 + 1, 2, 4), out.getFloat(1, 1, 2 * 3 + 2, 4 * 3 + 1));
        INDArray back = Nd4j.create(DataType.FLOAT, 2, 18, 3, 5);
        PixelShuffleImpl.unshuffle(out, 3, back);
        assertEquals(in, back);
    }

    @Test
    void shapesAreCheckedWhenTheNetworkIsBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new PixelShuffle(1));
        assertThrows(IllegalArgumentException.class,
                () -> new PixelShuffle(2).getOutputType(0, InputType.convolutional(4, 4, 6)));
        assertEquals(InputType.convolutional(8, 12, 3),
                new PixelShuffle(2).getOutputType(0, InputType.convolutional(4, 6, 12)));
    }

    /** conv → shuffle → conv in double precision: input and weight gradients against central differences. */
    @Test
    void gradientsThroughTheLayerMatchFiniteDifferences() {
        MultiLayerNetwork net = new MultiLayerNetwork(ConvNets
                .networkBuilder(OptimizerConfig.Adam.defaults(), InitName.XAVIER_NORMAL, 3, DataType.DOUBLE,
                        WorkspaceMode.ENABLED)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(8).activation(new ActivationTanH()).build())
                .layer(new PixelShuffle(2))
                .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(1).build())
                .setInputType(InputType.convolutional(3, 4, 2))
                .build());
        net.init();
        GradientCheck.check(Net.of(net), GradientCheck.random(new Random(1), 2, 2, 3, 4));
    }

    /**
     * A generator saved before PixelShuffle moved onto gan-core's ParameterlessLayer stores the layer as this JSON
     * (written by the earlier gan-srgan); it must still load, and the layer must still save as exactly these fields.
     */
    @Test
    void theSavedFormOfTheLayerConfigurationIsUnchanged() throws Exception {
        String saved = "{\"@class\" : \"io.gan4j.srgan.PixelShuffle\", \"constraints\" : null, \"factor\" : 2,"
                + " \"gradientNormalization\" : \"None\", \"gradientNormalizationThreshold\" : 0.0,"
                + " \"idropout\" : null, \"layerName\" : \"layer0\"}";
        PixelShuffle fresh = new PixelShuffle(2);
        fresh.setLayerName("layer0");
        assertEquals(2, ((PixelShuffle) SavedLayerForm.assertSavesAs(saved, fresh)).getFactor());
    }
}
