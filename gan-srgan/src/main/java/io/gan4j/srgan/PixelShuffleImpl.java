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
 * Forward and backward pass of {@link PixelShuffle}. Output channel c of an example is made of input channels
 * {@code c·r² … c·r² + r² − 1}, which lie next to each other in memory, and it has as many values as they do, at the
 * same place in the output as they are in the input: each such block is read once, its values put in their shuffled
 * order ({@code out[(h·r + i)·W·r + w·r + j] = in[(i·r + j)·H·W + h·W + w]}) and written once. ND4J's permuted-view
 * assignment, used before, copied element by element through a 6-axis strided view (5% of srgan-fashion's step).
 * A permutation moves every value once, so the gradient is the error put back by the inverse permutation.
 */
final class PixelShuffleImpl extends ParameterlessLayerImpl<PixelShuffle> {

    PixelShuffleImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** {@code [N, C·r², H, W]} → {@code [N, C, H·r, W·r]}, into {@code out} (row-major, float or double). */
    static void shuffle(INDArray in, int r, INDArray out) {
        permuteBlocks(in, out, r, (int) in.size(2), (int) in.size(3), true);
    }

    /** The inverse: {@code [N, C, H·r, W·r]} → {@code [N, C·r², H, W]}, into {@code out}. */
    static void unshuffle(INDArray in, int r, INDArray out) {
        permuteBlocks(in, out, r, (int) out.size(2), (int) out.size(3), false);
    }

    /**
     * For each block of r² low-resolution planes H × W (one high-resolution plane): {@code forward} writes
     * {@code high[o] = low[source[o]]}, backward {@code low[source[o]] = high[o]}.
     */
    private static void permuteBlocks(INDArray in, INDArray out, int r, int h, int w, boolean forward) {
        int[] source = sources(r, h, w);
        int size = source.length;
        INDArray src = Planes.contiguous(in);
        Planes reader = Planes.of(src);
        Planes writer = Planes.of(out);
        double[] from = new double[size];
        double[] to = new double[size];
        long blocks = in.length() / size;
        for (long b = 0; b < blocks; b++) {
            reader.read(b * size, from, size);
            if (forward) {
                for (int o = 0; o < size; o++) {
                    to[o] = from[source[o]];
                }
            } else {
                for (int o = 0; o < size; o++) {
                    to[source[o]] = from[o];
                }
            }
            writer.write(b * size, to, size);
        }
        Planes.release(src, in);
    }

    /** For each position o of a high-resolution plane (H·r) × (W·r), its index in the block of r² planes H × W. */
    static int[] sources(int r, int h, int w) {
        int[] source = new int[r * r * h * w];
        int highW = w * r;
        for (int y = 0; y < h * r; y++) {
            for (int x = 0; x < highW; x++) {
                int i = y % r;
                int j = x % r;
                source[y * highW + x] = (i * r + j) * h * w + (y / r) * w + x / r;
            }
        }
        return source;
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
