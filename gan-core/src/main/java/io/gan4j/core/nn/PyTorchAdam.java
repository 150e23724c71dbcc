package io.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Objects;

/**
 * Adam (Kingma &amp; Ba 2015) computed as {@code torch.optim.Adam} computes it, as a DL4J updater. At update t (1-based),
 * for a gradient g:
 * <pre>
 *   m ← β₁m + (1 − β₁)g        v ← β₂v + (1 − β₂)g²
 *   Δθ = −lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 * </pre>
 * DL4J's own Adam (like TensorFlow's) adds ε to √v before the bias correction of v, i.e. uses ε·√(1 − β₂ᵗ) in
 * PyTorch's terms: at t = 1 with β₂ = 0.999 that is ε/32, which changes the update of every parameter whose gradient
 * is within a few orders of magnitude of ε and made one-step parity with PyTorch impossible below ~1e-5. Here the
 * same fused native op runs with ε·√(1 − β₂ᵗ) in DL4J's place, which is PyTorch's formula exactly.
 *
 * <p>State per parameter: m then v, each laid out like the gradient (DL4J's convention for its own Adam, so
 * {@link Net#optimizerState()} reads both alike). Serialised with the network (the class name is in the saved
 * configuration), so a checkpoint resumes with the same arithmetic.
 */
public final class PyTorchAdam extends ScheduledUpdater {
    private static final List<String> STATE = List.of("M", "V");
    private double beta1 = 0.9;
    private double beta2 = 0.999;

    /** For DL4J's JSON deserialisation of saved networks. */
    public PyTorchAdam() {
        super(1e-3, 1e-8);
    }

    public PyTorchAdam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
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
    public PyTorchAdam clone() {
        PyTorchAdam c = new PyTorchAdam(getLearningRate(), beta1, beta2, getEpsilon());
        c.setLearningRateSchedule(scheduleCopy());
        return c;
    }

    public double getBeta1() {
        return beta1;
    }

    public void setBeta1(double beta1) {
        this.beta1 = beta1;
    }

    public double getBeta2() {
        return beta2;
    }

    public void setBeta2(double beta2) {
        this.beta2 = beta2;
    }

    // DL4J groups consecutive layers whose updater configs are equal into one block with one state array.
    @Override
    public boolean equals(Object o) {
        return o instanceof PyTorchAdam a && sameRateAndEpsilon(a) && a.beta1 == beta1 && a.beta2 == beta2;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getLearningRate(), beta1, beta2, getEpsilon(), getLearningRateSchedule());
    }

    @Override
    public String toString() {
        return "PyTorchAdam(lr=" + getLearningRate() + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + getEpsilon() + ")";
    }

    /** The arithmetic of one updater block; m and v are its state arrays. */
    static final class Updater extends StateArrays<PyTorchAdam> {
        Updater(PyTorchAdam config) {
            super(config);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            INDArray m = state(0);
            INDArray v = state(1);
            PyTorchAdam config = getConfig();
            int t = iteration + 1;
            double lr = config.getLearningRate(iteration, epoch);
            if (FloatUpdaterKernels.applies(gradient, m, v)) {
                // Float: gan-core's kernel, twice as fast as the op below and in PyTorch's order of arithmetic.
                FloatUpdaterKernels.adam(gradient, m, v, lr, config.beta1, config.beta2, config.getEpsilon(), t);
                return;
            }
            // The op computes lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε̂); ε̂ = ε·√(1−β₂ᵗ) makes that PyTorch's update.
            double epsilonHat = config.getEpsilon() * Math.sqrt(1 - Math.pow(config.beta2, t));
            // The op falls back to another step size when lr is 0 (then the update must be 0, the moments still move).
            double opLr = lr == 0 ? 1 : lr;
            Nd4j.exec(new AdamUpdater(gradient.reshape(v.shape()), v, m, opLr, config.beta1, config.beta2, epsilonHat,
                    iteration));
            if (lr == 0) {
                gradient.assign(0);
            }
        }
    }
}
