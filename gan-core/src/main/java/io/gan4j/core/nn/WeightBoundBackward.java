package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backward pass of a convolution or transposed convolution whose weights outweigh its work, run by libnd4j's own
 * {@code conv2d_bp} / {@code deconv2d_bp} (im2col or col2im around OpenBLAS's GEMM) instead of its oneDNN kernels.
 *
 * <p>Why: in pix2pix's U-Net-256 at batch 1, the innermost layers hold 4–8 M weights each and see 1×1 to 16×16
 * positions. oneDNN's backward kernels are slow there (they are built for many positions), and libnd4j's GEMM path
 * takes 40–65% less CPU time: one thread, same op and arrays, helpers on and off (benchmarks/RESULTS.md, "Speed,
 * fifth round"): the 512 → 512 convolution at 4×4 → 2×2 7.6 → 2.9 ms, the 1024 → 512 transposed convolution at
 * 4×4 → 8×8 16.5 → 9.5 ms. Where the positions are many (the outer layers, every 28-px network at its batch) oneDNN
 * wins, so the rule is the GEMM's column count: the batch times the positions the weights slide over (a convolution's
 * output positions, a transposed convolution's input positions), at most {@link #maxColumns()}.
 *
 * <p>Only for the case whose arithmetic is nothing but the op: float NCHW data, the identity activation (dL/dz is
 * dL/dy), no dropout or weight noise, no "same" mode, dilation 1. The results are those of the same mathematics
 * summed in another order: the parameter and input gradients agree with the oneDNN path to float rounding
 * ({@code WeightBoundBackwardTest}); the forward pass is not touched.
 */
final class WeightBoundBackward {
    /** {@code -Dgan4j.conv.weightBoundColumns=N}: the column limit (default 256; 0 switches the path off). */
    static final String COLUMNS_PROPERTY = "gan4j.conv.weightBoundColumns";
    private static final long DEFAULT_MAX_COLUMNS = 256;

    private WeightBoundBackward() {
    }

    /** The GEMM column limit at or below which the backward pass takes libnd4j's GEMM path. */
    static long maxColumns() {
        return Long.getLong(COLUMNS_PROPERTY, DEFAULT_MAX_COLUMNS);
    }

    /**
     * Whether this layer's backward pass on {@code input} takes the GEMM path.
     *
     * @param positions the positions the weights slide over per example (output positions for a convolution,
     *                  input positions for a transposed convolution)
     */
    static boolean applies(ConvolutionLayer conf, INDArray input, long positions) {
        if (input == null || input.rank() != 4 || input.dataType() != DataType.FLOAT
                || conf.getCnn2dDataFormat() != CNN2DFormat.NCHW
                || !(conf.getActivationFn() instanceof ActivationIdentity) || conf.getIDropout() != null
                || conf.getWeightNoise() != null || conf.getConvolutionMode() == ConvolutionMode.Same
                || conf.getDilation()[0] != 1 || conf.getDilation()[1] != 1) {
            return false;
        }
        return input.size(0) * positions <= maxColumns();
    }

    /**
     * Runs {@code opName} with libnd4j's helpers off and returns DL4J's backward-pass result.
     *
     * @param weights      the weights in the layout {@code iArgs} tells the op
     * @param bias         the bias {@code [Cout]}, or null
     * @param delta        dL/dz, the shape of the layer's output
     * @param weightGrad   the layer's weight-gradient view in the layout of {@code weights}
     * @param biasGrad     the layer's bias-gradient view, or null
     * @param iArgs        kernel, stride, padding, dilation, same-mode flag, data format (and weight format)
     * @return the gradient (bias, weights) and dL/dinput, an {@link ArrayType#ACTIVATION_GRAD} array of the input's shape
     */
    static Pair<Gradient, INDArray> run(String opName, INDArray input, INDArray weights, INDArray bias,
                                        INDArray delta, INDArray weightGrad, INDArray biasGrad, long[] iArgs,
                                        LayerWorkspaceMgr workspaceMgr) {
        INDArray inputGrad = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        INDArray[] in = bias == null ? new INDArray[] {input, weights, delta}
                : new INDArray[] {input, weights, bias, delta};
        INDArray[] out = biasGrad == null ? new INDArray[] {inputGrad, weightGrad}
                : new INDArray[] {inputGrad, weightGrad, biasGrad};
        try (OpContext context = Nd4j.getExecutioner().buildContext()) {
            context.setInputArrays(in);
            context.setOutputArrays(out);
            context.setIArguments(iArgs);
            context.allowHelpers(false);
            Nd4j.getExecutioner().exec(DynamicCustomOp.builder(opName).build(), context);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(opName + " failed", e);
        }
        Gradient gradient = new DefaultGradient();
        if (biasGrad != null) {
            gradient.gradientForVariable().put("b", biasGrad);
        }
        gradient.gradientForVariable().put("W", weightGrad);
        return new Pair<>(gradient, inputGrad);
    }

    /** kernel, stride, padding of {@code conf}, dilation 1, not same mode, NCHW. */
    static long[] geometry(ConvolutionLayer conf) {
        int[] k = conf.getKernelSize();
        int[] s = conf.getStride();
        int[] p = conf.getPadding();
        return new long[] {k[0], k[1], s[0], s[1], p[0], p[1], 1, 1, 0, 0};
    }
}
