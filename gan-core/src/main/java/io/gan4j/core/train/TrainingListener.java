package io.gan4j.core.train;

import io.gan4j.core.api.StepResult;

/**
 * Observes a training run: progress output, metrics files, sample grids, checkpoints. Listeners receive only
 * scalars ({@link StepResult}); anything they need from the model (samples, parameters) they ask the
 * {@link TrainingRun} for, so no listener keeps ND4J arrays alive between steps.
 *
 * <p>Listeners are called in registration order after each successful step. An exception from a listener ends
 * the run with {@link Outcome#FAILED}. At the end, listeners that {@link #savesState() save state} are told first.
 */
public interface TrainingListener {

    /** Before the first step; {@code run.startStep()} is 0 for a new run, the checkpoint's step on resume. */
    default void onStart(TrainingRun run) {
    }

    /** After step {@code step} (1-based) finished with finite losses. */
    default void onStep(TrainingRun run, long step, StepResult result) {
    }

    /**
     * Once at the end, whatever the outcome.
     *
     * @param lastStep the last step whose update was applied and accepted (a diverged step is not counted)
     */
    default void onEnd(TrainingRun run, long lastStep, Outcome outcome) {
    }

    /**
     * Whether this listener saves what a resume needs (the checkpoint). Such listeners hear {@link #onEnd} before
     * the others, and their failure fails the run even when it was stopped; the others' failures while stopping are
     * only logged.
     */
    default boolean savesState() {
        return false;
    }

    /** How a run ended. */
    enum Outcome {
        /** All iterations done. */
        COMPLETED,
        /** Stopped early on request (Ctrl-C); resumable from the checkpoint written at the stop. */
        STOPPED,
        /** A loss became NaN or infinite; the last good checkpoint is kept. */
        DIVERGED,
        /** An exception ended the run. */
        FAILED
    }
}
