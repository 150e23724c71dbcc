package io.gan4j.core.testing.parity;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Inverted dropout with given masks, one per training-mode forward pass in order: {@code y = x · mask / retain},
 * {@code dL/dx = dL/dy · mask / retain}, as DL4J's own {@code Dropout} and PyTorch's {@code nn.Dropout} compute it with
 * their random masks. Installed on a network's dropout layers by the parity tests.
 */
public final class FixedMaskDropout implements IDropout {
    private final Deque<INDArray> masks;
    private final double retain;
    private INDArray current;

    /** @param retain probability of keeping a unit (DL4J's dropout argument) */
    public FixedMaskDropout(List<INDArray> masks, double retain) {
        this.masks = new ArrayDeque<>(masks);
        this.retain = retain;
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray result, int iteration, int epoch, LayerWorkspaceMgr mgr) {
        if (masks.isEmpty()) {
            throw new AssertionError("a training-mode pass beyond the reference's dropout masks");
        }
        current = masks.poll().castTo(input.dataType());
        return result.assign(input.mul(current).divi(retain));
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        return gradAtInput.assign(gradAtOutput.mul(current).divi(retain));
    }

    /** DL4J clears a layer's dropout state between passes; the mask must survive until its backward pass. */
    @Override
    public void clear() {
    }

    /** DL4J copies layer configurations; the copies must share the queue of masks. */
    @Override
    public IDropout clone() {
        return this;
    }

    /** Masks not yet used. */
    public int remaining() {
        return masks.size();
    }
}
