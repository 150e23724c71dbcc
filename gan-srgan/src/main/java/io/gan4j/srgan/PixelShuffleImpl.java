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
        long n = in.size(0);
        long c = in.size(1) / ((long) r * r);
        long h = in.size(2);
        long w = in.size(3);
        INDArray src = in.ordering() == 'c' && !in.isView() ? in : in.dup('c');
        INDArray split = src.reshape('c', n, c, r, r, h, w).permute(0, 1, 4, 2, 5, 3);
        out.reshape('c', n, c, h, r, w, r).assign(split);
        if (src != in) {
            src.close();
        }
    }

    /** The inverse: {@code [N, C, H·r, W·r]} → {@code [N, C·r², H, W]}, into {@code out}. */
    static void unshuffle(INDArray in, int r, INDArray out) {
        long n = out.size(0);
        long c = out.size(1) / ((long) r * r);
        long h = out.size(2);
        long w = out.size(3);
        INDArray src = in.ordering() == 'c' && !in.isView() ? in : in.dup('c');
        INDArray split = src.reshape('c', n, c, h, r, w, r).permute(0, 1, 3, 5, 2, 4);
        out.reshape('c', n, c, r, r, h, w).assign(split);
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
