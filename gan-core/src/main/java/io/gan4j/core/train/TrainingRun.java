package io.gan4j.core.train;

import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.PhaseTimer;
import io.gan4j.core.data.ArrayDataset;

/**
 * What listeners can see of the run in progress.
 *
 * @param name        the experiment's name
 * @param model       the model being trained
 * @param data        the training examples
 * @param spec        shape and kind of the examples
 * @param startStep   0 for a new run, the resumed checkpoint's step otherwise
 * @param iterations  the last step the run will reach
 * @param previewSeed seed of the fixed latent codes shown in sample grids
 * @param timer       per-phase time of the steps so far
 */
public record TrainingRun(String name, GanModel model, ArrayDataset data, DataSpec spec, long startStep,
                          long iterations, long previewSeed, PhaseTimer timer) {

    /**
     * Whether something done every {@code every} steps is due after {@code step}: at each multiple of
     * {@code every} and always at the last step; {@code every = 0} means only at the last step.
     */
    public boolean isDue(long every, long step) {
        return (every > 0 && step % every == 0) || step == iterations;
    }
}
