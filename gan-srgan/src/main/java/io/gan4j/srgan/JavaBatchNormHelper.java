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
 * depends on which forward pass ran last. Channels are split over threads ({@link ChannelRanges}).
 */
final class JavaBatchNormHelper implements BatchNormalizationHelper {
    private static final Field HELPER = helperField();

    private INDArray meanCache;
    private INDArray varCache;

    /**
     * Gives every DL4J batch-norm layer of {@code net} this helper, unless it has one already. Cheap enough to call
     * every step, which SRGAN does so that networks restored from a checkpoint (built by DL4J with its own helper)
     * get it too.
     */
    static void install(Net net) {
        for (Layer layer : net.layers()) {
            if (layer instanceof BatchNormalization bn && !(bn.getHelper() instanceof JavaBatchNormHelper)) {
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
        int channels = (int) x.size(1);
        double[][] stats = new double[3][channels];
        double[] g = values(gamma, channels);
        double[] b = values(beta, channels);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        ChannelRanges.run(channels, 4 * x.length(), (from, to) -> {
            Channels ch = new Channels(in);
            Planes writer = Planes.of(out);
            for (int c = from; c < to; c++) {
                ch.statistics(c, eps, stats);
                double mu = stats[0][c];
                double scale = g[c] * stats[2][c];
                double shift = b[c];
                ch.forEachPlane(c, (at, v) -> {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (v[i] - mu) * scale + shift;
                    }
                    writer.write(at, v, v.length);
                });
            }
        });
        remember(x, stats);
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
        int channels = (int) input.size(1);
        double[][] stats = new double[3][channels];
        double[] dBeta = new double[channels];
        double[] dGamma = new double[channels];
        double[] g = values(gamma, channels);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(),
                'c');
        ChannelRanges.run(channels, 6 * input.length(), (from, to) -> {
            Channels ch = new Channels(in);
            Planes gs = Planes.of(err);
            Planes writer = Planes.of(dx);
            double[] gv = new double[ch.size];
            for (int c = from; c < to; c++) {
                ch.statistics(c, eps, stats);
                double mu = stats[0][c];
                double inv = stats[2][c];
                double[] sums = new double[2];
                ch.forEachPlane(c, (at, v) -> {
                    gs.read(at, gv, gv.length);
                    double sumG = 0;
                    double sumGx = 0;
                    for (int i = 0; i < v.length; i++) {
                        sumG += gv[i];
                        sumGx += gv[i] * (v[i] - mu) * inv;
                    }
                    sums[0] += sumG;
                    sums[1] += sumGx;
                });
                dBeta[c] = sums[0];
                dGamma[c] = sums[1];
                double m = ch.count();
                double k = g[c] * inv;
                ch.forEachPlane(c, (at, v) -> {
                    gs.read(at, gv, gv.length);
                    for (int i = 0; i < v.length; i++) {
                        double xHat = (v[i] - mu) * inv;
                        v[i] = k * (gv[i] - sums[0] / m - xHat * sums[1] / m);
                    }
                    writer.write(at, v, v.length);
                });
            }
        });
        remember(input, stats);
        Planes.release(in, input);
        Planes.release(err, epsilon);
        for (int c = 0; c < channels; c++) {
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

    /** The planes of one channel of a row-major {@code [N, C, H, W]} array; one instance per thread. */
    private static final class Channels {
        final int size;
        private final int channels;
        private final long examples;
        private final Planes reader;
        private final double[] v;

        Channels(INDArray x) {
            this.examples = x.size(0);
            this.channels = (int) x.size(1);
            this.size = (int) (x.size(2) * x.size(3));
            this.reader = Planes.of(x);
            this.v = new double[size];
        }

        double count() {
            return (double) examples * size;
        }

        /** Reads each plane of channel {@code c} in example order into one buffer and hands it to {@code body}. */
        void forEachPlane(int c, PlaneBody body) {
            for (long n = 0; n < examples; n++) {
                long at = (n * channels + c) * size;
                reader.read(at, v, size);
                body.run(at, v);
            }
        }

        /** Sets {@code stats[0][c]} = μ, {@code [1][c]} = σ² (biased), {@code [2][c]} = 1/√(σ² + ε): two passes. */
        void statistics(int c, double eps, double[][] stats) {
            double[] sum = new double[1];
            forEachPlane(c, (at, values) -> {
                double s = 0;
                for (double value : values) {
                    s += value;
                }
                sum[0] += s;
            });
            double mean = sum[0] / count();
            sum[0] = 0;
            forEachPlane(c, (at, values) -> {
                double s = 0;
                for (double value : values) {
                    double d = value - mean;
                    s += d * d;
                }
                sum[0] += s;
            });
            double var = sum[0] / count();
            stats[0][c] = mean;
            stats[1][c] = var;
            stats[2][c] = 1 / Math.sqrt(var + eps);
        }
    }

    /** Work on one plane {@code v}, which starts at element {@code at}. */
    @FunctionalInterface
    private interface PlaneBody {
        void run(long at, double[] v);
    }
}
