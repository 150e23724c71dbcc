package io.gan4j.spark;

import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.checkpoint.CheckpointStore;
import io.gan4j.core.io.Json;
import io.gan4j.core.run.RunManifest;
import io.gan4j.experiments.compare.Compare;
import io.gan4j.experiments.compare.SweepEngine;
import io.gan4j.spark.cli.SparkSweeps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep on a real Spark standalone cluster (a Master and two one-core Workers as child JVMs) loses a Worker, killed
 * with SIGKILL together with its executor while that executor trains a run past its first checkpoint; every run still
 * finishes, the killed run continues from its checkpoint in a second session on the other worker, and its metrics have
 * every step once.
 */
class StandaloneClusterSweepTest {
    private static final int ITERATIONS = 600;
    private static final int CHECKPOINT_EVERY = 50;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aRunOnALostWorkerResumesFromItsCheckpointOnTheOther() throws Exception {
        Path runs = tmp.resolve("runs");
        Path sweep = TinySweeps.write(tmp, "lost", runs, ITERATIONS, CHECKPOINT_EVERY, Map.of("seed", List.of(1, 2, 3)));
        try (StandaloneCluster cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2)) {
            StringWriter log = new StringWriter();
            Compare compare = new Compare(VariantRegistry.discover(), 50, false, new PrintWriter(log, true));
            SweepEngine engine = new SparkSweeps(cluster.driverSettings());
            CompletableFuture<Compare.Result> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return compare.sweep(sweep, null, engine, new SweepEngine.Options(cluster.masterUrl(), 0));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            Path killed = killAWorkerPastACheckpoint(cluster, runs, result);
            Compare.Result r = result.get(5, TimeUnit.MINUTES);

            Map<String, Path> done = TinySweeps.runs(runs);
            assertEquals(List.of("lost_seed-1", "lost_seed-2", "lost_seed-3"), List.copyOf(done.keySet()));
            List<Long> everyStepOnce = LongStream.rangeClosed(1, ITERATIONS / 10).map(i -> i * 10).boxed().toList();
            for (Path run : done.values()) {
                assertEquals(everyStepOnce, TinySweeps.metricSteps(run), run.toString());
                assertEquals("completed", Json.read(run.resolve("manifest.json"), RunManifest.class).status());
            }
            List<RunManifest.Session> sessions = Json.read(killed.resolve("manifest.json"), RunManifest.class)
                    .sessions();
            assertEquals(2, sessions.size(), "the killed run was resumed once: " + sessions);
            assertEquals("resume", sessions.get(1).command());
            assertTrue(sessions.get(1).fromStep() > 0 && sessions.get(1).fromStep() % CHECKPOINT_EVERY == 0,
                    "resumed from a checkpoint: " + sessions.get(1));
            assertTrue(sessions.get(1).pid() != (long) sessions.get(0).pid(), "in another executor: " + sessions);
            assertTrue(Files.readString(r.dir().resolve("results.md")).contains("lost_seed-3"));
            assertTrue(log.toString().contains("spark: 3 done, 0 running, 0 failed"), log.toString());
        }
    }

    /**
     * Waits until some run has a checkpoint and is still training, then kills the worker whose executor trains it.
     *
     * @return that run's directory
     */
    private static Path killAWorkerPastACheckpoint(StandaloneCluster cluster, Path runs,
                                                   CompletableFuture<Compare.Result> sweep) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && !sweep.isDone()) {
            for (Path run : Files.isDirectory(runs) ? TinySweeps.runs(runs).values() : List.<Path>of()) {
                Optional<CheckpointStore.Checkpoint> latest = latest(run);
                if (latest.isEmpty() || latest.get().info().step() >= ITERATIONS - 2 * CHECKPOINT_EVERY) {
                    continue;
                }
                RunManifest m = Json.read(run.resolve("manifest.json"), RunManifest.class);
                if (m.sessions().size() == 1 && RunManifest.RUNNING.equals(m.status())) {
                    StandaloneCluster.kill(cluster.workerOf(m.sessions().get(0).pid()));
                    return run;
                }
            }
            Thread.sleep(20); // on an idle machine a run trains the 500 steps of the window in about 1.5 s
        }
        throw new AssertionError("no run reached a checkpoint while still training; sweep done: " + sweep.isDone());
    }

    private static Optional<CheckpointStore.Checkpoint> latest(Path run) {
        try {
            return new CheckpointStore(run.resolve("checkpoints")).latest();
        } catch (RuntimeException e) {
            return Optional.empty(); // being written
        }
    }
}
