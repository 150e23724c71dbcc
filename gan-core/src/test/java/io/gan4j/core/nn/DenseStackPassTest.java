package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gan4j's MLP training pass against DL4J's layer code on twin networks (same seed): outputs, input gradients, the
 * whole flat parameter gradient (batch norm's running-average moves included), and parameters after several Adam
 * steps, some with two accumulated backward passes, at the batch sizes a GAN step uses. Finite-difference checks of
 * the same pass are in {@link NetTest}, whose MLP now trains through it.
 */
class DenseStackPassTest {
    private static final OptimizerConfig ADAM = new OptimizerConfig.Adam(1e-2, 0.5, 0.999, 1e-7);

    private static MlpConfig config(ActivationName hidden, boolean batchNorm, ActivationName output) {
        return new MlpConfig(List.of(16, 12), hidden, 0.2, batchNorm, 0.8, 1e-3, 0.0, output, InitName.XAVIER_UNIFORM);
    }

    @Test
    void generatorLikeMlpWithBatchNormMatchesDl4jInDouble() {
        compare(config(ActivationName.LEAKY_RELU, true, ActivationName.TANH), 7, 10, DataType.DOUBLE, 1e-9);
    }

    @Test
    void discriminatorLikeMlpMatchesDl4jInDouble() {
        compare(config(ActivationName.LEAKY_RELU, false, ActivationName.IDENTITY), 10, 1, DataType.DOUBLE, 1e-9);
    }

    @Test
    void reluAndSigmoidMatchDl4jInDouble() {
        compare(config(ActivationName.RELU, true, ActivationName.SIGMOID), 5, 4, DataType.DOUBLE, 1e-9);
    }

    @Test
    void vanillaGeneratorShapeMatchesDl4jInFloat() {
        MlpConfig g = new MlpConfig(List.of(64, 128), ActivationName.LEAKY_RELU, 0.2, true, 0.8, 1e-3, 0.0,
                ActivationName.TANH, InitName.XAVIER_UNIFORM);
        compare(g, 20, 49, DataType.FLOAT, 2e-4);
    }

    @Test
    void ring8ShapesMatchDl4jInFloat() {
        MlpConfig tanh = new MlpConfig(List.of(128, 128), ActivationName.TANH, 0.2, false, 0.8, 1e-3, 0.0,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
        compare(tanh, 2, 1, DataType.FLOAT, 1e-5, 256, 512);
        compare(tanh, 16, 2, DataType.FLOAT, 1e-5, 256, 256);
    }

    /**
     * Three Adam steps on twin networks: step 1 one pass of batch 8, step 2 two accumulated passes (8 and 16, as a
     * discriminator with batch norm takes real and fake halves), step 3 one pass of 16.
     */
    private static void compare(MlpConfig config, int nIn, int nOut, DataType type, double tol) {
        compare(config, nIn, nOut, type, tol, 8, 16);
    }

    private static void compare(MlpConfig config, int nIn, int nOut, DataType type, double tol, int small, int large) {
        Net fast = Mlp.build(config, nIn, nOut, ADAM, 11, type);
        Net dl4j = Mlp.build(config, nIn, nOut, ADAM, 11, type).withDl4jTrainingPath();
        assertTrue(fast.usesDenseStackPass(), "the pass should take this MLP");
        assertFalse(dl4j.usesDenseStackPass());
        assertClose(dl4j.params(), fast.params(), 0, "initial parameters");
        Nd4j.getRandom().setSeed(5);
        int[][] schedule = {{small}, {small, large}, {large}};
        for (int step = 0; step < schedule.length; step++) {
            for (int n : schedule[step]) {
                INDArray x = Nd4j.randn(type, n, nIn);
                INDArray err = Nd4j.randn(type, n, nOut).muli(0.1);
                INDArray errCopy = err.dup();
                INDArray outFast = fast.forward(x);
                INDArray outDl4j = dl4j.forward(x);
                assertClose(outDl4j, outFast, tol, "output, step " + step + ", batch " + n);
                INDArray gFast = fast.backward(err);
                assertEquals(errCopy, err, "backward must not modify the caller's error");
                INDArray gDl4j = dl4j.backward(err);
                assertClose(gDl4j, gFast, tol, "input gradient, step " + step + ", batch " + n);
                assertClose(dl4j.lastGradient(), fast.lastGradient(), tol,
                        "parameter gradient, step " + step + ", batch " + n);
            }
            fast.step();
            dl4j.step();
            assertClose(dl4j.params(), fast.params(), tol, "parameters after step " + step);
        }
        INDArray probe = Nd4j.randn(type, 6, nIn);
        assertClose(dl4j.output(probe), fast.output(probe), tol, "inference output (running statistics)");
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertEquals(expected.length(), actual.length(), what + ": length");
        double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tol * scale, what + ": max difference " + diff + " > " + tol * scale);
    }

    /**
     * A conditional GAN's graph: {@code x [N, nIn]} and a one-hot label {@code [N, 3]} (optionally through a bias-free
     * embedding) merged, then dense/leaky ReLU/(batch norm) layers. Three Adam steps as in {@link #compare}, checking
     * both inputs' gradients.
     */
    private static void compareGraph(boolean embedding, boolean batchNorm, boolean labelFirst, DataType type,
                                     double tol) {
        Net fast = Net.of(graph(embedding, batchNorm, labelFirst, type));
        Net dl4j = Net.of(graph(embedding, batchNorm, labelFirst, type)).withDl4jTrainingPath();
        assertTrue(fast.usesDenseStackPass(), "the pass should take this graph");
        assertFalse(dl4j.usesDenseStackPass());
        assertClose(dl4j.params(), fast.params(), 0, "initial parameters");
        Nd4j.getRandom().setSeed(9);
        int[][] schedule = {{8}, {8, 16}, {16}};
        for (int step = 0; step < schedule.length; step++) {
            for (int n : schedule[step]) {
                INDArray x = Nd4j.randn(type, n, 5);
                INDArray label = Nd4j.zeros(type, n, 3);
                for (int i = 0; i < n; i++) {
                    label.putScalar(i, i % 3, 1.0);
                }
                INDArray err = Nd4j.randn(type, n, 2).muli(0.1);
                String at = ", step " + step + ", batch " + n;
                assertClose(dl4j.forward(x, label)[0], fast.forward(x, label)[0], tol, "output" + at);
                INDArray[] gFast = fast.backward(new INDArray[] {err});
                INDArray[] gDl4j = dl4j.backward(new INDArray[] {err});
                assertEquals(2, gFast.length);
                assertClose(gDl4j[0], gFast[0], tol, "x gradient" + at);
                assertClose(gDl4j[1], gFast[1], tol, "label gradient" + at);
                assertClose(dl4j.lastGradient(), fast.lastGradient(), tol, "parameter gradient" + at);
            }
            fast.step();
            dl4j.step();
            assertClose(dl4j.params(), fast.params(), tol, "parameters after step " + step);
        }
        INDArray x = Nd4j.randn(type, 4, 5);
        INDArray label = Nd4j.eye(3).castTo(type).getRows(0, 1, 2, 0);
        fast.forward(x, label);
        dl4j.forward(x, label);
        INDArray err = Nd4j.randn(type, 4, 2);
        INDArray[] inFast = fast.backwardInput(new INDArray[] {err});
        INDArray[] inDl4j = dl4j.backwardInput(new INDArray[] {err});
        assertClose(inDl4j[0], inFast[0], tol, "input-only x gradient");
        assertClose(inDl4j[1], inFast[1], tol, "input-only label gradient");
        assertClose(dl4j.outputs(x, label)[0], fast.outputs(x, label)[0], tol, "inference output");
    }

    private static ComputationGraph graph(boolean embedding, boolean batchNorm, boolean labelFirst, DataType type) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .updater(new Adam(1e-2, 0.5, 0.999, 1e-7))
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
                .graphBuilder().addInputs("x", "label");
        String label = "label";
        int labelWidth = 3;
        if (embedding) {
            b.addLayer("embedding", new DenseLayer.Builder().nIn(3).nOut(4).hasBias(false)
                    .activation(Activation.IDENTITY).build(), "label");
            label = "embedding";
            labelWidth = 4;
        }
        b.addVertex("merge", new MergeVertex(), labelFirst ? new String[] {label, "x"} : new String[] {"x", label});
        b.addLayer("dense0", new DenseLayer.Builder().nIn(5 + labelWidth).nOut(7)
                .activation(new ActivationLReLU(0.2)).build(), "merge");
        String previous = "dense0";
        if (batchNorm) {
            b.addLayer("bn0", new BatchNormalization.Builder().nIn(7).nOut(7).decay(0.8).eps(1e-3).build(), previous);
            previous = "bn0";
        }
        b.addLayer("out", new DenseLayer.Builder().nIn(7).nOut(2).activation(Activation.TANH).build(), previous);
        b.setOutputs("out");
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        return g;
    }

    @Test
    void conditionalGraphWithOneHotLabelMatchesDl4jInDouble() {
        compareGraph(false, false, false, DataType.DOUBLE, 1e-9);
    }

    @Test
    void conditionalGraphWithEmbeddingAndBatchNormMatchesDl4jInDouble() {
        compareGraph(true, true, false, DataType.DOUBLE, 1e-9);
    }

    @Test
    void conditionalGraphWithLabelFirstMatchesDl4jInFloat() {
        compareGraph(true, true, true, DataType.FLOAT, 1e-5);
    }

    @Test
    void graphsOfOtherShapesKeepDl4jsPath() {
        ComputationGraph twoOutputs = new ComputationGraph(new NeuralNetConfiguration.Builder().updater(new Adam())
                .graphBuilder().addInputs("a", "b")
                .addVertex("merge", new MergeVertex(), "a", "b")
                .addLayer("d0", new DenseLayer.Builder().nIn(4).nOut(3).build(), "merge")
                .addLayer("d1", new DenseLayer.Builder().nIn(3).nOut(2).build(), "merge")
                .setOutputs("d0", "d1").build());
        ComputationGraph dropout = new ComputationGraph(new NeuralNetConfiguration.Builder().updater(new Adam())
                .graphBuilder().addInputs("a", "b")
                .addLayer("e", new DenseLayer.Builder().nIn(2).nOut(2).build(), "b")
                .addVertex("merge", new MergeVertex(), "a", "e")
                .addLayer("d0", new DenseLayer.Builder().nIn(4).nOut(3).dropOut(0.5).build(), "merge")
                .setOutputs("d0").build());
        assertFalse(Net.of(twoOutputs).usesDenseStackPass());
        assertFalse(Net.of(dropout).usesDenseStackPass());
    }

    @Test
    void inputGradientOnlyPassMatchesDl4jAndLeavesNoGradient() {
        MlpConfig c = config(ActivationName.LEAKY_RELU, true, ActivationName.IDENTITY);
        Net fast = Mlp.build(c, 6, 1, ADAM, 4, DataType.DOUBLE);
        Net dl4j = Mlp.build(c, 6, 1, ADAM, 4, DataType.DOUBLE).withDl4jTrainingPath();
        INDArray before = fast.params().dup();
        INDArray x = Nd4j.randn(DataType.DOUBLE, 9, 6);
        INDArray err = Nd4j.randn(DataType.DOUBLE, 9, 1);
        fast.forward(x);
        dl4j.forward(x);
        assertClose(dl4j.backwardInput(err), fast.backwardInput(err), 1e-9, "input gradient");
        assertThrows(IllegalStateException.class, fast::step, "no parameter gradient may be pending");
        assertEquals(before, fast.params(), "parameters and running statistics untouched");
    }

    @Test
    void outputsAreTheCallersArrays() {
        Net net = Mlp.build(config(ActivationName.LEAKY_RELU, true, ActivationName.IDENTITY), 4, 3, ADAM, 1,
                DataType.DOUBLE);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 4);
        INDArray first = net.forward(x);
        INDArray kept = first.dup();
        net.forward(Nd4j.randn(DataType.DOUBLE, 5, 4));
        assertEquals(kept, first, "a second forward pass of the same batch size must not overwrite the first output");
        INDArray g1 = net.backward(Nd4j.ones(DataType.DOUBLE, 5, 3));
        INDArray g1Kept = g1.dup();
        net.discardGradient();
        net.forward(x);
        net.backward(Nd4j.ones(DataType.DOUBLE, 5, 3).muli(3));
        assertEquals(g1Kept, g1, "a later backward pass must not overwrite an earlier input gradient");
    }

    @Test
    void unsupportedLayersKeepDl4jsPath() {
        MultiLayerNetwork dropout = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().updater(new Adam())
                .list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).build())
                .layer(new DropoutLayer.Builder(0.5).build())
                .layer(new DenseLayer.Builder().nIn(4).nOut(2).build())
                .build());
        MultiLayerNetwork elu = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().updater(new Adam())
                .list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(new ActivationELU()).build())
                .layer(new BatchNormalization.Builder().nIn(4).nOut(4).build())
                .build());
        assertFalse(Net.of(dropout).usesDenseStackPass());
        assertFalse(Net.of(elu).usesDenseStackPass());
    }
}
