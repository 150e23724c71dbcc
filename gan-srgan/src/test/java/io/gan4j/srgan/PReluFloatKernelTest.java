package io.gan4j.srgan;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PRelu}'s float kernels against the formulas written out here in scalar code: y = x > 0 ? x : α_c·x and
 * dL/dx = x > 0 ? g : α_c·g in float, bit for bit, and dL/dα_c = Σ_{x ≤ 0} g·x summed in double, within float
 * rounding. Slopes positive, negative, +0, −0, 1 and −3; inputs with signed zeros, subnormals and large values; planes
 * of 7×9 (not a multiple of the four partial sums), enough of them to be split over threads.
 */
class PReluFloatKernelTest {
    private static final float[] SLOPES = {0.25f, -0.5f, 0f, -0f, 1f, -3f};
    private static final int N = 90;
    private static final int H = 7;
    private static final int W = 9;
    private static final float[] X_EDGES = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        -Float.MIN_NORMAL, 1e30f, -1e30f, 3e-39f, -3e-39f, 1f, -1f};
    /** Up to 1e5 only, so that no channel's g·x sum leaves float's range. */
    private static final float[] G_EDGES = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        -Float.MIN_NORMAL, 1e5f, -1e5f};
    /** Without large values, so that the slope sums test the ordinary terms, not only the largest. */
    private static final float[] SMALL_EDGES = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        -Float.MIN_NORMAL};

    private static MultiLayerNetwork layer() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE).list()
                .layer(new PRelu(0.25)).setInputType(InputType.convolutional(H, W, SLOPES.length)).build());
        net.init();
        net.getLayer(0).getParam(PRelu.ALPHA).assign(Nd4j.createFromArray(SLOPES).reshape(1, 1, SLOPES.length, 1));
        return net;
    }

    /** Normal draws, a tenth of them replaced by edge values. */
    private static float[] values(Random random, float[] edges) {
        float[] v = new float[N * SLOPES.length * H * W];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(10) == 0 ? edges[random.nextInt(edges.length)] : (float) random.nextGaussian();
        }
        return v;
    }

    private static int channel(int i) {
        return i / (H * W) % SLOPES.length;
    }

    @Test
    void floatKernelsAreTheScalarFormulas() {
        check(new Random(6), SMALL_EDGES, SMALL_EDGES);
        check(new Random(5), X_EDGES, G_EDGES);
    }

    private static void check(Random random, float[] xEdges, float[] gEdges) {
        float[] x = values(random, xEdges);
        float[] g = values(random, gEdges);
        MultiLayerNetwork net = layer();
        INDArray input = Nd4j.createFromArray(x).reshape(N, SLOPES.length, H, W);
        float[] y = net.output(input, false).reshape(x.length).toFloatVector();
        net.setInput(input);
        net.feedForward(true, false);
        Pair<Gradient, INDArray> p = net.backpropGradient(Nd4j.createFromArray(g).reshape(N, SLOPES.length, H, W),
                LayerWorkspaceMgr.noWorkspaces());
        float[] dx = p.getSecond().reshape(x.length).toFloatVector();
        double[] slopeSums = new double[SLOPES.length];
        double[] magnitudes = new double[SLOPES.length];
        for (int i = 0; i < x.length; i++) {
            float a = SLOPES[channel(i)];
            assertBits(x[i] > 0f ? x[i] : a * x[i], y[i], "y", i, x[i], g[i]);
            assertBits(x[i] > 0f ? g[i] : a * g[i], dx[i], "dL/dx", i, x[i], g[i]);
            if (x[i] <= 0f) {
                slopeSums[channel(i)] += (double) g[i] * x[i];
                magnitudes[channel(i)] += Math.abs((double) g[i] * x[i]);
            }
        }
        float[] slopeGrad = p.getFirst().getGradientFor("0_" + PRelu.ALPHA).reshape(SLOPES.length).toFloatVector();
        for (int c = 0; c < SLOPES.length; c++) {
            double error = Math.abs(slopeGrad[c] - slopeSums[c]);
            assertTrue(error <= 1e-7 * Math.abs(slopeSums[c]) + 1e-12 * magnitudes[c],
                    "dL/dα_" + c + ": " + slopeGrad[c] + " against " + slopeSums[c]);
        }
    }

    private static void assertBits(float expected, float actual, String what, int i, float x, float g) {
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual),
                () -> what + " at " + i + " (x " + x + ", g " + g + ", α " + SLOPES[channel(i)] + "): " + expected
                        + " expected, got " + actual);
    }
}
