package io.gan4j.srgan;

import io.gan4j.core.nn.KernelThreads;
import io.gan4j.core.nn.Net;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JavaBatchNormHelper} against DL4J's own batch-norm layer without a helper (its built-in ND4J path) in double:
 * training output, input gradient, γ and β gradients, and the running statistics' updates must agree to rounding.
 * Then in float against DL4J's oneDNN helper, the one it replaces, to float rounding.
 */
class JavaBatchNormHelperTest {

    private static MultiLayerNetwork layer(DataType type, WorkspaceMode mode) {
        return layer(type, mode, 3, 4, 5);
    }

    private static MultiLayerNetwork layer(DataType type, WorkspaceMode mode, int channels, int h, int w) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(type)
                .trainingWorkspaceMode(mode).inferenceWorkspaceMode(mode).list()
                .layer(new BatchNormalization.Builder().nOut(channels).decay(0.9).eps(1e-5).build())
                .setInputType(InputType.convolutional(h, w, channels)).build());
        net.init();
        Random rnd = new Random(5);
        INDArray gamma = net.getLayer(0).getParam("gamma");
        INDArray beta = net.getLayer(0).getParam("beta");
        for (int c = 0; c < 3; c++) {
            gamma.putScalar(c, 0.5 + rnd.nextDouble());
            beta.putScalar(c, rnd.nextDouble() - 0.5);
        }
        return net;
    }

    private static void setHelper(MultiLayerNetwork net, BatchNormalizationHelper helper) throws Exception {
        Field f = org.deeplearning4j.nn.layers.normalization.BatchNormalization.class.getDeclaredField("helper");
        f.setAccessible(true);
        f.set(net.getLayer(0), helper);
    }

    private static INDArray random(DataType type, long seed, long... shape) {
        Random rnd = new Random(seed);
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, 3 * rnd.nextGaussian() + 1.5);
        }
        return a.castTo(type);
    }

    /** Output, dL/dx, then the flat gradient (γ, β, running-statistics updates) of one training pass. */
    private static INDArray[] pass(MultiLayerNetwork net, INDArray x, INDArray g) {
        net.setInput(x);
        INDArray y = net.feedForward(true, false).get(1).dup();
        Pair<Gradient, INDArray> p = net.backpropGradient(g, LayerWorkspaceMgr.noWorkspaces());
        return new INDArray[] {y, p.getSecond().dup(), net.getGradientsViewArray().dup()};
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    private static void compare(DataType type, BatchNormalizationHelper reference, double tolerance) throws Exception {
        INDArray x = random(type, 1, 2, 3, 4, 5);
        INDArray g = random(type, 2, 2, 3, 4, 5);
        MultiLayerNetwork theirs = layer(type, WorkspaceMode.NONE);
        setHelper(theirs, reference);
        MultiLayerNetwork ours = layer(type, WorkspaceMode.ENABLED);
        JavaBatchNormHelper.install(Net.of(ours));
        assertInstanceOf(JavaBatchNormHelper.class,
                ((org.deeplearning4j.nn.layers.normalization.BatchNormalization) ours.getLayer(0)).getHelper());
        INDArray[] a = pass(theirs, x, g);
        INDArray[] b = pass(ours, x, g);
        String[] what = {"output", "dL/dx", "gradient view (gamma, beta, running mean, running log10 std)"};
        for (int i = 0; i < 3; i++) {
            double d = maxDiff(a[i], b[i]);
            assertTrue(d <= tolerance, what[i] + " differs by " + d + " in " + type);
        }
        assertTrue(b[2].amaxNumber().doubleValue() > 0.1, "the gradient is not trivially zero");
        // Inference declines the helper: DL4J's own path, the same for both.
        assertEquals(0, maxDiff(theirs.output(x, false), ours.output(x, false)), tolerance);
    }

    @Test
    void doubleMatchesDl4jsBuiltInPath() throws Exception {
        compare(DataType.DOUBLE, null, 1e-12);
    }

    @Test
    void floatMatchesDl4jsOneDnnHelperToFloatRounding() throws Exception {
        MultiLayerNetwork probe = layer(DataType.FLOAT, WorkspaceMode.NONE);
        BatchNormalizationHelper oneDnn =
                ((org.deeplearning4j.nn.layers.normalization.BatchNormalization) probe.getLayer(0)).getHelper() instanceof
                        BatchNormalizationHelper h ? h : null;
        compare(DataType.FLOAT, oneDnn, 2e-5);
    }

    /** One pass on 3 threads gives the bits of 1 thread (the input is large enough to be split). */
    @Test
    void threadsGiveTheSameBits() {
        INDArray x = random(DataType.FLOAT, 3, 4, 8, 32, 32);
        INDArray g = random(DataType.FLOAT, 4, 4, 8, 32, 32);
        int before = KernelThreads.get();
        INDArray[][] results = new INDArray[2][];
        try {
            for (int t = 0; t < 2; t++) {
                KernelThreads.set(t == 0 ? 1 : 3);
                MultiLayerNetwork net = layer(DataType.FLOAT, WorkspaceMode.ENABLED, 8, 32, 32);
                JavaBatchNormHelper.install(Net.of(net));
                results[t] = pass(net, x, g);
            }
        } finally {
            KernelThreads.set(before);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(0, maxDiff(results[0][i], results[1][i]), "result " + i);
        }
    }

    /** A network restored with DL4J's helper gets this one; one that has it keeps the same instance (its caches). */
    @Test
    void installReplacesDl4jsHelperOnceAndKeepsItsOwn() {
        MultiLayerNetwork net = layer(DataType.FLOAT, WorkspaceMode.NONE);
        org.deeplearning4j.nn.layers.normalization.BatchNormalization bn =
                (org.deeplearning4j.nn.layers.normalization.BatchNormalization) net.getLayer(0);
        assertTrue(!(bn.getHelper() instanceof JavaBatchNormHelper), "DL4J's own helper before");
        JavaBatchNormHelper.install(Net.of(net));
        Object first = bn.getHelper();
        assertInstanceOf(JavaBatchNormHelper.class, first);
        JavaBatchNormHelper.install(Net.of(net));
        assertTrue(first == bn.getHelper(), "installed once");
    }
}
