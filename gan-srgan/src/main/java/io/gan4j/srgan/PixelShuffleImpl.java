package io.gan4j.srgan;

import io.gan4j.core.nn.ParameterlessLayerImpl;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward and backward pass of {@link PixelShuffle}. Both are one reshape and one transpose: the channel axis
 * {@code C·r²} is split into {@code (C, i, j)}, and {@code [N, C, i, j, H, W]} is permuted to
 * {@code [N, C, H, i, W, j]}, whose row-major layout is {@code [N, C, H·r, W·r]}. A permutation moves every value
 * once, so the gradient is the error put back by the inverse permutation.
 */
final class PixelShuffleImpl extends ParameterlessLayerImpl<PixelShuffle> {

    PixelShuffleImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** {@code [N, C·r², H, W]} → {@code [N, C, H·r, W·r]}, into {@code out}. */
    static void shuffle(INDArray in, int r, INDArray out) {
        long[] d = lowResolutionDims(in, r);
        permuteInto(in, new long[] {d[0], d[1], r, r, d[2], d[3]}, new int[] {0, 1, 4, 2, 5, 3},
                out, new long[] {d[0], d[1], d[2], r, d[3], r});
    }

    /** The inverse: {@code [N, C, H·r, W·r]} → {@code [N, C·r², H, W]}, into {@code out}. */
    static void unshuffle(INDArray in, int r, INDArray out) {
        long[] d = lowResolutionDims(out, r);
        permuteInto(in, new long[] {d[0], d[1], d[2], r, d[3], r}, new int[] {0, 1, 3, 5, 2, 4},
                out, new long[] {d[0], d[1], r, r, d[2], d[3]});
    }

    /** {@code N, C, H, W} of the low-resolution side {@code [N, C·r², H, W]}. */
    private static long[] lowResolutionDims(INDArray lowResolution, int r) {
        return new long[] {lowResolution.size(0), lowResolution.size(1) / ((long) r * r), lowResolution.size(2),
                lowResolution.size(3)};
    }

    /**
     * Views {@code in} as {@code inSplit} (row-major, so through a contiguous copy when {@code in} is a view or
     * column-major), permutes the axes by {@code permutation}, and writes the result into {@code out} viewed as
     * {@code outSplit}.
     */
    private static void permuteInto(INDArray in, long[] inSplit, int[] permutation, INDArray out, long[] outSplit) {
        INDArray src = in.ordering() == 'c' && !in.isView() ? in : in.dup('c');
        out.reshape('c', outSplit).assign(src.reshape('c', inSplit).permute(permutation));
        if (src != in) {
            src.close();
        }
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        int r = layerConf().getFactor();
        long[] s = input.shape();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(),
                new long[] {s[0], s[1] / ((long) r * r), s[2] * r, s[3] * r}, 'c');
        shuffle(input, r, out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(),
                'c');
        unshuffle(epsilon, layerConf().getFactor(), dx);
        return inputGradientOnly(dx);
    }
}
