package io.gan4j.spark.store;

import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.run.RunDirectory;
import io.gan4j.core.train.Trainer;
import io.gan4j.core.train.TrainingListener;
import io.gan4j.core.train.TrainingRun;
import io.gan4j.core.api.StepResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link ExperimentRunner.Hooks} that publish a run to a {@link SharedRunStore} as it trains: after every step at
 * which a new checkpoint appeared (the local {@code checkpoints/latest} pointer changed; periodic checkpoints and
 * those written by evaluations alike), and when training ends (with the metrics' last row). The manifest's final
 * session status is written by the runner after training returns, so the caller publishes once more with
 * {@link #finish()} when {@code train}/{@code resume} has returned or thrown:
 * <pre>
 * try (StoreLock lock = store.lock(name, "task 3.1");) {
 *     Optional&lt;Path&gt; restored = store.restore(name, scratch);
 *     RunPublisher publisher = new RunPublisher(store, name, lock, ExperimentRunner.NO_HOOKS);
 *     try {
 *         if (restored.isPresent()) runner.resume(restored.get(), List.of(), false, publisher);
 *         else runner.train(config, publisher);
 *     } finally {
 *         publisher.finish();
 *     }
 * }
 * </pre>
 * A publish that fails (store unreachable, lock lost) fails the training run: the task ends, and its retry resumes
 * from the newest checkpoint that was published.
 */
public final class RunPublisher implements ExperimentRunner.Hooks {
    private final SharedRunStore store;
    private final String runName;
    private final StoreLock lock;
    private final ExperimentRunner.Hooks delegate;
    private volatile RunDirectory dir;
    private String publishedLatest;
    private volatile SharedRunStore.Published last;

    /**
     * @param store    where the run goes
     * @param runName  its name on the store
     * @param lock     the run's lock on the store, checked before each publish (null: the caller guarantees a single
     *                 writer by other means)
     * @param delegate hooks called as well (e.g. the CLI's), or {@link ExperimentRunner#NO_HOOKS}
     */
    public RunPublisher(SharedRunStore store, String runName, StoreLock lock, ExperimentRunner.Hooks delegate) {
        this.store = Objects.requireNonNull(store);
        this.runName = Objects.requireNonNull(runName);
        this.lock = lock;
        this.delegate = Objects.requireNonNull(delegate);
    }

    @Override
    public void runDirectoryReady(RunDirectory runDir) {
        this.dir = runDir;
        delegate.runDirectoryReady(runDir);
    }

    @Override
    public void trainerReady(Trainer trainer) {
        delegate.trainerReady(trainer);
    }

    @Override
    public List<TrainingListener> listeners() {
        List<TrainingListener> all = new ArrayList<>(delegate.listeners());
        all.add(new TrainingListener() {
            @Override
            public void onStart(TrainingRun run) {
                // A resumed run's restored checkpoint is on the store already.
                publishedLatest = latestPointer();
            }

            @Override
            public void onStep(TrainingRun run, long step, StepResult result) {
                String latest = latestPointer();
                if (latest != null && !latest.equals(publishedLatest)) {
                    publishUnchecked();
                    publishedLatest = latest;
                }
            }

            @Override
            public void onEnd(TrainingRun run, long lastStep, Outcome outcome) {
                publishUnchecked();
                publishedLatest = latestPointer();
            }
        });
        return all;
    }

    /**
     * Publishes the run as it is now; call after the runner returned or threw, so that the manifest's record of how
     * the session ended reaches the store. Does nothing when no run directory was made (bad config).
     *
     * @return what was copied, or null when there was no run directory
     */
    public SharedRunStore.Published finish() throws IOException {
        return dir == null ? null : publish();
    }

    /** What the latest publish copied, or null before the first. */
    public SharedRunStore.Published lastPublished() {
        return last;
    }

    private SharedRunStore.Published publish() throws IOException {
        last = store.publish(runName, dir.root(), lock);
        return last;
    }

    private void publishUnchecked() {
        try {
            publish();
        } catch (IOException e) {
            throw new UncheckedIOException(dir.root() + ": cannot publish to " + store.runUri(runName) + ": "
                    + e.getMessage(), e);
        }
    }

    private String latestPointer() {
        try {
            return Files.readString(dir.checkpoints().resolve("latest"), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
