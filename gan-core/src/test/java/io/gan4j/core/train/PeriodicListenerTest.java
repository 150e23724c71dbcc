package io.gan4j.core.train;

import io.gan4j.core.train.TrainingListener.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which steps a {@link PeriodicListener} writes, worked out by hand from its rule for each way a run can end. */
class PeriodicListenerTest {

    /** Records the steps written; a resumed run counts its start step as written, a new run nothing. */
    private static final class Recorder extends PeriodicListener {
        final List<Long> written = new ArrayList<>();

        Recorder(int every) {
            super(every);
        }

        @Override
        protected void write(TrainingRun run, long step) {
            written.add(step);
        }

        @Override
        protected long writtenBefore(TrainingRun run) {
            return run.startStep() == 0 ? -1 : run.startStep();
        }
    }

    private static TrainingRun run(long startStep, long iterations) {
        return new TrainingRun("t", null, null, null, startStep, iterations, 0, null);
    }

    /** Runs steps {@code startStep + 1 .. lastStep} of a run of {@code iterations} and ends it with {@code outcome}. */
    private static List<Long> written(int every, long startStep, long lastStep, long iterations, Outcome outcome) {
        Recorder r = new Recorder(every);
        TrainingRun run = run(startStep, iterations);
        r.onStart(run);
        for (long step = startStep + 1; step <= lastStep; step++) {
            r.onStep(run, step, null);
        }
        r.onEnd(run, lastStep, outcome);
        return r.written;
    }

    @Test
    void completedRunWritesEveryMultipleAndTheLastStepOnce() {
        assertEquals(List.of(4L, 8L, 10L), written(4, 0, 10, 10, Outcome.COMPLETED));
        assertEquals(List.of(5L, 10L), written(5, 0, 10, 10, Outcome.COMPLETED));
        assertEquals(List.of(10L), written(0, 0, 10, 10, Outcome.COMPLETED), "every = 0: only at the end");
    }

    @Test
    void stoppedRunWritesWhereItStoppedUnlessThatStepIsWritten() {
        assertEquals(List.of(4L, 6L), written(4, 0, 6, 10, Outcome.STOPPED));
        assertEquals(List.of(4L), written(4, 0, 4, 10, Outcome.STOPPED), "step 4 was written periodically");
        assertEquals(List.of(0L), written(4, 0, 0, 10, Outcome.STOPPED), "a new run stopped before its first step");
        assertEquals(List.of(), written(4, 6, 6, 10, Outcome.STOPPED), "a resumed run stopped where it started");
        assertEquals(List.of(7L), written(4, 6, 7, 10, Outcome.STOPPED));
    }

    @Test
    void divergedOrFailedRunWritesNothingAtTheEnd() {
        assertEquals(List.of(4L), written(4, 0, 6, 10, Outcome.DIVERGED));
        assertEquals(List.of(4L), written(4, 0, 6, 10, Outcome.FAILED));
    }
}
