package io.gan4j.spark;

import io.gan4j.experiments.compare.SweepEngine.RunSpec;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Where a sweep task trains its run and where the driver finds it: the one place a shared store plugs in. A task
 * {@linkplain #open opens} its run (taking the run's lock, restoring what an earlier attempt published), trains into
 * the session's {@linkplain Session#localSpec() local spec}, {@linkplain Session#publish publishes} after every
 * checkpoint and at the end, and returns the {@linkplain Session#location published location}. Shipped to the
 * executors with each task, so implementations are serializable and hold no open resources.
 */
public interface RunStorage extends Serializable {
    /** On an executor: opens {@code spec}'s run for one training attempt. */
    Session open(RunSpec spec) throws IOException;

    /** On the driver: the last step {@code spec}'s run has recorded (for the progress line), if it has begun. */
    OptionalLong latestStep(RunSpec spec);

    /** One attempt at training a run; closing it releases what {@link #open} took. */
    interface Session extends AutoCloseable {
        /** The run as the task trains it: its {@code train.outputDir} is where the run directory is written. */
        RunSpec localSpec();

        /** Makes the run directory's current state visible to others (the driver, a later attempt). */
        void publish(Path runDir) throws IOException;

        /** Where the driver reads the published run directory. */
        String location(Path runDir);

        @Override
        void close() throws IOException;
    }
}
