package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Forward and backward pass of {@link InstanceNormalization}. With x̂ = (x − μ)/s, s = sqrt(σ² + ε), per example and
 * channel over the m = H·W positions, and upstream gradient g = dL/dy:
 * <pre>
 *   dL/dγ_c = Σ_{n,h,w} g · x̂        dL/dβ_c = Σ_{n,h,w} g
 *   dL/dx   = (γ_c / s) · (g − mean_{h,w}(g) − x̂ · mean_{h,w}(g · x̂))
 * </pre>
 * (the batch-norm gradient with the mean taken per example and channel instead of over the batch).
 */
final class InstanceNormalizationImpl extends BaseLayer<InstanceNormalization> {

    InstanceNormalizationImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** x̂ and s of the current input: new arrays the caller closes. */
    private INDArray[] normalise() {
        INDArray mean = input.mean(true, 2, 3);
        INDArray centred = input.sub(mean);
        INDArray squares = centred.mul(centred);
        INDArray variance = squares.mean(true, 2, 3);
        INDArray s = Transforms.sqrt(variance.addi(layerConf().getEpsilon()), false);
        release(mean, squares);
        return new INDArray[] {centred.divi(s), s};
    }

    /**
     * Closes temporaries of a pass. Without workspaces (the ResNet generator's graph) every one of them is its own
     * native allocation that ND4J frees only when Java's collector reaches its wrapper, which it seldom does: several
     * activation-sized arrays per layer and pass (see Net). Inside a workspace they are not closeable and are left to
     * it.
     */
    private static void release(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    private INDArray channelView(String key) {
        return getParamWithNoise(key, false, null).reshape(1, layerConf().getNOut(), 1, 1);
    }

    /** γ or β as C floats. */
    private float[] channelValues(String key) {
        return getParamWithNoise(key, false, null).toFloatVector();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        if (floatPath()) {
            INDArray x = contiguous(input);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
            InstanceNormKernels.forward(x, channelValues(InstanceNormalization.GAMMA),
                    channelValues(InstanceNormalization.BETA), layerConf().getEpsilon(), layerConf().isRelu(), out);
            releaseCopy(x, input);
            return out;
        }
        INDArray[] n = normalise();
        release(n[1]);
        INDArray out = n[0].muli(channelView(InstanceNormalization.GAMMA)).addi(channelView(InstanceNormalization.BETA));
        if (layerConf().isRelu()) {
            Transforms.relu(out, false);
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (floatPath()) {
            return backpropFloat(epsilon, workspaceMgr);
        }
        INDArray[] n = normalise();
        INDArray xHat = n[0];
        INDArray s = n[1];
        INDArray mask = null;
        if (layerConf().isRelu()) {
            // The fused ReLU's gradient: dL/dy kept where y = γ·x̂ + β > 0.
            INDArray y = xHat.mul(channelView(InstanceNormalization.GAMMA)).addi(channelView(InstanceNormalization.BETA));
            INDArray positive = y.gt(0);
            mask = positive.castTo(epsilon.dataType());
            release(y, positive);
            epsilon = epsilon.mul(mask);
        }
        long channels = layerConf().getNOut();
        INDArray gammaGrad = gradientViews.get(InstanceNormalization.GAMMA);
        INDArray betaGrad = gradientViews.get(InstanceNormalization.BETA);
        INDArray gxHat = epsilon.mul(xHat);
        INDArray gammaSum = gxHat.sum(0, 2, 3);
        INDArray betaSum = epsilon.sum(0, 2, 3);
        gammaGrad.assign(gammaSum.reshape(1, channels));
        betaGrad.assign(betaSum.reshape(1, channels));
        release(gxHat, gammaSum, betaSum);

        INDArray g = epsilon.mul(channelView(InstanceNormalization.GAMMA));
        INDArray gMean = g.mean(true, 2, 3);
        INDArray gTimesXHat = g.mul(xHat);
        INDArray gxMean = gTimesXHat.mean(true, 2, 3);
        INDArray correction = xHat.mul(gxMean);
        INDArray dx = g.sub(gMean).subi(correction).divi(s);
        release(g, gMean, gTimesXHat, gxMean, correction, xHat, s, mask, mask == null ? null : epsilon);

        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(InstanceNormalization.GAMMA, gammaGrad);
        gradient.gradientForVariable().put(InstanceNormalization.BETA, betaGrad);
        return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, dx));
    }

    /**
     * Whether this pass takes {@link InstanceNormKernels}: float input of rank 4. A strided view (the ResNet
     * generator's upsampling crops) is copied first: one copy costs far less than the op-by-op path.
     */
    private boolean floatPath() {
        return input.dataType() == DataType.FLOAT && input.rank() == 4 && !input.isEmpty();
    }

    /** {@code a} itself when the kernels take it, else a c-ordered copy of it (released by {@link #releaseCopy}). */
    private static INDArray contiguous(INDArray a) {
        return InstanceNormKernels.applies(a) ? a : a.dup('c');
    }

    private static void releaseCopy(INDArray copy, INDArray original) {
        if (copy != original) {
            release(copy);
        }
    }

    /** The float path of {@link #backpropGradient} ({@link InstanceNormKernels}). */
    private Pair<Gradient, INDArray> backpropFloat(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = contiguous(input);
        INDArray g = contiguous(epsilon);
        int channels = (int) layerConf().getNOut();
        float[] gammaGrad = new float[channels];
        float[] betaGrad = new float[channels];
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        InstanceNormKernels.backward(x, g, channelValues(InstanceNormalization.GAMMA),
                channelValues(InstanceNormalization.BETA), layerConf().getEpsilon(), layerConf().isRelu(), dx, gammaGrad,
                betaGrad);
        releaseCopy(x, input);
        releaseCopy(g, epsilon);
        INDArray gammaView = gradientViews.get(InstanceNormalization.GAMMA);
        INDArray betaView = gradientViews.get(InstanceNormalization.BETA);
        assignFloats(gammaView, gammaGrad);
        assignFloats(betaView, betaGrad);
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(InstanceNormalization.GAMMA, gammaView);
        gradient.gradientForVariable().put(InstanceNormalization.BETA, betaView);
        return new Pair<>(gradient, dx);
    }

    /** Copies {@code values} into the gradient view {@code target} ({@code [1, C]}). */
    private static void assignFloats(INDArray target, float[] values) {
        for (int i = 0; i < values.length; i++) {
            target.putScalar(i, values[i]);
        }
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return true;
    }
}
