package io.gan4j.core.nn;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Objects;

/**
 * The learning rate and its optional schedule, which gan4j's PyTorch-exact updaters ({@link PyTorchAdam},
 * {@link PyTorchRmsProp}) share: DL4J sets it through {@link #setLrAndSchedule} when a network's learning rate changes
 * (CycleGAN's decay) and reads it per update. Getters and setters are what DL4J's JSON serialisation of a saved network
 * writes and reads.
 */
public abstract class ScheduledUpdater implements IUpdater {
    private double learningRate;
    private ISchedule learningRateSchedule;

    protected ScheduledUpdater(double learningRate) {
        this.learningRate = learningRate;
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

    /** A copy of the schedule for a clone, or null. */
    protected ISchedule scheduleCopy() {
        return learningRateSchedule == null ? null : learningRateSchedule.clone();
    }

    /** Whether {@code other} has the same learning rate and schedule (for the subclasses' equals). */
    protected boolean sameRate(ScheduledUpdater other) {
        return other.learningRate == learningRate && Objects.equals(other.learningRateSchedule, learningRateSchedule);
    }

    @Override
    public abstract ScheduledUpdater clone();
}
