package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.File;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * gan4j's leaky ReLU against DL4J's own op (the same values, element for element, forward and backward) on float
 * arrays, on a strided view and in double (which take DL4J's ops), at 0 against PyTorch's rule written out by hand
 * (DL4J's derivative is 1 at x = 0, PyTorch's is the slope), the gradient against that rule bit for bit over edge values
 * and random bit patterns, and through a save/load round trip.
 */
class LeakyReluActivationTest {
    /** Values in [-2, 2), none exactly 0 (where DL4J's derivative differs from PyTorch's, see handValues). */
    private static INDArray input(DataType type) {
        INDArray x = Nd4j.rand(type, 7, 33).subi(0.5).muli(4);
        x.putScalar(0, 0, 1e-30);
        x.putScalar(1, 1, -1e-30);
        return x;
    }

    @Test
    void floatPassesEqualDl4jsOps() {
        for (double slope : new double[] {0.2, 0.0, 1.0}) {
            INDArray x = input(DataType.FLOAT);
            INDArray g = Nd4j.rand(DataType.FLOAT, 7, 33).subi(0.5);
            ActivationLReLU dl4j = new ActivationLReLU(slope);
            LeakyReluActivation ours = new LeakyReluActivation(slope);
            assertEquals(dl4j.getActivation(x.dup(), true), ours.getActivation(x.dup(), true), "forward, slope " + slope);
            assertEquals(dl4j.backprop(x.dup(), g.dup()).getFirst(), ours.backprop(x.dup(), g.dup()).getFirst(),
                    "backward, slope " + slope);
        }
    }

    /** Several pieces of {@link FloatArrays#PIECE} floats, a short last one, split over threads. */
    @Test
    void largeArraysEqualDl4jsOpsOnAnyThreadCount() {
        int threads = KernelThreads.get();
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, FloatArrays.PIECE + 7).subi(0.5);
        INDArray g = Nd4j.rand(DataType.FLOAT, 3, FloatArrays.PIECE + 7).subi(0.5);
        ActivationLReLU dl4j = new ActivationLReLU(0.2);
        LeakyReluActivation ours = new LeakyReluActivation(0.2);
        try {
            for (int t : new int[] {1, 2, 3}) {
                KernelThreads.set(t);
                assertEquals(dl4j.getActivation(x.dup(), true), ours.getActivation(x.dup(), true), t + " threads");
                assertEquals(dl4j.backprop(x.dup(), g.dup()).getFirst(), ours.backprop(x.dup(), g.dup()).getFirst(),
                        t + " threads");
            }
        } finally {
            KernelThreads.set(threads);
        }
    }

    @Test
    void handValues() {
        LeakyReluActivation ours = new LeakyReluActivation(0.25);
        INDArray x = Nd4j.createFromArray(-2f, -0f, 0f, 3f);
        assertEquals(Nd4j.createFromArray(-0.5f, 0f, 0f, 3f), ours.getActivation(x.dup(), true));
        INDArray g = Nd4j.createFromArray(4f, 4f, 4f, 4f);
        // PyTorch's leaky_relu_backward: g where x > 0, slope·g elsewhere (x = 0 included).
        assertEquals(Nd4j.createFromArray(1f, 1f, 1f, 4f), ours.backprop(x.dup(), g).getFirst());
    }

    /** Every edge value and random float bit patterns of all magnitudes (subnormals to ±MAX_VALUE), no NaN. */
    private static float[][] edgesAndRandomBits(int n) {
        float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f, 3e-39f,
            -3e-39f, 1e30f, -1e30f};
        float[] x = new float[n];
        float[] g = new float[n];
        int k = 0;
        for (float xe : edges) {
            for (float ge : edges) {
                x[k] = xe;
                g[k++] = ge;
            }
        }
        Random random = new Random(21);
        for (; k < n; k++) {
            x[k] = finiteBits(random);
            g[k] = finiteBits(random);
        }
        return new float[][] {x, g};
    }

    private static float finiteBits(Random random) {
        float v;
        do {
            v = Float.intBitsToFloat(random.nextInt());
        } while (!Float.isFinite(v));
        return v;
    }

    /**
     * The vectorised gradient against PyTorch's rule written out here, {@code x > 0 ? g : slope·g} in float, bit for
     * bit (signed zeros, subnormals, infinities): the edge values crossed with each other, then random bit patterns,
     * over several pieces.
     */
    @Test
    void gradientIsTheConditionalBitForBit() {
        int n = 2 * FloatArrays.PIECE + 300;
        float[][] xg = edgesAndRandomBits(n);
        for (double slope : new double[] {0.0, -0.0, 0.2, 1.0, 0.01}) {
            float s = (float) slope;
            float[] actual = new LeakyReluActivation(slope).backprop(Nd4j.createFromArray(xg[0]),
                    Nd4j.createFromArray(xg[1])).getFirst().toFloatVector();
            for (int i = 0; i < n; i++) {
                float x = xg[0][i];
                float g = xg[1][i];
                float expected = x > 0f ? g : s * g;
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual[i]),
                        () -> "slope " + slope + ", x " + x + ", g " + g + ": " + expected + " expected");
            }
        }
    }

    @Test
    void stridedAndDoubleArraysTakeDl4jsOps() {
        LeakyReluActivation ours = new LeakyReluActivation(0.2);
        ActivationLReLU dl4j = new ActivationLReLU(0.2);
        INDArray wide = input(DataType.FLOAT);
        INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 30));
        INDArray g = Nd4j.rand(DataType.FLOAT, 7, 29);
        assertEquals(dl4j.backprop(view.dup(), g.dup()).getFirst(), ours.backprop(view.dup('f'), g.dup()).getFirst());
        INDArray d = input(DataType.DOUBLE);
        assertEquals(dl4j.getActivation(d.dup(), true), ours.getActivation(d.dup(), true));
    }

    @Test
    void survivesSaveAndLoad(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list().layer(new DenseLayer.Builder().nIn(3).nOut(2).activation(new LeakyReluActivation(0.3)).build())
                .build());
        net.init();
        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, file, false);
        IActivation loaded = ((DenseLayer) ModelSerializer.restoreMultiLayerNetwork(file, false).getLayer(0).conf()
                .getLayer()).getActivationFn();
        LeakyReluActivation relu = assertInstanceOf(LeakyReluActivation.class, loaded);
        assertEquals(0.3, relu.getAlpha());
    }
}
