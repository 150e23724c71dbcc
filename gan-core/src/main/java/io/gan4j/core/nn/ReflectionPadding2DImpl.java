package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Forward and backward pass of {@link ReflectionPadding2D}. With p the padding and H, W the input size, padded row
 * {@code p − i} copies input row {@code i} and padded row {@code p + H − 1 + i} copies row {@code H − 1 − i}
 * (i = 1 … p), and likewise for columns over the padded height. The gradient reverses this: columns are folded back
 * first (each padded column's gradient added to the column it copied), then rows, then the interior is kept.
 */
final class ReflectionPadding2DImpl extends ParameterlessLayerImpl<ReflectionPadding2D> implements KeepsInputGradient {
    private boolean keepInputGradient;
    /** Detached copy of the last backward pass's input gradient, when kept and not yet taken. */
    private INDArray keptInputGradient;

    ReflectionPadding2DImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private static INDArrayIndex all() {
        return NDArrayIndex.all();
    }

    private static INDArrayIndex at(long i) {
        return NDArrayIndex.point(i);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        int p = layerConf().getPadding();
        long n = input.size(0);
        long c = input.size(1);
        long h = input.size(2);
        long w = input.size(3);
        if (ReflectionPadKernels.applies(input)) {
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(),
                    new long[] {n, c, h + 2 * p, w + 2 * p}, 'c');
            ReflectionPadKernels.pad(input, p, out);
            return out;
        }
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, input.dataType(), new long[] {n, c, h + 2 * p, w + 2 * p}, 'c');
        out.get(all(), all(), NDArrayIndex.interval(p, p + h), NDArrayIndex.interval(p, p + w)).assign(input);
        INDArrayIndex cols = NDArrayIndex.interval(p, p + w);
        for (int i = 1; i <= p; i++) {
            out.get(all(), all(), at(p - i), cols).assign(input.get(all(), all(), at(i), all()));
            out.get(all(), all(), at(p + h - 1 + i), cols).assign(input.get(all(), all(), at(h - 1 - i), all()));
        }
        for (int i = 1; i <= p; i++) {
            out.get(all(), all(), all(), at(p - i)).assign(out.get(all(), all(), all(), at(p + i)));
            out.get(all(), all(), all(), at(p + w - 1 + i)).assign(out.get(all(), all(), all(), at(p + w - 1 - i)));
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        int p = layerConf().getPadding();
        long h = input.size(2);
        long w = input.size(3);
        if (ReflectionPadKernels.applies(input) && epsilon.dataType() == DataType.FLOAT) {
            INDArray e = ReflectionPadKernels.applies(epsilon) ? epsilon : epsilon.dup('c');
            INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(), 'c');
            ReflectionPadKernels.fold(e, p, dx);
            if (e != epsilon && e.closeable()) {
                e.close();
            }
            return finishBackward(dx);
        }
        INDArray g = epsilon.dup('c');
        for (int i = 1; i <= p; i++) {
            g.get(all(), all(), all(), at(p + i)).addi(g.get(all(), all(), all(), at(p - i)));
            g.get(all(), all(), all(), at(p + w - 1 - i)).addi(g.get(all(), all(), all(), at(p + w - 1 + i)));
        }
        for (int i = 1; i <= p; i++) {
            g.get(all(), all(), at(p + i), all()).addi(g.get(all(), all(), at(p - i), all()));
            g.get(all(), all(), at(p + h - 1 - i), all()).addi(g.get(all(), all(), at(p + h - 1 + i), all()));
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(), 'c');
        dx.assign(g.get(all(), all(), NDArrayIndex.interval(p, p + h), NDArrayIndex.interval(p, p + w)));
        if (g.closeable()) {
            // A padded-size temporary: without workspaces ND4J would free it only when Java's collector reaches its
            // wrapper (see Net); inside one, the workspace owns it.
            g.close();
        }
        return finishBackward(dx);
    }

    /** Keeps a copy of dL/dinput when asked ({@link KeepsInputGradient}) and returns the pass's result. */
    private Pair<Gradient, INDArray> finishBackward(INDArray dx) {
        if (keepInputGradient) {
            if (keptInputGradient != null) {
                keptInputGradient.close();
            }
            // In a workspace, dx dies with it: keep a copy outside any workspace for Net to return.
            keptInputGradient = dx.isAttached() ? dx.detach() : dx.dup();
        }
        return inputGradientOnly(dx);
    }

    @Override
    public void keepInputGradient(boolean keep) {
        keepInputGradient = keep;
    }

    @Override
    public INDArray takeInputGradient() {
        INDArray kept = keptInputGradient;
        keptInputGradient = null;
        return kept;
    }
}
