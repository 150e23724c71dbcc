package io.gan4j.spark.store;

import io.gan4j.core.checkpoint.CheckpointStore;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.run.RunDirectory;
import io.gan4j.core.run.RunManifest;
import io.gan4j.core.train.TrainingListener;
import io.gan4j.core.train.TrainingRun;
import io.gan4j.core.api.StepResult;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The publish/restore/download contract of {@link SharedRunStore}, run on each kind of store by a subclass (HDFS in
 * process, the local file system), with real tiny training runs.
 */
abstract class SharedRunStoreContract {

    /** A fresh, empty root URI on the store under test. */
    abstract URI freshRoot() throws IOException;

    abstract Configuration conf();

    SharedRunStore open(URI root, boolean atomicRename) throws IOException {
        Configuration conf = new Configuration(conf());
        conf.setBoolean(SharedRunStore.ATOMIC_RENAME, atomicRename);
        return SharedRunStore.open(root, conf);
    }

    SharedRunStore open(URI root) throws IOException {
        return SharedRunStore.open(root, conf());
    }

    /** Fails the run at {@code step}, after the publisher has seen the checkpoints before it: a lost executor. */
    private static ExperimentRunner.Hooks failingAt(long step) {
        return new ExperimentRunner.Hooks() {
            @Override
            public List<TrainingListener> listeners() {
                return List.of(new TrainingListener() {
                    @Override
                    public void onStep(TrainingRun run, long s, StepResult result) {
                        if (s == step) {
                            throw new IllegalStateException("injected: executor lost at step " + s);
                        }
                    }
                });
            }
        };
    }

    @Test
    void aRunKilledAfterItsSecondCheckpointIsRestoredAndResumedWithEveryStepOnce() throws Exception {
        URI root = freshRoot();
        String name = "sweep/ring8-a";
        ExperimentRunner runner = new ExperimentRunner(TinyRuns.REGISTRY);
        try (SharedRunStore store = open(root)) {
            try (StoreLock lock = store.lock(name, "attempt 0")) {
                RunPublisher publisher = new RunPublisher(store, name, lock, failingAt(100));
                assertThrows(IllegalStateException.class,
                        () -> runner.train(TinyRuns.config(TinyRuns.scratch("attempt0"), 2), publisher));
                // Killed: no finish(), the manifest on the store still says "running".
            }
            assertEquals(OptionalLong.of(80), store.newestPublishedStep(name));

            try (StoreLock lock = store.lock(name, "attempt 1")) {
                java.nio.file.Path restored = store.restore(name, TinyRuns.scratch("attempt1")).orElseThrow();
                assertEquals(80, CheckpointStore.read(restored.resolve("checkpoints/step-00000080")).info().step());
                // What was published reaches past the checkpoint; resume drops rows 90 and 100 before appending.
                assertEquals(List.of(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L),
                        TinyRuns.steps(restored.resolve("metrics.csv")));
                RunPublisher publisher = new RunPublisher(store, name, lock, ExperimentRunner.NO_HOOKS);
                ExperimentRunner.Result r = runner.resume(restored, List.of(), false, publisher);
                assertEquals(120, r.lastStep());
                publisher.finish();
            }
            assertEquals(OptionalLong.of(120), store.newestPublishedStep(name));

            java.nio.file.Path copy = store.download(store.runUri(name), TinyRuns.scratch("read-back"));
            List<Long> every10 = LongStream.rangeClosed(1, 12).map(i -> i * 10).boxed().toList();
            assertEquals(every10, TinyRuns.steps(copy.resolve("metrics.csv")));
            // The resumed run computed what the uninterrupted one did (CPU, one thread: deterministic).
            assertEquals(TinyRuns.rows(TinyRuns.fullRun().resolve("metrics.csv")).stream().map(TinyRuns::losses)
                    .toList(), TinyRuns.rows(copy.resolve("metrics.csv")).stream().map(TinyRuns::losses).toList());
            assertEquals(List.of(40L, 80L, 120L), TinyRuns.steps(copy.resolve("eval.csv")));
            RunManifest m = TinyRuns.manifest(copy);
            assertEquals(2, m.sessions().size());
            assertEquals(RunManifest.KILLED, m.sessions().get(0).status());
            assertEquals("resume", m.sessions().get(1).command());
            assertEquals(80, m.sessions().get(1).fromStep());
            assertEquals("completed", m.sessions().get(1).status());
            assertEquals("step-00000120", Files.readString(copy.resolve("checkpoints/latest")).trim());
            assertEquals(120, new ExperimentRunner(TinyRuns.REGISTRY).loadTrained(copy, false).checkpoint().info()
                    .step());
        }
    }

    @Test
    void aSecondPublishCopiesOnlyWhatChanged() throws Exception {
        java.nio.file.Path run = TinyRuns.scratch("incremental").resolve("run");
        TinyRuns.copyTree(TinyRuns.fullRun(), run);
        try (SharedRunStore store = open(freshRoot())) {
            long t0 = System.nanoTime();
            SharedRunStore.Published first = store.publish("r", run);
            long t1 = System.nanoTime();
            assertEquals(OptionalLong.of(120), first.newestStep());
            assertTrue(first.files() > 10, "first publish copies everything: " + first);
            assertEquals(0, store.publish("r", run).files());
            long t2 = System.nanoTime();
            store.restore("r", run.resolveSibling("restored")).orElseThrow();
            long t3 = System.nanoTime();
            System.out.printf("%s: publish of %d files (%d bytes) %.0f ms, publish of nothing new %.0f ms,"
                    + " restore %.0f ms%n", getClass().getSimpleName(), first.files(), first.bytes(), (t1 - t0) / 1e6,
                    (t2 - t1) / 1e6, (t3 - t2) / 1e6);
            Files.writeString(run.resolve("metrics.csv"), "130,1,1,1,1,1,1\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            SharedRunStore.Published third = store.publish("r", run);
            assertEquals(1, third.files());
            assertEquals(Files.size(run.resolve("metrics.csv")), third.bytes());
        }
    }

    @ParameterizedTest(name = "atomic rename {0}")
    @ValueSource(booleans = {true, false})
    void aCheckpointPublishInterruptedBeforeItsCommitLeavesThePreviousOneNewest(boolean atomicRename) throws Exception {
        java.nio.file.Path base = TinyRuns.scratch("interrupted");
        java.nio.file.Path run = base.resolve("run");
        TinyRuns.copyTree(TinyRuns.fullRun(), run);
        java.nio.file.Path later = base.resolve("step-00000120");
        Files.move(run.resolve("checkpoints/step-00000120"), later);
        Files.writeString(run.resolve("checkpoints/latest"), "step-00000080\n");
        URI root = freshRoot();
        try (SharedRunStore store = open(root, atomicRename)) {
            store.publish("r", run);
            assertEquals(OptionalLong.of(80), store.newestPublishedStep("r"));

            Files.move(later, run.resolve("checkpoints/step-00000120"));
            Files.writeString(run.resolve("checkpoints/latest"), "step-00000120\n");
            store.failBeforeCommit(step -> {
                throw new IOException("injected: executor lost while publishing " + step);
            });
            assertThrows(IOException.class, () -> store.publish("r", run));
            assertEquals(OptionalLong.of(80), store.newestPublishedStep("r"));
            FileSystem fs = FileSystem.get(root, conf());
            Path checkpoints = new Path(store.runUri("r").toString(), "checkpoints");
            // The step was copied in full and stopped before its commit: staged under a temporary name (atomic
            // rename), or in place without its marker (object stores).
            List<String> copied = names(fs, atomicRename ? checkpoints : new Path(checkpoints, "step-00000120"));
            assertTrue(atomicRename ? copied.stream().anyMatch(n -> n.startsWith(".step-00000120.publishing-"))
                    : copied.contains("generator.zip") && !copied.contains(SharedRunStore.MARKER), copied.toString());
            java.nio.file.Path restored = store.restore("r", base.resolve("restored")).orElseThrow();
            assertEquals("step-00000080", Files.readString(restored.resolve("checkpoints/latest")).trim());
            assertFalse(Files.exists(restored.resolve("checkpoints/step-00000120")));
            java.nio.file.Path downloaded = store.download(store.runUri("r"), base.resolve("downloaded"));
            assertEquals("step-00000080", Files.readString(downloaded.resolve("checkpoints/latest")).trim());
            assertFalse(Files.exists(downloaded.resolve("checkpoints/step-00000120")));

            store.failBeforeCommit(step -> {
            });
            store.publish("r", run);
            assertEquals(OptionalLong.of(120), store.newestPublishedStep("r"));
            assertEquals(List.of("best", "latest", "step-00000040", "step-00000080", "step-00000120"),
                    names(fs, checkpoints), "the interrupted publish's files are gone");
            assertTrue(names(fs, new Path(checkpoints, "step-00000120")).contains(SharedRunStore.MARKER));
        }
    }

    @Test
    void downloadOfASweepFolderBringsEachRunWithOnlyItsPublishedCheckpoints() throws Exception {
        java.nio.file.Path run = TinyRuns.scratch("download").resolve("run");
        TinyRuns.copyTree(TinyRuns.fullRun(), run);
        URI root = freshRoot();
        try (SharedRunStore store = open(root)) {
            store.publish("sweep/a", run);
            store.publish("sweep/b", run);
            // What a publish to an object store leaves when killed before the marker: a step without it.
            FileSystem fs = FileSystem.get(root, conf());
            Path partial = new Path(store.runUri("sweep/b").toString(), "checkpoints/step-00000160");
            fs.mkdirs(partial);
            fs.create(new Path(partial, "generator.zip")).close();
            java.nio.file.Path cache = TinyRuns.scratch("cache");
            java.nio.file.Path sweep = store.download(URI.create(root + "/sweep"), cache);
            for (String r : List.of("a", "b")) {
                java.nio.file.Path local = sweep.resolve(r);
                assertTrue(RunDirectory.isRunDirectory(local), local.toString());
                assertEquals("step-00000120", Files.readString(local.resolve("checkpoints/latest")).trim());
                assertEquals(TinyRuns.rows(run.resolve("metrics.csv")), TinyRuns.rows(local.resolve("metrics.csv")));
                assertFalse(Files.exists(local.resolve("checkpoints/step-00000120/" + SharedRunStore.MARKER)));
                CheckpointStore.read(local.resolve("checkpoints/step-00000120"));
            }
            assertFalse(Files.exists(sweep.resolve("b/checkpoints/step-00000160")));
            // A second download brings what changed on the store since.
            Files.writeString(run.resolve("metrics.csv"), "130,1,1,1,1,1,1\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            store.publish("sweep/a", run);
            store.download(URI.create(root + "/sweep"), cache);
            assertEquals(Files.readString(run.resolve("metrics.csv")), Files.readString(sweep.resolve("a/metrics.csv")));
        }
    }

    @Test
    void restoreOfARunWithNothingPublishedIsEmpty() throws Exception {
        try (SharedRunStore store = open(freshRoot())) {
            assertEquals(Optional.empty(), store.restore("never-ran", TinyRuns.scratch("empty")));
            assertEquals(OptionalLong.empty(), store.newestPublishedStep("never-ran"));
            assertThrows(IllegalArgumentException.class, () -> store.restore("../escape", TinyRuns.scratch("x")));
        }
    }

    /** A store whose run locks expire 1.5 s after their last heartbeat, renewed every 0.25 s. */
    SharedRunStore openWithShortLeases(URI root) throws IOException {
        Configuration conf = new Configuration(conf());
        conf.setLong(SharedRunStore.LEASE_TIMEOUT_MS, 1500);
        conf.setLong(SharedRunStore.LEASE_RENEW_MS, 250);
        return SharedRunStore.open(root, conf);
    }

    /** A heartbeat period over half the timeout could let a lease lapse between two beats: refused, naming both keys. */
    @Test
    void leaseSettingsThatCannotKeepALeaseAreRefused() {
        Configuration conf = new Configuration(conf());
        conf.setLong(SharedRunStore.LEASE_TIMEOUT_MS, 1000);
        conf.setLong(SharedRunStore.LEASE_RENEW_MS, 501);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SharedRunStore.open(freshRoot(), conf));
        assertEquals(SharedRunStore.LEASE_RENEW_MS + "=501 must be positive and at most half of "
                + SharedRunStore.LEASE_TIMEOUT_MS + "=1000", e.getMessage());
        conf.setLong(SharedRunStore.LEASE_RENEW_MS, 0);
        assertThrows(IllegalArgumentException.class, () -> SharedRunStore.open(freshRoot(), conf));
    }

    @Test
    void aSecondWriterIsRefusedNamingTheHolderWhileTheFirstLives() throws Exception {
        try (SharedRunStore store = openWithShortLeases(freshRoot())) {
            try (StoreLock first = store.lock("r", "task 3.0 on host-a")) {
                // Longer than the timeout: only the heartbeat keeps the lease.
                Thread.sleep(2500);
                StoreLock.StoreLockedException e = assertThrows(StoreLock.StoreLockedException.class,
                        () -> store.lock("r", "task 3.1 on host-b"));
                assertEquals("task 3.0 on host-a", e.holder());
                assertTrue(e.getMessage().contains("task 3.0 on host-a") && e.getMessage().contains("last heartbeat"),
                        e.getMessage());
                first.checkHeld();
            }
            // Released: the next writer need not wait.
            try (StoreLock second = store.lock("r", "task 3.1 on host-b")) {
                second.checkHeld();
            }
        }
    }

    @Test
    void aDeadHoldersLockIsTakenOverOnceItsLeaseExpires() throws Exception {
        try (SharedRunStore store = openWithShortLeases(freshRoot())) {
            StoreLock dead = store.lock("r", "killed executor");
            dead.abandon();
            assertThrows(StoreLock.StoreLockedException.class, () -> store.lock("r", "retry"));
            long start = System.nanoTime();
            try (StoreLock retry = store.lock("r", "retry", java.time.Duration.ofSeconds(10))) {
                double waited = (System.nanoTime() - start) / 1e9;
                assertTrue(waited > 1.0 && waited < 5, "waited " + waited + " s for a 1.5 s lease");
                retry.checkHeld();
                // The old holder, should it wake up, finds out before it publishes anything.
                assertThrows(StoreLock.LeaseLostException.class, dead::renewOnce);
                assertThrows(StoreLock.LeaseLostException.class, dead::checkHeld);
                java.nio.file.Path run = TinyRuns.fullRun();
                assertThrows(StoreLock.LeaseLostException.class, () -> store.publish("r", run, dead));
                assertEquals(OptionalLong.empty(), store.newestPublishedStep("r"));
            }
        }
    }

    @Test
    void aHolderWhoseLeaseIsTakenFromItStopsWritingAtItsNextHeartbeat() throws Exception {
        try (SharedRunStore store = openWithShortLeases(freshRoot())) {
            StoreLock first = store.lock("r", "first");
            // An operator (or a bug) removes the lease of a live holder; a second writer then finds the run free.
            FileSystem.get(store.root(), conf()).delete(new Path(first.leaseUri()), false);
            try (StoreLock second = store.lock("r", "second")) {
                Thread.sleep(600);
                StoreLock.LeaseLostException e = assertThrows(StoreLock.LeaseLostException.class, first::checkHeld);
                assertTrue(e.getMessage().contains("taken over by second"), e.getMessage());
                second.checkHeld();
                first.close();
                // The first holder's release leaves the second one's lease alone.
                second.checkHeld();
                assertThrows(StoreLock.StoreLockedException.class, () -> store.lock("r", "third"));
            }
        }
    }

    @Test
    void ofWritersRacingForAFreeRunExactlyOneGetsIt() throws Exception {
        try (SharedRunStore store = openWithShortLeases(freshRoot())) {
            int racers = 6;
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
            List<java.util.concurrent.Future<StoreLock>> tries = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String who = "racer " + i;
                tries.add(pool.submit(() -> {
                    go.await();
                    try {
                        return store.lock("r", who);
                    } catch (StoreLock.StoreLockedException e) {
                        return null;
                    }
                }));
            }
            go.countDown();
            List<StoreLock> won = new ArrayList<>();
            for (var t : tries) {
                StoreLock l = t.get();
                if (l != null) {
                    won.add(l);
                }
            }
            pool.shutdown();
            assertEquals(1, won.size(), "winners: " + won.stream().map(StoreLock::holder).toList());
            won.get(0).close();
        }
    }

    static List<String> names(FileSystem fs, Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (var st : fs.listStatus(dir)) {
            names.add(st.getPath().getName());
        }
        return names.stream().sorted().toList();
    }
}
