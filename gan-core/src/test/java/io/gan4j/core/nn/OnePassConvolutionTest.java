package io.gan4j.core.nn;

import io.gan4j.core.testing.DoublePrecision;
import io.gan4j.core.testing.GradientCheck;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * {@link OnePassDeconvolution2D} and {@link OnePassConvolution2D}, whose backward pass takes the pre-activation from
 * the forward pass instead of computing it again: forward output, input gradient and every parameter gradient equal
 * DL4J's stock layer with the same parameters (in double precision, where DL4J runs its own ops; the float path with
 * oneDNN is covered by the parity tests of every convolutional variant), for the identity and the tanh activation,
 * batch 1 and odd channel counts, the kernel/stride/padding combinations gan4j's networks use; the gradients agree
 * with central differences; a backward pass after a later forward pass uses the later one; one without a forward
 * pass falls back to DL4J's recomputation; the class survives a save and load.
 */
@ExtendWith(DoublePrecision.class)
class OnePassConvolutionTest {
    /** n, cIn, cOut, size, kernel, stride, padding. */
    private static final int[][] DECONV_SHAPES = {
        {1, 3, 5, 4, 4, 2, 1}, {2, 5, 3, 1, 7, 1, 0}, {3, 2, 1, 5, 3, 2, 0}, {2, 7, 3, 3, 4, 2, 1}};
    private static final int[][] CONV_SHAPES = {
        {1, 3, 5, 8, 4, 2, 1}, {2, 5, 1, 7, 7, 1, 0}, {3, 1, 3, 9, 3, 1, 1}, {2, 3, 1, 6, 4, 1, 1}};

    private static Layer layer(boolean deconv, boolean onePass, int[] s, IActivation activation, boolean bias) {
        if (deconv) {
            Deconvolution2D.Builder b = new Deconvolution2D.Builder(s[4], s[4]).stride(s[5], s[5])
                    .padding(s[6], s[6]).nOut(s[2]).hasBias(bias).activation(activation);
            return onePass ? new OnePassDeconvolution2D(b) : b.build();
        }
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder(s[4], s[4]).stride(s[5], s[5])
                .padding(s[6], s[6]).nOut(s[2]).hasBias(bias).activation(activation);
        return onePass ? new OnePassConvolution2D(b) : b.build();
    }

    private static MultiLayerNetwork net(Layer layer, int[] s) {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list().layer(layer)
                .setInputType(InputType.convolutional(s[3], s[3], s[1])).build());
        n.init();
        return n;
    }

    /** The stock layer and the one-pass layer with the same parameters. */
    private static MultiLayerNetwork[] pair(boolean deconv, int[] s, IActivation activation, boolean bias) {
        MultiLayerNetwork stock = net(layer(deconv, false, s, activation, bias), s);
        MultiLayerNetwork onePass = net(layer(deconv, true, s, activation, bias), s);
        assertEquals(stock.params().length(), onePass.params().length(), "same parameter layout");
        INDArray p = GradientCheck.random(new Random(s[0] * 31L + s[2]), 1, stock.params().length()).muli(0.3);
        stock.setParams(p);
        onePass.setParams(p.dup());
        onePass.initGradientsView();
        stock.initGradientsView();
        return new MultiLayerNetwork[] {stock, onePass};
    }

    /** Output, dL/dx and the flat parameter gradient of a training forward pass on x and a backward pass of g. */
    private static INDArray[] passes(MultiLayerNetwork n, INDArray x, INDArray g) {
        n.setInput(x);
        INDArray y = n.feedForward(true, false).get(1).dup();
        Pair<Gradient, INDArray> p = n.backpropGradient(g, LayerWorkspaceMgr.noWorkspaces());
        return new INDArray[] {y, p.getSecond().dup(), n.getGradientsViewArray().dup()};
    }

    private static void assertSame(INDArray[] expected, INDArray[] actual, String what) {
        String[] names = {"output", "input gradient", "parameter gradient"};
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1e-12, expected[i].norm2Number().doubleValue());
            double error = expected[i].sub(actual[i]).norm2Number().doubleValue() / scale;
            assertEquals(0, error, 1e-12, what + ": " + names[i]);
        }
    }

    private static void compareWithStock(boolean deconv, int[][] shapes) {
        for (int[] s : shapes) {
            for (IActivation activation : new IActivation[] {new ActivationIdentity(), new ActivationTanH()}) {
                for (boolean bias : new boolean[] {false, true}) {
                    MultiLayerNetwork[] n = pair(deconv, s, activation, bias);
                    Random rnd = new Random(7);
                    INDArray x = GradientCheck.random(rnd, s[0], s[1], s[3], s[3]);
                    long[] outShape = n[0].feedForward(x, false).get(1).shape();
                    INDArray g = GradientCheck.random(rnd, outShape);
                    String what = (deconv ? "deconv " : "conv ") + java.util.Arrays.toString(s) + " " + activation
                            + (bias ? " bias" : "");
                    assertSame(passes(n[0], x, g), passes(n[1], x, g), what);
                }
            }
        }
    }

    @Test
    void transposedConvolutionEqualsDl4jsLayer() {
        compareWithStock(true, DECONV_SHAPES);
    }

    @Test
    void convolutionEqualsDl4jsLayer() {
        compareWithStock(false, CONV_SHAPES);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (boolean deconv : new boolean[] {true, false}) {
            int[][] shapes = deconv ? DECONV_SHAPES : CONV_SHAPES;
            for (int[] s : new int[][] {shapes[0], shapes[2]}) {
                for (IActivation activation : new IActivation[] {new ActivationIdentity(), new ActivationTanH()}) {
                    MultiLayerNetwork n = pair(deconv, s, activation, true)[1];
                    GradientCheck.check(Net.of(n), GradientCheck.random(new Random(5), s[0], s[1], s[3], s[3]));
                }
            }
        }
    }

    /** Forward on x1, forward on x2, backward: the gradients of x2's pass (the stock layer's state is x2's too). */
    @Test
    void backwardPassUsesTheLastForwardPass() {
        for (boolean deconv : new boolean[] {true, false}) {
            int[] s = deconv ? DECONV_SHAPES[3] : CONV_SHAPES[0];
            MultiLayerNetwork[] n = pair(deconv, s, new ActivationTanH(), true);
            Random rnd = new Random(11);
            INDArray x1 = GradientCheck.random(rnd, s[0], s[1], s[3], s[3]);
            INDArray x2 = GradientCheck.random(rnd, s[0], s[1], s[3], s[3]);
            INDArray g = GradientCheck.random(rnd, n[0].feedForward(x1, false).get(1).shape());
            n[1].setInput(x1);
            n[1].feedForward(true, false);
            assertSame(passes(n[0], x2, g), passes(n[1], x2, g), deconv ? "deconv" : "conv");
        }
    }

    /** A backward pass with no forward pass before it (input set directly) recomputes z as DL4J does. */
    @Test
    void backwardPassWithoutForwardPassFallsBack() {
        for (boolean deconv : new boolean[] {true, false}) {
            int[] s = deconv ? DECONV_SHAPES[0] : CONV_SHAPES[3];
            MultiLayerNetwork[] n = pair(deconv, s, new ActivationTanH(), true);
            Random rnd = new Random(13);
            INDArray x = GradientCheck.random(rnd, s[0], s[1], s[3], s[3]);
            INDArray g = GradientCheck.random(rnd, n[0].feedForward(x, false).get(1).shape());
            INDArray[] expected = passes(n[0], x, g);
            org.deeplearning4j.nn.api.Layer l = n[1].getLayer(0);
            l.setInput(x, LayerWorkspaceMgr.noWorkspaces());
            INDArray dx = l.backpropGradient(g, LayerWorkspaceMgr.noWorkspaces()).getSecond();
            assertSame(new INDArray[] {expected[1], expected[2]},
                    new INDArray[] {dx, n[1].getGradientsViewArray()}, deconv ? "deconv" : "conv");
        }
    }

    @Test
    void savedNetworkKeepsTheLayerClasses(@TempDir Path dir) throws Exception {
        MultiLayerNetwork deconv = pair(true, DECONV_SHAPES[0], new ActivationTanH(), true)[1];
        MultiLayerNetwork conv = pair(false, CONV_SHAPES[0], new ActivationIdentity(), false)[1];
        for (MultiLayerNetwork n : new MultiLayerNetwork[] {deconv, conv}) {
            Path f = dir.resolve("net.zip");
            ModelSerializer.writeModel(n, f.toFile(), false);
            MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f.toFile(), false);
            assertEquals(n.params(), back.params());
            assertInstanceOf(n.getLayer(0).getClass(), back.getLayer(0));
            assertEquals(n.getLayer(0).conf().getLayer().getClass(), back.getLayer(0).conf().getLayer().getClass());
        }
    }
}
