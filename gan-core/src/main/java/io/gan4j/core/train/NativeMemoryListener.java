package io.gan4j.core.train;

import io.gan4j.core.api.StepResult;

/**
 * Keeps a long run's native memory flat by requesting a full garbage collection every {@code every} steps.
 *
 * <p>Why: ND4J allocates tensors outside the Java heap and frees them only when their small Java wrappers are
 * collected. The heap barely fills, so the collector rarely reaches those wrappers. Measured on vanilla-mnist
 * without this, resident memory grew by about 1.2 GB per 1,000 steps (5 GB at step 3,000); with a collection every
 * 50 steps it stayed at about 0.55 GB and steps were no slower. The lasting fix is to release arrays explicitly.
 */
public final class NativeMemoryListener implements TrainingListener {
    private final int every;

    /** @param every steps between collections; 0 disables */
    public NativeMemoryListener(int every) {
        this.every = every;
    }

    @Override
    public void onStep(TrainingRun run, long step, StepResult result) {
        afterStep(step);
    }

    /** Collects when {@code step} is a multiple of the period (also used by the benchmark loop). */
    public void afterStep(long step) {
        if (every > 0 && step % every == 0) {
            System.gc();
        }
    }
}
