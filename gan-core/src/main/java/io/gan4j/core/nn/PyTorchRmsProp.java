package io.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

import java.util.Map;
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
    private double alpha = 0.99;
    private double epsilon = 1e-8;

    /** For DL4J's JSON deserialisation of saved networks. */
    public PyTorchRmsProp() {
        super(1e-2);
    }

    /**
     * @param learningRate lr
     * @param alpha        decay of the squared-gradient average (PyTorch's {@code alpha})
     * @param epsilon      added to √v
     */
    public PyTorchRmsProp(double learningRate, double alpha, double epsilon) {
        super(learningRate);
        this.alpha = alpha;
        this.epsilon = epsilon;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater<PyTorchRmsProp> instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        u.setStateViewArray(viewArray, new long[] {1, viewArray.length()}, 'c', initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater<PyTorchRmsProp> instantiate(Map<String, INDArray> state, boolean initialize) {
        Updater u = new Updater(this);
        u.setState(state, initialize);
        return u;
    }

    @Override
    public PyTorchRmsProp clone() {
        PyTorchRmsProp c = new PyTorchRmsProp(getLearningRate(), alpha, epsilon);
        c.setLearningRateSchedule(scheduleCopy());
        return c;
    }

    public double getAlpha() {
        return alpha;
    }

    public void setAlpha(double alpha) {
        this.alpha = alpha;
    }

    public double getEpsilon() {
        return epsilon;
    }

    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyTorchRmsProp r && sameRate(r) && r.alpha == alpha && r.epsilon == epsilon;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getLearningRate(), alpha, epsilon, getLearningRateSchedule());
    }

    @Override
    public String toString() {
        return "PyTorchRmsProp(lr=" + getLearningRate() + ", alpha=" + alpha + ", eps=" + epsilon + ")";
    }

    /** The state and the arithmetic of one updater block. */
    static final class Updater implements GradientUpdater<PyTorchRmsProp> {
        private final PyTorchRmsProp config;
        private INDArray squareAverage;

        Updater(PyTorchRmsProp config) {
            this.config = config;
        }

        @Override
        public PyTorchRmsProp getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            squareAverage = Objects.requireNonNull(state.get("G"), "RMSProp state G");
            if (initialize) {
                squareAverage.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of("G", squareAverage);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder,
                                      boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            squareAverage = viewArray.reshape(gradientOrder, gradientShape);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            if (squareAverage == null) {
                throw new IllegalStateException("the updater has no state array");
            }
            double lr = config.getLearningRate(iteration, epoch);
            if (FloatUpdaterKernels.applies(gradient, squareAverage)) {
                // Float: gan-core's kernel, faster than the op below (FloatUpdaterKernels says why).
                FloatUpdaterKernels.rmsProp(gradient, squareAverage, lr, config.alpha, config.epsilon);
                return;
            }
            Nd4j.exec(new RmsPropUpdater(gradient.reshape(squareAverage.shape()), squareAverage, lr, config.alpha, config.epsilon));
        }
    }
}
