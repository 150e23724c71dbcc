package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JavaBatchNormalization} in float: output, dL/dx and dγ, dβ against batch normalisation's formulas evaluated
 * in double here (an implementation of the test's own: two-pass mean and biased variance, x̂, and the textbook
 * backward pass), and against DL4J's stock layer in double precision (DL4J's own ops); the running mean and
 * variance after an update, inference with them and a save and load against the stock layer, for dense inputs
 * {@code [N, C]} and NCHW {@code [N, C, H, W]}, batch 1 included.
 */
class JavaBatchNormalizationTest {
    /** Shapes: [N, C] and [N, C, H, W]. */
    private static final long[][] SHAPES = {{64, 6272}, {5, 3}, {1, 4}, {4, 3, 5, 5}, {2, 7, 1, 3}, {64, 16, 7, 7}};
    /** float rounding of values of order 1 over sums of up to a few thousand terms. */
    private static final double TOLERANCE = 2e-5;

    private static MultiLayerNetwork net(Layer layer, long[] s, DataType type) {
        InputType in = s.length == 2 ? InputType.feedForward(s[1]) : InputType.convolutional(s[2], s[3], s[1]);
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .updater(new Sgd(0.1)).list().layer(layer).setInputType(in).build());
        n.init();
        Random rnd = new Random(s[1]);
        INDArray p = n.params();
        for (long i = 0; i < p.length(); i++) {
            p.putScalar(i, 0.5 + rnd.nextDouble());   // γ, β, running mean and variance: all positive
        }
        n.initGradientsView();
        return n;
    }

    private static BatchNormalization.Builder builder(long[] s) {
        return new BatchNormalization.Builder().nOut(s[1]).eps(1e-5).decay(0.9);
    }

    private static INDArray random(Random rnd, long[] shape, double offset, double scale) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, offset + scale * rnd.nextGaussian());
        }
        return a;
    }

    /** Output, dL/dx and the flat parameter gradient of a training forward pass on x and a backward pass of g. */
    private static INDArray[] passes(MultiLayerNetwork n, INDArray x, INDArray g) {
        n.setInput(x);
        INDArray y = n.feedForward(true, false).get(1).dup();
        Pair<Gradient, INDArray> p = n.backpropGradient(g.dup(), LayerWorkspaceMgr.noWorkspaces());
        return new INDArray[] {y.castTo(DataType.DOUBLE), p.getSecond().castTo(DataType.DOUBLE),
            n.getGradientsViewArray().castTo(DataType.DOUBLE)};
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertTrue(Arrays.equals(expected.shape(), actual.shape()), what + ": shape " + Arrays.toString(actual.shape()));
        // Relative to the norm, or absolute below 1 (a batch of one: dL/dx is 0 up to rounding).
        double scale = Math.max(1.0, expected.norm2Number().doubleValue());
        double error = expected.sub(actual).norm2Number().doubleValue() / scale;
        assertTrue(error < TOLERANCE, what + ": relative error " + error);
    }

    /** y, dL/dx, dγ, dβ by the formulas, in double; x viewed as [N, C, M]. */
    private static INDArray[] reference(INDArray x, INDArray g, double[] gamma, double[] beta, double eps) {
        long n = x.size(0);
        int c = (int) x.size(1);
        long m = x.length() / (n * c);
        double[] v = x.dup('c').data().asDouble();
        double[] w = g.dup('c').data().asDouble();
        double[] y = new double[v.length];
        double[] dx = new double[v.length];
        double[] dGamma = new double[c];
        double[] dBeta = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double mean = 0;
            double var = 0;
            for (long e = 0; e < n; e++) {
                for (long i = 0; i < m; i++) {
                    mean += v[(int) ((e * c + ch) * m + i)] / (n * m);
                }
            }
            for (long e = 0; e < n; e++) {
                for (long i = 0; i < m; i++) {
                    double d = v[(int) ((e * c + ch) * m + i)] - mean;
                    var += d * d / (n * m);
                }
            }
            double std = Math.sqrt(var + eps);
            for (long e = 0; e < n; e++) {
                for (long i = 0; i < m; i++) {
                    int k = (int) ((e * c + ch) * m + i);
                    double xHat = (v[k] - mean) / std;
                    y[k] = gamma[ch] * xHat + beta[ch];
                    dGamma[ch] += w[k] * xHat;
                    dBeta[ch] += w[k];
                }
            }
            for (long e = 0; e < n; e++) {
                for (long i = 0; i < m; i++) {
                    int k = (int) ((e * c + ch) * m + i);
                    double xHat = (v[k] - mean) / std;
                    dx[k] = gamma[ch] / std * (w[k] - dBeta[ch] / (n * m) - xHat * dGamma[ch] / (n * m));
                }
            }
        }
        return new INDArray[] {Nd4j.createFromArray(y).reshape(x.shape()), Nd4j.createFromArray(dx).reshape(x.shape()),
            Nd4j.createFromArray(dGamma), Nd4j.createFromArray(dBeta)};
    }

    @Test
    void trainingPassesMatchTheFormulasAndDl4jsLayer() {
        for (long[] s : SHAPES) {
            MultiLayerNetwork fast = net(JavaBatchNormalization.of(builder(s)), s, DataType.FLOAT);
            MultiLayerNetwork stock = net(builder(s).build(), s, DataType.DOUBLE);
            assertInstanceOf(JavaBatchNormalizationLayer.class, fast.getLayer(0));
            Random rnd = new Random(9);
            INDArray x = random(rnd, s, 3.0, 2.0);   // a mean well away from 0, as after a ReLU
            INDArray g = random(rnd, s, 0.0, 1.0);
            INDArray[] f = passes(fast, x.castTo(DataType.FLOAT), g.castTo(DataType.FLOAT));
            INDArray[] d = passes(stock, x, g);
            double[] gamma = fast.getLayer(0).getParam("gamma").castTo(DataType.DOUBLE).dup().data().asDouble();
            double[] beta = fast.getLayer(0).getParam("beta").castTo(DataType.DOUBLE).dup().data().asDouble();
            INDArray[] r = reference(x, g, gamma, beta, 1e-5);
            String what = Arrays.toString(s);
            assertClose(r[0], f[0], what + " output");
            assertClose(r[1], f[1], what + " input gradient");
            assertClose(r[2], gradient(fast, "gamma"), what + " dγ");
            assertClose(r[3], gradient(fast, "beta"), what + " dβ");
            assertClose(d[0], f[0], what + " output against DL4J");
            assertClose(d[1], f[1], what + " input gradient against DL4J");
            assertClose(d[2], f[2], what + " parameter gradients against DL4J (running statistics' included)");
        }
    }

    /**
     * The kernels split channels over threads (above {@link KernelThreads#PARALLEL_MIN_FLOATS}): a channel is summed
     * whole on one thread in a fixed order, so 1, 2 and 3 threads give the same bits (the formula test above holds
     * them to float rounding only).
     */
    @Test
    void everyThreadCountGivesTheSameBits() {
        long[] s = {6, 7, 30, 30};
        assertTrue(6 * 7 * 30 * 30 >= KernelThreads.PARALLEL_MIN_FLOATS, "large enough to be split");
        int before = KernelThreads.get();
        INDArray[][] results = new INDArray[3][];
        try {
            for (int threads = 1; threads <= 3; threads++) {
                KernelThreads.set(threads);
                MultiLayerNetwork fast = net(JavaBatchNormalization.of(builder(s)), s, DataType.FLOAT);
                Random rnd = new Random(11);
                INDArray x = random(rnd, s, 1.0, 3.0).castTo(DataType.FLOAT);
                INDArray g = random(rnd, s, 0.0, 1.0).castTo(DataType.FLOAT);
                results[threads - 1] = passes(fast, x, g);
            }
        } finally {
            KernelThreads.set(before);
        }
        for (int t = 1; t < 3; t++) {
            for (int k = 0; k < 3; k++) {
                // exact: INDArray.equals allows a difference of 1e-5
                org.junit.jupiter.api.Assertions.assertArrayEquals(results[0][k].dup().data().asDouble(),
                        results[t][k].dup().data().asDouble(), (t + 1) + " threads, result " + k);
            }
        }
    }

    private static INDArray gradient(MultiLayerNetwork n, String param) {
        // DL4J's layout: γ, β, then the running statistics, C values each.
        long c = n.getLayer(0).getParam("gamma").length();
        long from = param.equals("gamma") ? 0 : c;
        return n.getGradientsViewArray().castTo(DataType.DOUBLE).reshape(-1)
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + c));
    }

    /** Two SGD steps, then inference (DL4J's path with the running statistics): as the stock layer's. */
    @Test
    void runningStatisticsAndInferenceMatchDl4jsLayer(@TempDir Path dir) throws Exception {
        for (long[] s : new long[][] {SHAPES[1], SHAPES[3]}) {
            MultiLayerNetwork fast = net(JavaBatchNormalization.of(builder(s)), s, DataType.FLOAT);
            MultiLayerNetwork stock = net(builder(s).build(), s, DataType.DOUBLE);
            Random rnd = new Random(4);
            for (int step = 0; step < 2; step++) {
                INDArray x = random(rnd, s, 1.0, 2.0);
                INDArray g = random(rnd, s, 0.0, 1.0);
                for (MultiLayerNetwork n : new MultiLayerNetwork[] {fast, stock}) {
                    INDArray in = x.castTo(n.getLayerWiseConfigurations().getDataType());
                    n.setInput(in);
                    n.feedForward(true, false);
                    Pair<Gradient, INDArray> p = n.backpropGradient(g.castTo(in.dataType()),
                            LayerWorkspaceMgr.noWorkspaces());
                    n.getUpdater().update(n, p.getFirst(), step, 0, (int) s[0], LayerWorkspaceMgr.noWorkspaces());
                    n.params().subi(n.getGradientsViewArray().reshape(n.params().shape()));
                }
            }
            assertClose(stock.params().reshape(-1), fast.params().castTo(DataType.DOUBLE).reshape(-1),
                    Arrays.toString(s) + " parameters");
            INDArray x = random(rnd, s, 1.0, 2.0);
            assertClose(stock.output(x), fast.output(x.castTo(DataType.FLOAT)).castTo(DataType.DOUBLE),
                    Arrays.toString(s) + " inference");
            Path f = dir.resolve("net.zip");
            ModelSerializer.writeModel(fast, f.toFile(), true);
            MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f.toFile(), true);
            assertInstanceOf(JavaBatchNormalizationLayer.class, back.getLayer(0));
            assertEquals(fast.params(), back.params());
        }
    }
}
