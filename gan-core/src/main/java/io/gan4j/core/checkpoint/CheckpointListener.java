package io.gan4j.core.checkpoint;

import io.gan4j.core.train.PeriodicListener;
import io.gan4j.core.train.TrainingRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.LongFunction;

/**
 * Checkpoints every {@code every} steps, at the last step, and when a run is stopped early. Nothing is written
 * after a divergence, so the newest checkpoint stays the last good state.
 */
public final class CheckpointListener extends PeriodicListener {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointListener.class);

    private final CheckpointStore store;
    private final int keep;
    private final LongFunction<CheckpointInfo> infoAt;
    private final String resolvedConfigJson;

    /**
     * @param store              where checkpoints go
     * @param every              checkpoint period in steps; 0 = only at the end
     * @param keep               periodic checkpoints to keep
     * @param infoAt             metadata for a checkpoint at a given step (files are filled in by the store)
     * @param resolvedConfigJson the resolved config, stored in every checkpoint
     */
    public CheckpointListener(CheckpointStore store, int every, int keep, LongFunction<CheckpointInfo> infoAt,
                              String resolvedConfigJson) {
        super(every);
        this.store = store;
        this.keep = keep;
        this.infoAt = infoAt;
        this.resolvedConfigJson = resolvedConfigJson;
    }

    @Override
    public boolean savesState() {
        return true;
    }

    @Override
    protected long writtenBefore(TrainingRun run) {
        // A new run has nothing saved yet, not even step 0: a run stopped before its first step still gets a
        // checkpoint (of the initial networks), so that `resume` continues it rather than finding nothing.
        return run.startStep() == 0 ? -1 : run.startStep();
    }

    @Override
    protected void write(TrainingRun run, long step) {
        try {
            Path dir = store.save(run.model(), infoAt.apply(step), resolvedConfigJson, keep);
            LOG.info("checkpoint {}", dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint of step " + step + " in " + store.dir() + ": "
                    + e.getMessage() + " (the previous checkpoint is intact)", e);
        }
    }
}
