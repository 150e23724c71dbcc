package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import io.gan4j.core.testing.GradientCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network wrapper's gradients against central finite differences in double precision ({@link GradientCheck}), on an MLP with batch
 * norm, a convolutional network, and a two-input computation graph; plus update, accumulation and persistence.
 */
class NetTest {
    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static Net mlp(org.nd4j.linalg.learning.config.IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.DOUBLE).updater(updater)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(new ActivationLReLU(0.2)).build())
                .layer(new BatchNormalization.Builder().nIn(5).nOut(5).build())
                .layer(new DenseLayer.Builder().nIn(5).nOut(3).activation(new ActivationTanH()).build())
                .build());
        net.init();
        return Net.of(net);
    }

    static Net conv() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.DOUBLE).updater(new Sgd(0.1))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(3)
                        .activation(new ActivationLReLU(0.2)).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(2).activation(new ActivationIdentity()).build())
                .layer(new DenseLayer.Builder().nOut(2).activation(new ActivationIdentity()).build())
                .setInputType(InputType.convolutional(6, 6, 1))
                .build());
        net.init();
        return Net.of(net);
    }

    static Net twoInputGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11).dataType(DataType.DOUBLE).updater(new Sgd(0.1))
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
                .graphBuilder()
                .addInputs("a", "b")
                .addVertex("ab", new MergeVertex(), "a", "b")
                .addLayer("conv", new ConvolutionLayer.Builder(2, 2).stride(2, 2).nOut(2)
                        .activation(new ActivationLReLU(0.2)).build(), "ab")
                .addLayer("out", new DenseLayer.Builder().nOut(1).activation(new ActivationIdentity()).build(), "conv")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(4, 4, 1), InputType.convolutional(4, 4, 2))
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return Net.of(g);
    }

    private static INDArray random(Random rnd, long... shape) {
        return GradientCheck.random(rnd, shape);
    }

    private static void checkGradients(Net net, INDArray... inputs) {
        GradientCheck.check(net, inputs);
    }

    @Test
    void mlpWithBatchNormGradientsMatchFiniteDifferences() {
        checkGradients(mlp(new Sgd(0.1)), random(new Random(1), 6, 4));
    }

    @Test
    void convolutionalGradientsMatchFiniteDifferences() {
        checkGradients(conv(), random(new Random(2), 2, 1, 6, 6));
    }

    @Test
    void graphGradientsMatchFiniteDifferencesForEveryInput() {
        checkGradients(twoInputGraph(), random(new Random(3), 2, 1, 4, 4), random(new Random(4), 2, 2, 4, 4));
    }

    @Test
    void stepAppliesExactlyTheGradientOfTheMeanLoss() {
        Net net = mlp(new Sgd(1.0));
        INDArray x = random(new Random(5), 6, 4);
        INDArray before = net.params().dup();
        INDArray out = net.forward(x);
        net.backward(Nd4j.onesLike(out));
        INDArray g = net.lastGradient().dup();
        net.step();
        // SGD with lr 1: params -= gradient, with no division by the batch size. BN running stats move separately.
        INDArray delta = before.sub(net.params());
        long w0 = net.paramTable().get("0_W").length();
        for (long i = 0; i < w0; i++) {
            assertEquals(g.getDouble(i), delta.getDouble(i), 1e-12);
        }
        assertEquals(1, net.iteration());
    }

    @Test
    void twoBackwardPassesAccumulate() {
        Net net = mlp(new Sgd(1.0));
        INDArray a = random(new Random(6), 6, 4);
        INDArray b = random(new Random(7), 6, 4);
        net.backward(Nd4j.onesLike(net.forward(a)));
        INDArray ga = net.lastGradient().dup();
        net.discardGradient();
        net.backward(Nd4j.onesLike(net.forward(b)));
        INDArray gb = net.lastGradient().dup();
        net.discardGradient();

        net.backward(Nd4j.onesLike(net.forward(a)));
        net.backward(Nd4j.onesLike(net.forward(b)));
        assertArrayEquals(ga.add(gb).toDoubleVector(), net.lastGradient().toDoubleVector(), 1e-12);
    }

    @Test
    void setLearningRateScalesTheNextUpdateAndKeepsAdamsMoments() {
        // Two identical Adam networks take one step at lr 1e-2; then one continues at 1e-2, the other at 5e-3.
        // Adam's step is lr * m_hat / (sqrt(v_hat) + eps) with the same moments, so the second steps are exactly
        // proportional: a rebuilt updater that lost its moments would break the ratio.
        Net a = mlp(new org.nd4j.linalg.learning.config.Adam(1e-2));
        Net b = mlp(new org.nd4j.linalg.learning.config.Adam(1e-2));
        INDArray x = random(new Random(9), 6, 4);
        for (Net n : new Net[] {a, b}) {
            n.backward(Nd4j.onesLike(n.forward(x)));
            n.step();
        }
        b.setLearningRate(5e-3);
        INDArray beforeA = a.paramTable().get("0_W").dup();
        INDArray beforeB = b.paramTable().get("0_W").dup();
        for (Net n : new Net[] {a, b}) {
            n.backward(Nd4j.onesLike(n.forward(x)));
            n.step();
        }
        INDArray stepA = beforeA.sub(a.paramTable().get("0_W"));
        INDArray stepB = beforeB.sub(b.paramTable().get("0_W"));
        assertArrayEquals(stepA.mul(0.5).ravel().toDoubleVector(), stepB.ravel().toDoubleVector(), 1e-12);
        assertTrue(stepA.norm2Number().doubleValue() > 1e-4, "the networks moved");
    }

    @Test
    void forwardFlopsAreTheLayersMultiplyAddsCountedByHand() {
        Net dense = mlp(new Sgd(0.1));
        dense.forward(random(new Random(10), 6, 4));
        assertEquals(6, dense.trainingExamples());
        // 4 -> 5 -> (batch norm, not counted) -> 3: 2 * (4*5 + 5*3)
        assertEquals(70.0, NetFlops.forwardPerExample(dense));

        Net conv = conv();
        conv.forward(random(new Random(11), 2, 1, 6, 6));
        conv.forward(random(new Random(12), 3, 1, 6, 6));
        assertEquals(5, conv.trainingExamples());
        // conv 3x3 s2 1->3 onto 3x3: 2*9*1*3*9; deconv 2x2 3->2 from 3x3: 2*4*3*2*9; dense 2*6*6 -> 2: 2*72*2
        assertEquals(486.0 + 432.0 + 288.0, NetFlops.forwardPerExample(conv));
        conv.resetTrainingExamples();
        assertEquals(0, conv.trainingExamples());

        Net graph = twoInputGraph();
        assertThrows(IllegalStateException.class, () -> NetFlops.forwardPerExample(graph), "shapes unknown yet");
        graph.forward(random(new Random(13), 2, 1, 4, 4), random(new Random(14), 2, 2, 4, 4));
        // merge to 3 channels, conv 2x2 s2 3->2 onto 2x2: 2*4*3*2*4; dense 8 -> 1: 2*8
        assertEquals(192.0 + 16.0, NetFlops.forwardPerExample(graph));
        // A dense layer feeding a transposed convolution through a preprocessor (InfoGAN's generator): the
        // activation the deconvolution is handed is still flat [1, 2*3*3].
        MultiLayerNetwork flatToMap = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(18).activation(new ActivationIdentity()).build())
                .inputPreProcessor(1, new org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor(3, 3, 2))
                .layer(new Deconvolution2D.Builder(2, 2).stride(2, 2).nIn(2).nOut(1)
                        .activation(new ActivationIdentity()).build())
                .setInputType(InputType.feedForward(4)).build());
        flatToMap.init();
        Net toMap = Net.of(flatToMap);
        toMap.forward(random(new Random(15), 2, 4));
        // dense 2*4*18; deconv 2x2 2->1 from 3x3: 2*4*2*1*9
        assertEquals(144.0 + 144.0, NetFlops.forwardPerExample(toMap));
    }

    @Test
    void backwardInputLeavesNoGradientToApply() {
        Net net = mlp(new Sgd(1.0));
        INDArray before = net.params().dup();
        INDArray dx = net.backwardInput(Nd4j.onesLike(net.forward(random(new Random(8), 6, 4))));
        assertArrayEquals(new long[] {6, 4}, dx.shape());
        assertThrows(IllegalStateException.class, net::step);
        assertEquals(before, net.params());
    }

    @Test
    void saveAndLoadKeepParametersAndAdamState(@TempDir Path dir) throws Exception {
        Net trained = mlp(new Adam(0.01));
        INDArray x = random(new Random(9), 6, 4);
        for (int i = 0; i < 3; i++) {
            trained.backward(Nd4j.onesLike(trained.forward(x)));
            trained.step();
        }
        Path file = dir.resolve("net.zip");
        trained.save(file);

        Net restored = mlp(new Adam(0.01));
        restored.load(file);
        assertEquals(trained.params(), restored.params());
        assertEquals(3, restored.iteration());
        for (Net n : List.of(trained, restored)) {
            n.backward(Nd4j.onesLike(n.forward(x)));
            n.step();
        }
        // Identical only if the Adam moments and the iteration count came back too.
        assertEquals(trained.params(), restored.params());
    }

    @Test
    void loadRejectsAnotherArchitecture(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("conv.zip");
        conv().save(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mlp(new Sgd(1)).load(file));
        assertTrue(e.getMessage().contains("conv.zip"), e.getMessage());
    }

    @Test
    void clippingBoundsEveryLearnedParameterButNotBatchNormStatistics() {
        MlpConfig mlp = new MlpConfig(List.of(6), ActivationName.LEAKY_RELU, 0.2, true, 0.9, 1e-3, 0,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
        Net net = Mlp.build(mlp, 3, 1, OptimizerConfig.Adam.of(0.1, 0.5), 1, DataType.DOUBLE);
        net.params().assign(GradientCheck.random(new Random(4), net.params().shape()).muli(3));
        java.util.Map<String, INDArray> before = new java.util.LinkedHashMap<>();
        net.paramTable().forEach((k, v) -> before.put(k, v.dup()));

        net.clipLearnedParameters(0.05);
        int statistics = 0;
        for (var e : net.paramTable().entrySet()) {
            INDArray v = e.getValue();
            if (Net.isLearned(e.getKey())) {
                assertTrue(v.amaxNumber().doubleValue() <= 0.05, e.getKey() + " clipped: " + v);
                // entries inside the bound are untouched
                INDArray inside = before.get(e.getKey()).dup();
                org.nd4j.linalg.ops.transforms.Transforms.min(inside, 0.05, false);
                org.nd4j.linalg.ops.transforms.Transforms.max(inside, -0.05, false);
                assertEquals(inside, v, e.getKey());
            } else {
                statistics++;
                assertEquals(before.get(e.getKey()), v, e.getKey() + " is a running statistic");
            }
        }
        assertEquals(2, statistics, "batch norm's running mean and variance");
        assertThrows(IllegalArgumentException.class, () -> net.clipLearnedParameters(0));
    }

    @Test
    void clippingWithoutBatchNormBoundsEveryParameterThroughTheFlatArray() {
        MlpConfig mlp = new MlpConfig(List.of(6, 5), ActivationName.LEAKY_RELU, 0.2, false, 0.9, 1e-3, 0,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
        Net net = Mlp.build(mlp, 3, 1, OptimizerConfig.Adam.of(0.1, 0.5), 1, DataType.DOUBLE);
        net.params().assign(GradientCheck.random(new Random(8), net.params().shape()).muli(3));
        java.util.Map<String, INDArray> expected = new java.util.LinkedHashMap<>();
        net.paramTable().forEach((k, v) -> {
            INDArray c = v.dup();
            org.nd4j.linalg.ops.transforms.Transforms.min(c, 0.05, false);
            org.nd4j.linalg.ops.transforms.Transforms.max(c, -0.05, false);
            expected.put(k, c);
        });

        net.clipLearnedParameters(0.05);
        // The layers' parameters are views of the flat array that was clipped: each reads the clipped values.
        net.paramTable().forEach((k, v) -> assertEquals(expected.get(k), v, k));
    }

    @Test
    void backwardParametersGivesBackwardsParameterGradient() {
        MlpConfig mlp = new MlpConfig(List.of(7, 5), ActivationName.LEAKY_RELU, 0.2, false, 0.9, 1e-3, 0,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
        Net net = Mlp.build(mlp, 4, 1, OptimizerConfig.Adam.of(0.1, 0.5), 1, DataType.DOUBLE);
        assertTrue(net.usesDenseStackPass(), "the pass that skips the first layer's input gradient");
        INDArray x = random(new Random(9), 6, 4);
        INDArray eps = random(new Random(10), 6, 1);
        net.forward(x);
        net.backward(eps);
        INDArray full = net.lastGradient().dup();
        net.discardGradient();
        net.forward(x);
        net.backwardParameters(eps);
        assertEquals(full, net.lastGradient());
        // and it accumulates like backward()
        net.forward(x);
        net.backwardParameters(eps);
        assertArrayEquals(full.mul(2).toDoubleVector(), net.lastGradient().toDoubleVector(), 1e-12);
    }
}
