package io.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The learning rate and its optional schedule, and the ε both add to their denominator, which gan4j's PyTorch-exact
 * updaters ({@link PyTorchAdam}, {@link PyTorchRmsProp}) share: DL4J sets it through {@link #setLrAndSchedule} when a network's learning rate changes
 * (CycleGAN's decay) and reads it per update. Getters and setters are what DL4J's JSON serialisation of a saved network
 * writes and reads. They also share the layout of their state: {@link #stateNames() k} arrays per parameter block,
 * each laid out like the gradient, one after another in the block's state view ({@link StateArrays}).
 */
public abstract class ScheduledUpdater implements IUpdater {
    private double learningRate;
    private ISchedule learningRateSchedule;
    private double epsilon;

    /** @param epsilon ε, added to the square root of the second-moment estimate (PyTorch's {@code eps}) */
    protected ScheduledUpdater(double learningRate, double epsilon) {
        this.learningRate = learningRate;
        this.epsilon = epsilon;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    public void setLearningRateSchedule(ISchedule learningRateSchedule) {
        this.learningRateSchedule = learningRateSchedule;
    }

    public double getEpsilon() {
        return epsilon;
    }

    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }

    /** A copy of the schedule for a clone, or null. */
    protected ISchedule scheduleCopy() {
        return learningRateSchedule == null ? null : learningRateSchedule.clone();
    }

    /** Whether {@code other} has the same learning rate, schedule and ε (for the subclasses' equals). */
    protected boolean sameRateAndEpsilon(ScheduledUpdater other) {
        return other.learningRate == learningRate && Objects.equals(other.learningRateSchedule, learningRateSchedule)
                && other.epsilon == epsilon;
    }

    @Override
    public abstract ScheduledUpdater clone();

    /** Names of the state arrays, in their order in the state view (Adam: M then V, DL4J's names for its own Adam). */
    protected abstract List<String> stateNames();

    /** A new updater of this configuration, its state not yet set. */
    protected abstract StateArrays<?> newUpdater();

    @Override
    public final long stateSize(long numParams) {
        return stateNames().size() * numParams;
    }

    @Override
    public final GradientUpdater<?> instantiate(INDArray viewArray, boolean initializeViewArray) {
        StateArrays<?> u = newUpdater();
        u.setStateViewArray(viewArray, new long[] {1, viewArray.length() / stateNames().size()}, 'c',
                initializeViewArray);
        return u;
    }

    @Override
    public final GradientUpdater<?> instantiate(Map<String, INDArray> state, boolean initialize) {
        StateArrays<?> u = newUpdater();
        u.setState(state, initialize);
        return u;
    }

    /**
     * The state of one updater block: {@link #stateNames()} arrays shaped like the block's gradient, views of the
     * block's part of the network's updater state (so DL4J saves and restores them with the network).
     */
    protected abstract static class StateArrays<C extends ScheduledUpdater> implements GradientUpdater<C> {
        private final C config;
        private final List<String> names;
        private final INDArray[] arrays;

        protected StateArrays(C config) {
            this.config = config;
            this.names = config.stateNames();
            this.arrays = new INDArray[names.size()];
        }

        @Override
        public final C getConfig() {
            return config;
        }

        /** State array {@code i} (in {@link #stateNames()} order). */
        protected final INDArray state(int i) {
            if (arrays[i] == null) {
                throw new IllegalStateException("the updater has no state array");
            }
            return arrays[i];
        }

        @Override
        public final void setState(Map<String, INDArray> state, boolean initialize) {
            for (int i = 0; i < arrays.length; i++) {
                arrays[i] = Objects.requireNonNull(state.get(names.get(i)),
                        config.getClass().getSimpleName() + " state " + names.get(i));
                if (initialize) {
                    arrays[i].assign(0);
                }
            }
        }

        @Override
        public final Map<String, INDArray> getState() {
            Map<String, INDArray> state = new LinkedHashMap<>();
            for (int i = 0; i < arrays.length; i++) {
                state.put(names.get(i), arrays[i]);
            }
            return state;
        }

        @Override
        public final void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder,
                                            boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            INDArray flat = viewArray.reshape(viewArray.length());
            long part = flat.length() / arrays.length;
            for (int i = 0; i < arrays.length; i++) {
                arrays[i] = flat.get(NDArrayIndex.interval(i * part, (i + 1) * part))
                        .reshape(gradientOrder, gradientShape);
            }
        }
    }
}
