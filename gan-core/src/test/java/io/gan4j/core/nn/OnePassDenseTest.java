package io.gan4j.core.nn;

import io.gan4j.core.testing.DoublePrecision;
import io.gan4j.core.testing.GradientCheck;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * {@link OnePassDense}, whose backward pass takes dL/dy for the pre-activation instead of computing the product
 * again when the activation is the identity: its configuration equals DL4J's built from the same builder; forward
 * output, input gradient and every parameter gradient equal DL4J's stock layer with the same parameters element for
 * element, in double and in float (where the products go to OpenBLAS), with and without bias, for batch 1, for the
 * identity (the skipped product) and for tanh and layer norm (DL4J's path); the gradients agree with central
 * differences; the class survives a save and load of a network and of a graph.
 */
@ExtendWith(DoublePrecision.class)
class OnePassDenseTest {
    /** n, nIn, nOut. */
    private static final int[][] SHAPES = {{1, 3, 5}, {4, 7, 2}, {6, 5, 9}, {3, 1, 1}};

    private static DenseLayer.Builder builder(int[] s, IActivation activation, boolean bias, boolean layerNorm) {
        return new DenseLayer.Builder().nOut(s[2]).hasBias(bias).hasLayerNorm(layerNorm).activation(activation);
    }

    private static MultiLayerNetwork net(Layer layer, int[] s, DataType type) {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(type).updater(new Sgd(0.1)).list().layer(layer)
                .setInputType(InputType.feedForward(s[1])).build());
        n.init();
        return n;
    }

    /** The stock layer and the one-pass layer with the same parameters. */
    private static MultiLayerNetwork[] pair(int[] s, IActivation activation, boolean bias, boolean layerNorm,
                                            DataType type) {
        MultiLayerNetwork stock = net(builder(s, activation, bias, layerNorm).build(), s, type);
        MultiLayerNetwork onePass = net(OnePassDense.of(builder(s, activation, bias, layerNorm)), s, type);
        assertEquals(stock.params().length(), onePass.params().length(), "same parameter layout");
        INDArray p = GradientCheck.random(new Random(s[0] * 31L + s[2]), 1, stock.params().length()).muli(0.5);
        stock.setParams(p.castTo(type));
        onePass.setParams(p.castTo(type));
        stock.initGradientsView();
        onePass.initGradientsView();
        return new MultiLayerNetwork[] {stock, onePass};
    }

    /**
     * Output, dL/dx and the flat parameter gradient of a training forward pass on x and a backward pass of g (a copy:
     * DL4J's layer-norm backward pass overwrites the dL/dy it is given).
     */
    private static INDArray[] passes(MultiLayerNetwork n, INDArray x, INDArray g) {
        n.setInput(x);
        INDArray y = n.feedForward(true, false).get(1).dup();
        Pair<Gradient, INDArray> p = n.backpropGradient(g.dup(), LayerWorkspaceMgr.noWorkspaces());
        return new INDArray[] {y, p.getSecond().dup(), n.getGradientsViewArray().dup()};
    }

    /** Element for element: the same ops on the same values. */
    private static void assertIdentical(INDArray[] expected, INDArray[] actual, String what) {
        String[] names = {"output", "input gradient", "parameter gradient"};
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i].shape(), actual[i].shape(), what + ": " + names[i]);
            assertArrayEquals(expected[i].dup().data().asDouble(), actual[i].dup().data().asDouble(), 0.0,
                    what + ": " + names[i]);
        }
    }

    @Test
    void configurationIsDl4jsBuiltFromTheSameBuilder() {
        for (boolean bias : new boolean[] {false, true}) {
            DenseLayer stock = builder(SHAPES[1], new ActivationTanH(), bias, !bias).nIn(7).name("fc").build();
            OnePassDense onePass = OnePassDense.of(builder(SHAPES[1], new ActivationTanH(), bias, !bias).nIn(7)
                    .name("fc"));
            assertEquals(stock, onePass);
            assertEquals(stock.toString().replace("DenseLayer(", ""), onePass.toString().replace("DenseLayer(", ""));
            assertEquals(bias, onePass.hasBias());
            assertEquals(!bias, onePass.hasLayerNorm());
            assertEquals("fc", onePass.getLayerName());
        }
    }

    @Test
    void passesEqualDl4jsLayer() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (int[] s : SHAPES) {
                for (IActivation activation : new IActivation[] {new ActivationIdentity(), new ActivationTanH()}) {
                    for (boolean bias : new boolean[] {false, true}) {
                        compare(s, activation, bias, false, type);
                    }
                }
                compare(s, new ActivationIdentity(), true, true, type);
            }
        }
    }

    private static void compare(int[] s, IActivation activation, boolean bias, boolean layerNorm, DataType type) {
        MultiLayerNetwork[] n = pair(s, activation, bias, layerNorm, type);
        Random rnd = new Random(7);
        INDArray x = GradientCheck.random(rnd, s[0], s[1]).castTo(type);
        INDArray g = GradientCheck.random(rnd, s[0], s[2]).castTo(type);
        String what = type + " " + Arrays.toString(s) + " " + activation + (bias ? " bias" : "")
                + (layerNorm ? " layer norm" : "");
        assertIdentical(passes(n[0], x, g), passes(n[1], x, g), what);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (int[] s : new int[][] {SHAPES[0], SHAPES[2]}) {
            for (boolean bias : new boolean[] {false, true}) {
                MultiLayerNetwork n = pair(s, new ActivationIdentity(), bias, false, DataType.DOUBLE)[1];
                GradientCheck.check(Net.of(n), GradientCheck.random(new Random(5), s[0], s[1]));
            }
        }
    }

    @Test
    void savedNetworksKeepTheLayerClass(@TempDir Path dir) throws Exception {
        MultiLayerNetwork n = pair(SHAPES[2], new ActivationIdentity(), true, false, DataType.DOUBLE)[1];
        Path f = dir.resolve("net.zip");
        ModelSerializer.writeModel(n, f.toFile(), false);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f.toFile(), false);
        assertEquals(n.params(), back.params());
        assertInstanceOf(OnePassDenseLayer.class, back.getLayer(0));
        assertInstanceOf(OnePassDense.class, back.getLayer(0).conf().getLayer());

        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).graphBuilder().addInputs("x")
                .addLayer("fc", OnePassDense.of(builder(SHAPES[1], new ActivationIdentity(), false, false)), "x")
                .setOutputs("fc").setInputTypes(InputType.feedForward(SHAPES[1][1])).build());
        graph.init();
        Path g = dir.resolve("graph.zip");
        ModelSerializer.writeModel(graph, g.toFile(), false);
        ComputationGraph graphBack = ModelSerializer.restoreComputationGraph(g.toFile(), false);
        assertEquals(graph.params(), graphBack.params());
        assertInstanceOf(OnePassDenseLayer.class, graphBack.getLayer("fc"));
    }
}
