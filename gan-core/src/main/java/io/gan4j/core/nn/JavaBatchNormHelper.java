package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * A helper for DL4J's batch-normalisation layer whose training-mode passes over NCHW floats are
 * {@link BatchNormKernels}; inference, other layouts and other types go to the helper DL4J chose (oneDNN's), or to
 * DL4J's own code when there is none (a null result). DL4J's layer hands every input as {@code [N, C, H, W]} (a
 * dense layer's {@code [N, C]} as {@code [N, C, 1, 1]}) and keeps its running statistics itself, from
 * {@link #getMeanCache} and {@link #getVarCache} (the batch mean and biased variance, as oneDNN's helper gives
 * them).
 */
final class JavaBatchNormHelper implements BatchNormalizationHelper {
    private final BatchNormalizationHelper fallback;
    private BatchNormKernels.Statistics statistics;
    private INDArray meanCache;
    private INDArray varCache;

    /** @param fallback DL4J's helper for what the kernels do not take, or null */
    JavaBatchNormHelper(BatchNormalizationHelper fallback) {
        this.fallback = fallback;
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return true;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                              INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        statistics = null;
        if (!training || format != CNN2DFormat.NCHW || !BatchNormKernels.applies(x)) {
            return fallback == null ? null
                    : fallback.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
        }
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        statistics = BatchNormKernels.forward(x, floats(gamma), floats(beta), eps, y);
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            meanCache = Nd4j.createFromArray(toFloats(statistics.mean()));
            varCache = Nd4j.createFromArray(toFloats(statistics.variance()));
        }
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                     double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (statistics == null) {
            return fallback == null ? null : fallback.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView,
                    dBetaView, eps, format, workspaceMgr);
        }
        INDArray g = BatchNormKernels.applies(epsilon) ? epsilon : epsilon.dup('c');
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(),
                'c');
        int c = (int) input.size(1);
        float[] dGamma = new float[c];
        float[] dBeta = new float[c];
        BatchNormKernels.backward(input, g, floats(gamma), statistics, dx, dGamma, dBeta);
        if (g != epsilon && g.closeable()) {
            // a copy of a strided dL/dy, activation-sized: freed now rather than by Java's collector (a copy made
            // in a workspace is the workspace's to free)
            g.close();
        }
        dGammaView.assign(Nd4j.createFromArray(dGamma).reshape(dGammaView.shape()));
        dBetaView.assign(Nd4j.createFromArray(dBeta).reshape(dBetaView.shape()));
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor("gamma", dGammaView);
        gradient.setGradientFor("beta", dBetaView);
        return new Pair<>(gradient, dx);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return statistics != null || fallback == null ? meanCache : fallback.getMeanCache(dataType);
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return statistics != null || fallback == null ? varCache : fallback.getVarCache(dataType);
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    private static float[] floats(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
