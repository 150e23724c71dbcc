package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a convolution layer's backward pass needs from its forward pass, so that the backward pass does not compute
 * the forward pass a second time. DL4J 1.0.0-M2.1's {@code ConvolutionLayer} and {@code Deconvolution2DLayer} call
 * their own {@code preOutput} again at the start of {@code backpropGradient} (outside DL4J's {@code CacheMode}, which
 * needs a cache workspace open across both passes; gan4j runs them as separate calls), only to give the activation
 * function the pre-activation z for its derivative: in dcgan-mnist at batch 128 that repeated convolution was about
 * a tenth of the step (JFR samples of the main thread; benchmarks/RESULTS.md, "Speed, fourth round").
 *
 * <ul>
 *   <li>Identity activation (every hidden convolution gan4j builds: batch norm or an activation layer follows): the
 *       derivative ignores z, {@code ActivationIdentity.backprop(z, g)} returns g once the shapes match, so
 *       {@link #preActivation} hands back dL/dy itself, which has z's shape.</li>
 *   <li>Any other activation (a generator's tanh output): the training-mode forward pass keeps a copy of z
 *       {@code [N, C, H, W]} outside every workspace, bound to the input array it was computed from; the backward
 *       pass takes it once (the activation's derivative may overwrite it, as DL4J's contract allows) and
 *       {@link #release}s it after.</li>
 * </ul>
 * As DL4J's own batch normalisation does with its batch statistics, the backward pass then uses the state of the
 * layer's last training-mode forward pass; the results are the stock layer's bit for bit, since z is the same
 * op's output on the same input and parameters. Anything else (NHWC data, a backward pass without a matching
 * forward pass, on another input array or of another shape) falls back to DL4J's recomputation.
 */
final class KeptPreActivation {
    private INDArray kept;
    private INDArray keptInput;
    private INDArray taken;
    /** dL/dy while the layer's backward pass runs, else null. */
    private INDArray epsilon;

    /**
     * The layer's {@code backpropGradient}: runs DL4J's ({@code layerBackward}) with dL/dy at hand for the
     * {@code preOutput} call it makes first, then frees what was kept.
     *
     * @param epsilon dL/dy {@code [N, C, H, W]}
     */
    <T> T backward(INDArray epsilon, Supplier<T> layerBackward) {
        this.epsilon = epsilon;
        try {
            return layerBackward.get();
        } finally {
            this.epsilon = null;
            release();
        }
    }

    /**
     * The layer's {@code preOutput}: inside the backward pass the kept z (or DL4J's recomputation when there is none),
     * in a forward pass DL4J's ({@code layerPreOutput}, called with {@code forBackprop}) and then kept as needed.
     */
    Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, INDArray input, IActivation activation,
                                       CNN2DFormat format, Function<Boolean, Pair<INDArray, INDArray>> layerPreOutput) {
        if (forBackprop) {
            INDArray z = preActivation(epsilon, input, activation, format);
            return z != null ? new Pair<>(z, null) : layerPreOutput.apply(true);
        }
        Pair<INDArray, INDArray> out = layerPreOutput.apply(false);
        afterForward(training, input, out.getFirst(), activation, format);
        return out;
    }

    /** Whether DL4J's backward pass may skip z: NCHW data and the identity activation. */
    static boolean needsNoPreActivation(IActivation activation, CNN2DFormat format) {
        return activation instanceof ActivationIdentity && format == CNN2DFormat.NCHW;
    }

    /**
     * After a forward pass: keeps a copy of {@code z} when the backward pass will need it (training mode, an
     * activation other than the identity, NCHW), forgets what an earlier pass kept either way.
     *
     * @param z the pre-activation {@code [N, C, H, W]} just computed from {@code input}, before the activation
     *          overwrites it
     */
    private void afterForward(boolean training, INDArray input, INDArray z, IActivation activation, CNN2DFormat format) {
        release();
        if (!training || activation instanceof ActivationIdentity || format != CNN2DFormat.NCHW) {
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            kept = z.dup('c');
        }
        keptInput = input;
    }

    /**
     * The pre-activation for the backward pass, or null when DL4J must compute it again.
     *
     * @param epsilon dL/dy {@code [N, C, H, W]} of this backward pass
     * @param input   the layer's input now
     */
    private INDArray preActivation(INDArray epsilon, INDArray input, IActivation activation, CNN2DFormat format) {
        if (epsilon != null && needsNoPreActivation(activation, format)) {
            return epsilon;
        }
        if (kept == null || input != keptInput || epsilon == null || !Arrays.equals(kept.shape(), epsilon.shape())) {
            return null;
        }
        taken = kept;
        kept = null;
        keptInput = null;
        return taken;
    }

    /** Frees the kept copy and the one a backward pass took (overwritten by the derivative, not used again). */
    void release() {
        close(kept);
        close(taken);
        kept = null;
        keptInput = null;
        taken = null;
    }

    private static void close(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }
}
