package io.gan4j.core.nn;

import io.gan4j.core.testing.GradientCheck;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WeightBoundBackward}: for the layers whose weights outweigh their work (pix2pix's innermost U-Net layers at
 * batch 1), the one-pass layers' backward pass runs libnd4j's GEMM path, in float, and its input and parameter
 * gradients equal those of DL4J's stock layer, which runs oneDNN's kernels, to float rounding (the forward pass is
 * the same op); which layers take the path follows the column rule, and the system property switches it off.
 */
class WeightBoundBackwardTest {
    /** n, cIn, cOut, size, kernel, stride, padding: U-Net-like inner layers, a few positions each. */
    private static final int[][] CONV_SHAPES = {{1, 64, 48, 4, 4, 2, 1}, {2, 24, 40, 8, 4, 2, 1}, {1, 32, 16, 2, 4, 2, 1}};
    private static final int[][] DECONV_SHAPES = {{1, 64, 48, 2, 4, 2, 1}, {2, 40, 24, 4, 4, 2, 1}, {1, 32, 16, 1, 4, 2, 1}};

    private static Layer layer(boolean deconv, boolean onePass, int[] s, boolean bias) {
        if (deconv) {
            Deconvolution2D.Builder b = new Deconvolution2D.Builder(s[4], s[4]).stride(s[5], s[5])
                    .padding(s[6], s[6]).nOut(s[2]).hasBias(bias).activation(new ActivationIdentity());
            return onePass ? new OnePassDeconvolution2D(b) : b.build();
        }
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder(s[4], s[4]).stride(s[5], s[5])
                .padding(s[6], s[6]).nOut(s[2]).hasBias(bias).activation(new ActivationIdentity());
        return onePass ? new OnePassConvolution2D(b) : b.build();
    }

    private static MultiLayerNetwork net(Layer layer, int[] s, INDArray params) {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).updater(new Sgd(0.1)).list().layer(layer)
                .setInputType(InputType.convolutional(s[3], s[3], s[1])).build());
        n.init();
        if (params != null) {
            n.setParams(params);
        }
        n.initGradientsView();
        return n;
    }

    /** Output, dL/dx and the flat parameter gradient. */
    private static INDArray[] passes(MultiLayerNetwork n, INDArray x, INDArray g) {
        n.setInput(x);
        INDArray y = n.feedForward(true, false).get(1).dup();
        Pair<Gradient, INDArray> p = n.backpropGradient(g, LayerWorkspaceMgr.noWorkspaces());
        return new INDArray[] {y, p.getSecond().dup(), n.getGradientsViewArray().dup()};
    }

    private static double relativeError(INDArray expected, INDArray actual) {
        return expected.sub(actual).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
    }

    private static void compare(boolean deconv, int[] s, boolean bias) {
        MultiLayerNetwork stock = net(layer(deconv, false, s, bias), s, null);
        INDArray p = GradientCheck.random(new Random(s[1] * 7L + s[2]), 1, stock.params().length())
                .muli(0.3).castTo(DataType.FLOAT);
        stock.setParams(p);
        MultiLayerNetwork onePass = net(layer(deconv, true, s, bias), s, p.dup());
        Random rnd = new Random(11);
        INDArray x = GradientCheck.random(rnd, s[0], s[1], s[3], s[3]).castTo(DataType.FLOAT);
        long[] outShape = stock.feedForward(x, false).get(1).shape();
        long positions = deconv ? (long) s[3] * s[3] : outShape[2] * outShape[3];
        assertTrue(WeightBoundBackward.applies((ConvolutionLayer) onePass.getLayer(0).conf().getLayer(), x, positions),
                "the rule picks the GEMM path for " + Arrays.toString(s));
        INDArray g = GradientCheck.random(rnd, outShape).castTo(DataType.FLOAT);
        INDArray[] expected = passes(stock, x, g);
        INDArray[] actual = passes(onePass, x, g);
        String what = (deconv ? "deconv " : "conv ") + Arrays.toString(s) + (bias ? " bias" : "");
        assertEquals(expected[0], actual[0], what + ": the forward pass is not touched");
        assertEquals(0, relativeError(expected[1], actual[1]), 2e-6, what + ": input gradient");
        assertEquals(0, relativeError(expected[2], actual[2]), 2e-6, what + ": parameter gradient");
    }

    @Test
    void convolutionGradientsEqualOneDnns() {
        for (int[] s : CONV_SHAPES) {
            compare(false, s, true);
            compare(false, s, false);
        }
    }

    @Test
    void transposedConvolutionGradientsEqualOneDnns() {
        for (int[] s : DECONV_SHAPES) {
            compare(true, s, true);
            compare(true, s, false);
        }
    }

    @Test
    void onlyFewColumnsPlainFloatLayersTakeThePath() {
        ConvolutionLayer identity = (ConvolutionLayer) layer(false, true, CONV_SHAPES[0], true);
        INDArray batch1 = org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 1, 64, 4, 4);
        assertTrue(WeightBoundBackward.applies(identity, batch1, 4));
        assertTrue(WeightBoundBackward.applies(identity, batch1, 256), "256 columns: the limit itself");
        assertFalse(WeightBoundBackward.applies(identity, batch1, 257));
        INDArray batch16 = org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 16, 64, 4, 4);
        assertFalse(WeightBoundBackward.applies(identity, batch16, 49), "16 examples of 7x7: oneDNN's case");
        assertFalse(WeightBoundBackward.applies(identity, batch1.castTo(DataType.DOUBLE), 4), "double: no oneDNN");
        ConvolutionLayer tanh = new OnePassConvolution2D(new ConvolutionLayer.Builder(4, 4).stride(2, 2)
                .padding(1, 1).nIn(64).nOut(3).activation(new ActivationTanH()));
        assertFalse(WeightBoundBackward.applies(tanh, batch1, 4), "tanh: the activation's derivative");
        String before = System.getProperty(WeightBoundBackward.COLUMNS_PROPERTY);
        try {
            System.setProperty(WeightBoundBackward.COLUMNS_PROPERTY, "0");
            assertFalse(WeightBoundBackward.applies(identity, batch1, 4), "switched off");
        } finally {
            if (before == null) {
                System.clearProperty(WeightBoundBackward.COLUMNS_PROPERTY);
            } else {
                System.setProperty(WeightBoundBackward.COLUMNS_PROPERTY, before);
            }
        }
    }
}
