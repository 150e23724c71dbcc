package io.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Objects;

/**
 * RMSProp (Tieleman &amp; Hinton 2012) computed as {@code torch.optim.RMSprop} computes it (no momentum, not centred),
 * as a DL4J updater. For a gradient g:
 * <pre>
 *   v ← αv + (1 − α)g²        Δθ = −lr · g / (√v + ε)
 * </pre>
 * with v starting at 0. DL4J's own RMSProp starts v at ε instead, so with ε = 1e-8 its denominator starts at
 * √1e-8 = 1e-4 and that floor fades only as αᵗ: a parameter whose gradients are near 1e-6 moved at 1% of lr for its
 * first ~1,000 updates. The fused native op is the same; only the state's start differs.
 *
 * <p>State per parameter: v, laid out like the gradient. Serialised with the network.
 */
public final class PyTorchRmsProp extends ScheduledUpdater {
    private static final List<String> STATE = List.of("G");
    private double alpha = 0.99;

    /** For DL4J's JSON deserialisation of saved networks. */
    public PyTorchRmsProp() {
        super(1e-2, 1e-8);
    }

    /**
     * @param learningRate lr
     * @param alpha        decay of the squared-gradient average (PyTorch's {@code alpha})
     * @param epsilon      added to √v
     */
    public PyTorchRmsProp(double learningRate, double alpha, double epsilon) {
        super(learningRate, epsilon);
        this.alpha = alpha;
    }

    @Override
    protected List<String> stateNames() {
        return STATE;
    }

    @Override
    protected Updater newUpdater() {
        return new Updater(this);
    }

    @Override
    public PyTorchRmsProp clone() {
        PyTorchRmsProp c = new PyTorchRmsProp(getLearningRate(), alpha, getEpsilon());
        c.setLearningRateSchedule(scheduleCopy());
        return c;
    }

    public double getAlpha() {
        return alpha;
    }

    public void setAlpha(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyTorchRmsProp r && sameRateAndEpsilon(r) && r.alpha == alpha;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getLearningRate(), alpha, getEpsilon(), getLearningRateSchedule());
    }

    @Override
    public String toString() {
        return "PyTorchRmsProp(lr=" + getLearningRate() + ", alpha=" + alpha + ", eps=" + getEpsilon() + ")";
    }

    /** The arithmetic of one updater block; its one state array is the squared-gradient average. */
    static final class Updater extends StateArrays<PyTorchRmsProp> {
        Updater(PyTorchRmsProp config) {
            super(config);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            INDArray squareAverage = state(0);
            PyTorchRmsProp config = getConfig();
            double lr = config.getLearningRate(iteration, epoch);
            if (FloatUpdaterKernels.applies(gradient, squareAverage)) {
                // Float: gan-core's kernel, faster than the op below (FloatUpdaterKernels says why).
                FloatUpdaterKernels.rmsProp(gradient, squareAverage, lr, config.alpha, config.getEpsilon());
                return;
            }
            Nd4j.exec(new RmsPropUpdater(gradient.reshape(squareAverage.shape()), squareAverage, lr, config.alpha,
                    config.getEpsilon()));
        }
    }
}
