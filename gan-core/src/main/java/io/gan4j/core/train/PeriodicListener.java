package io.gan4j.core.train;

import io.gan4j.core.api.StepResult;

/**
 * A listener that writes something of the run every {@code every} steps (when {@link TrainingRun#isDue} says so,
 * which includes the last step) and once more when the run is stopped early at a step it has not written yet, so
 * that the newest output matches where the run stopped. Nothing is written after a divergence (the newest output
 * stays the last good state) or at a step whose output already exists.
 */
public abstract class PeriodicListener implements TrainingListener {
    private final int every;
    private long lastWritten = -1;

    /** @param every period in steps; 0 = only at the end */
    protected PeriodicListener(int every) {
        this.every = every;
    }

    /** Writes this listener's output of {@code step}; the model is in its state after that step. */
    protected abstract void write(TrainingRun run, long step);

    /**
     * The step whose output the run already has when it starts, or -1 for none: a step a stopped run ends at is
     * written only when it is later than this.
     */
    protected abstract long writtenBefore(TrainingRun run);

    @Override
    public final void onStart(TrainingRun run) {
        lastWritten = writtenBefore(run);
    }

    @Override
    public final void onStep(TrainingRun run, long step, StepResult result) {
        if (run.isDue(every, step)) {
            writeAndRemember(run, step);
        }
    }

    @Override
    public final void onEnd(TrainingRun run, long lastStep, Outcome outcome) {
        if (outcome == Outcome.STOPPED && lastStep > lastWritten) {
            writeAndRemember(run, lastStep);
        }
    }

    private void writeAndRemember(TrainingRun run, long step) {
        write(run, step);
        lastWritten = step;
    }
}
