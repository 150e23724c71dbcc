package io.gan4j.core.nn;

import io.gan4j.core.testing.GradientCheck;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The float instance-norm kernels: forward and backward against the formulas evaluated in double by hand, and the
 * float layer against the double layer (whose gradients {@link InstanceNormalizationTest} checks by finite
 * differences), also for an upstream gradient that is a view.
 */
class InstanceNormKernelsTest {
    private static final double EPS = 1e-5;

    @org.junit.jupiter.params.ParameterizedTest(name = "relu {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void forwardAndBackwardMatchTheFormulasInDouble(boolean relu) {
        int n = 3;
        int channels = 4;
        int h = 5;
        int w = 7;
        Random random = new Random(5);
        INDArray x = GradientCheck.random(random, n, channels, h, w).castTo(DataType.FLOAT).muli(3).addi(1);
        INDArray g = GradientCheck.random(random, n, channels, h, w).castTo(DataType.FLOAT);
        float[] gamma = {1.5f, -0.7f, 0.9f, 2.0f};
        float[] beta = {0.2f, 0.1f, -0.4f, 0f};
        INDArray y = Nd4j.create(DataType.FLOAT, n, channels, h, w);
        INDArray dx = Nd4j.create(DataType.FLOAT, n, channels, h, w);
        float[] gammaGrad = new float[channels];
        float[] betaGrad = new float[channels];
        InstanceNormKernels.forward(x, gamma, beta, EPS, relu, y);
        InstanceNormKernels.backward(x, g, gamma, beta, EPS, relu, dx, gammaGrad, betaGrad);

        double m = h * w;
        double[] expectedGammaGrad = new double[channels];
        double[] expectedBetaGrad = new double[channels];
        for (int e = 0; e < n; e++) {
            for (int c = 0; c < channels; c++) {
                double mean = 0;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        mean += x.getDouble(e, c, i, j) / m;
                    }
                }
                double var = 0;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        var += Math.pow(x.getDouble(e, c, i, j) - mean, 2) / m;
                    }
                }
                double s = Math.sqrt(var + EPS);
                // With the ReLU, dL/d(pre-activation) is g where γ·x̂ + β > 0 and 0 elsewhere.
                double[][] up = new double[h][w];
                double meanG = 0;
                double meanGx = 0;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double xHat = (x.getDouble(e, c, i, j) - mean) / s;
                        up[i][j] = relu && gamma[c] * xHat + beta[c] <= 0 ? 0 : g.getDouble(e, c, i, j);
                        meanG += up[i][j] / m;
                        meanGx += up[i][j] * xHat / m;
                    }
                }
                expectedGammaGrad[c] += meanGx * m;
                expectedBetaGrad[c] += meanG * m;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double xHat = (x.getDouble(e, c, i, j) - mean) / s;
                        String at = "[" + e + ", " + c + ", " + i + ", " + j + "]";
                        double expectedY = gamma[c] * xHat + beta[c];
                        assertEquals(relu ? Math.max(expectedY, 0) : expectedY, y.getDouble(e, c, i, j), 1e-5, "y" + at);
                        double expectedDx = gamma[c] / s * (up[i][j] - meanG - xHat * meanGx);
                        assertEquals(expectedDx, dx.getDouble(e, c, i, j), 1e-5, "dx" + at);
                    }
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            assertEquals(expectedGammaGrad[c], gammaGrad[c], 1e-4, "dL/dgamma " + c);
            assertEquals(expectedBetaGrad[c], betaGrad[c], 1e-4, "dL/dbeta " + c);
        }
    }

    /** Planes split over threads give the same bits as one thread (gradient sums added in plane order). */
    @Test
    void threadsDoNotChangeTheResult() {
        int threads = KernelThreads.get();
        Random random = new Random(9);
        long[] shape = {4, 16, 32, 32};
        assertTrue(4 * 16 * 32 * 32 >= KernelThreads.PARALLEL_MIN_FLOATS, "big enough to be split");
        INDArray x = GradientCheck.random(random, shape).castTo(DataType.FLOAT);
        INDArray g = GradientCheck.random(random, shape).castTo(DataType.FLOAT);
        float[] gamma = new float[16];
        float[] beta = new float[16];
        for (int c = 0; c < 16; c++) {
            gamma[c] = 1 + c / 10f;
            beta[c] = c / 20f;
        }
        INDArray[][] results = new INDArray[2][];
        float[][] gammaGrads = new float[2][16];
        float[][] betaGrads = new float[2][16];
        try {
            for (int run = 0; run < 2; run++) {
                KernelThreads.set(run == 0 ? 1 : 3);
                INDArray y = Nd4j.create(DataType.FLOAT, shape);
                INDArray dx = Nd4j.create(DataType.FLOAT, shape);
                InstanceNormKernels.forward(x, gamma, beta, EPS, true, y);
                InstanceNormKernels.backward(x, g, gamma, beta, EPS, true, dx, gammaGrads[run], betaGrads[run]);
                INDArray padded = Nd4j.create(DataType.FLOAT, 4, 16, 38, 38);
                ReflectionPadKernels.pad(x, 3, padded);
                INDArray folded = Nd4j.create(DataType.FLOAT, shape);
                ReflectionPadKernels.fold(padded, 3, folded);
                results[run] = new INDArray[] {y, dx, padded, folded};
            }
        } finally {
            KernelThreads.set(threads);
        }
        String[] names = {"y", "dL/dx", "padded", "folded"};
        for (int i = 0; i < names.length; i++) {
            assertEquals(results[0][i], results[1][i], names[i]);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(gammaGrads[0], gammaGrads[1]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(betaGrads[0], betaGrads[1]);
    }

    @Test
    void takesOnlyContiguousCOrderedFloatArraysOfRankFour() {
        assertTrue(InstanceNormKernels.applies(Nd4j.create(DataType.FLOAT, 2, 3, 4, 5)));
        assertFalse(InstanceNormKernels.applies(Nd4j.create(DataType.DOUBLE, 2, 3, 4, 5)));
        assertFalse(InstanceNormKernels.applies(Nd4j.create(DataType.FLOAT, new long[] {2, 3, 4, 5}, 'f')));
        assertFalse(InstanceNormKernels.applies(Nd4j.create(DataType.FLOAT, 2, 3, 4, 6)
                .get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5))));
        assertFalse(InstanceNormKernels.applies(Nd4j.create(DataType.FLOAT, 6, 20)));
    }

    /** The layer's float path (these kernels) against its double path (ND4J ops), forward and backward. */
    @org.junit.jupiter.params.ParameterizedTest(name = "relu {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void floatLayerMatchesTheDoubleLayer(boolean relu) {
        INDArray x = GradientCheck.random(new Random(7), 2, 3, 6, 6).muli(2);
        // The upstream gradient as a strided view, as a crop's or a slice's gradient can be.
        INDArray wide = GradientCheck.random(new Random(8), 2, 3, 6, 9);
        INDArray g = wide.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 8));
        INDArray[] inDouble = pass(DataType.DOUBLE, relu, x, g);
        INDArray[] inFloat = pass(DataType.FLOAT, relu, x.castTo(DataType.FLOAT), g.castTo(DataType.FLOAT));
        String[] names = {"output", "dL/dx", "dL/dgamma", "dL/dbeta"};
        for (int i = 0; i < names.length; i++) {
            INDArray expected = inDouble[i].castTo(DataType.DOUBLE);
            INDArray difference = inFloat[i].castTo(DataType.DOUBLE).sub(expected);
            double relative = difference.norm2Number().doubleValue() / expected.norm2Number().doubleValue();
            assertTrue(relative < 1e-6, names[i] + ": relative error " + relative);
        }
    }

    private static INDArray[] pass(DataType type, boolean relu, INDArray x, INDArray g) {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(type).updater(new Sgd(0.1)).list()
                .layer(new InstanceNormalization(0, EPS, relu))
                .setInputType(InputType.convolutional(6, 6, 3)).build());
        n.init();
        n.getParam("0_" + InstanceNormalization.GAMMA).assign(Nd4j.createFromArray(1.5, -0.7, 0.9).reshape(1, 3));
        n.getParam("0_" + InstanceNormalization.BETA).assign(Nd4j.createFromArray(0.2, 0.1, -0.4).reshape(1, 3));
        Net net = Net.of(n);
        INDArray y = net.forward(x.dup()).dup();
        INDArray dx = net.backward(g).dup();
        java.util.Map<String, INDArray> grads = net.asParamTable(net.lastGradient());
        return new INDArray[] {y, dx, grads.get("0_" + InstanceNormalization.GAMMA).dup(),
                grads.get("0_" + InstanceNormalization.BETA).dup()};
    }
}
