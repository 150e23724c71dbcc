package io.gan4j.srgan;

import io.gan4j.core.nn.Net;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * Batch normalisation's training passes on images {@code [N, C, H, W]} in Java, as the helper of DL4J's own
 * {@link BatchNormalization} layer (in place of its oneDNN helper): DL4J's layer keeps its parameters, its running
 * statistics rule (which reads the batch mean and biased variance from {@link #getMeanCache} and
 * {@link #getVarCache}) and its inference pass (this helper declines it, so DL4J's built-in path runs). The oneDNN
 * helper took 2 ms a call on SRResNet's {@code [32, 32, 7, 7]} maps, almost all of it fixed cost (ND4J's variance op,
 * primitive set-up): 20% of srgan-fashion's step for 16 batch-norm layers.
 *
 * <p>Per channel c over its m = N·H·W values, in double, rounded once: μ, σ² = mean (x − μ)² (biased, as DL4J's),
 * x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β; backward with g = dL/dy: dβ = Σ g, dγ = Σ g·x̂,
 * dL/dx = γ/√(σ² + ε) · (g − dβ/m − x̂·dγ/m). The backward pass computes μ and σ² again from its input, so it never
 * depends on which forward pass ran last.
 */
final class JavaBatchNormHelper implements BatchNormalizationHelper {
    private static final Field HELPER = helperField();

    private INDArray meanCache;
    private INDArray varCache;

    /** Gives every DL4J batch-norm layer of {@code net} this helper. */
    static void install(Net net) {
        for (Layer layer : net.layers()) {
            if (layer instanceof BatchNormalization) {
                try {
                    HELPER.set(layer, new JavaBatchNormHelper());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot set DL4J's batch-norm helper", e);
                }
            }
        }
    }

    private static Field helperField() {
        try {
            Field f = BatchNormalization.class.getDeclaredField("helper");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's BatchNormalization has no helper field", e);
        }
    }

    /** Whether the passes take {@code x}: float or double images in NCHW. */
    private static boolean takes(INDArray x, CNN2DFormat format) {
        return x.rank() == 4 && format == CNN2DFormat.NCHW
                && (x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE);
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                              INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        if (!training || !takes(x, format)) {
            return null;
        }
        INDArray in = Planes.contiguous(x);
        Channels ch = new Channels(in);
        double[][] stats = ch.statistics(eps);
        remember(x, stats);
        double[] g = values(gamma, ch.channels);
        double[] b = values(beta, ch.channels);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        Planes writer = Planes.of(out);
        ch.forEachPlane((c, at, v) -> {
            double scale = g[c] * stats[2][c];
            for (int i = 0; i < v.length; i++) {
                v[i] = (v[i] - stats[0][c]) * scale + b[c];
            }
            writer.write(at, v, v.length);
        });
        Planes.release(in, x);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                     double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!takes(input, format) || gamma == null) {
            return null;
        }
        INDArray in = Planes.contiguous(input);
        INDArray err = Planes.contiguous(epsilon);
        Channels ch = new Channels(in);
        double[][] stats = ch.statistics(eps);
        remember(input, stats);
        double[] dBeta = new double[ch.channels];
        double[] dGamma = new double[ch.channels];
        Planes gs = Planes.of(err);
        double[] gv = new double[ch.size];
        ch.forEachPlane((c, at, v) -> {
            gs.read(at, gv, ch.size);
            double sumG = 0;
            double sumGx = 0;
            for (int i = 0; i < v.length; i++) {
                sumG += gv[i];
                sumGx += gv[i] * (v[i] - stats[0][c]) * stats[2][c];
            }
            dBeta[c] += sumG;
            dGamma[c] += sumGx;
        });
        double[] g = values(gamma, ch.channels);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(),
                'c');
        Planes writer = Planes.of(dx);
        double m = ch.count();
        ch.forEachPlane((c, at, v) -> {
            gs.read(at, gv, ch.size);
            double k = g[c] * stats[2][c];
            for (int i = 0; i < v.length; i++) {
                double xHat = (v[i] - stats[0][c]) * stats[2][c];
                v[i] = k * (gv[i] - dBeta[c] / m - xHat * dGamma[c] / m);
            }
            writer.write(at, v, v.length);
        });
        Planes.release(in, input);
        Planes.release(err, epsilon);
        for (int c = 0; c < ch.channels; c++) {
            dGammaView.putScalar(c, dGamma[c]);
            dBetaView.putScalar(c, dBeta[c]);
        }
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor("gamma", dGammaView);
        gradient.setGradientFor("beta", dBetaView);
        return new Pair<>(gradient, dx);
    }

    /** Keeps the batch mean and biased variance where DL4J's layer reads them for its running statistics. */
    private void remember(INDArray x, double[][] stats) {
        int channels = stats[0].length;
        if (meanCache == null || meanCache.length() != channels || meanCache.dataType() != x.dataType()) {
            try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                meanCache = Nd4j.create(x.dataType(), channels);
                varCache = Nd4j.create(x.dataType(), channels);
            }
        }
        for (int c = 0; c < channels; c++) {
            meanCache.putScalar(c, stats[0][c]);
            varCache.putScalar(c, stats[1][c]);
        }
    }

    private static double[] values(INDArray perChannel, int channels) {
        return perChannel.reshape(channels).toDoubleVector();
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return varCache;
    }

    /** The planes of a row-major {@code [N, C, H, W]} array, visited channel by channel. */
    private static final class Channels {
        final int channels;
        final int size;
        private final long examples;
        private final Planes reader;

        Channels(INDArray x) {
            this.examples = x.size(0);
            this.channels = (int) x.size(1);
            this.size = (int) (x.size(2) * x.size(3));
            this.reader = Planes.of(x);
        }

        double count() {
            return (double) examples * size;
        }

        /** Reads each plane of channel 0, then of channel 1, ... into a fresh buffer and hands it to {@code body}. */
        void forEachPlane(PlaneBody body) {
            double[] v = new double[size];
            for (int c = 0; c < channels; c++) {
                for (long n = 0; n < examples; n++) {
                    long at = (n * channels + c) * size;
                    reader.read(at, v, size);
                    body.run(c, at, v);
                }
            }
        }

        /** {μ, σ² (biased), 1/√(σ² + ε)} per channel, two passes in double. */
        double[][] statistics(double eps) {
            double[] mean = new double[channels];
            double[] var = new double[channels];
            double[] inv = new double[channels];
            forEachPlane((c, at, v) -> {
                double s = 0;
                for (double value : v) {
                    s += value;
                }
                mean[c] += s;
            });
            for (int c = 0; c < channels; c++) {
                mean[c] /= count();
            }
            forEachPlane((c, at, v) -> {
                double s = 0;
                for (double value : v) {
                    double d = value - mean[c];
                    s += d * d;
                }
                var[c] += s;
            });
            for (int c = 0; c < channels; c++) {
                var[c] /= count();
                inv[c] = 1 / Math.sqrt(var[c] + eps);
            }
            return new double[][] {mean, var, inv};
        }
    }

    /** Work on one plane {@code v} of channel {@code c}, which starts at element {@code at}. */
    @FunctionalInterface
    private interface PlaneBody {
        void run(int c, long at, double[] v);
    }
}
