package io.gan4j.spark.store;

import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.run.RunManifest;
import io.gan4j.experiments.compare.Compare;
import io.gan4j.experiments.compare.SweepEngine;
import io.gan4j.spark.RunStorage;
import io.gan4j.spark.SparkSweepEngine;
import io.gan4j.spark.TinySweeps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep through Spark's embedded engine with its runs on HDFS (in process): four runs, one of whose tasks is killed
 * right after publishing its first checkpoint, leaving its lease behind as a lost executor does; Spark runs the task
 * again ({@code local[2,2]}: two slots, two attempts per task), the retry waits out the lease, restores the run from
 * HDFS and resumes it. Every run's metrics equal those of the same sweep run sequentially on the local disk; the
 * runs are then read back from HDFS by {@code compare} and {@code resume}.
 */
class HdfsSparkSweepTest {
    private static final String VICTIM = "four_loss-least-squares_seed-2";
    private static final AtomicBoolean KILLED = new AtomicBoolean();
    private static MiniHdfs hdfs;

    @BeforeAll
    static void startHdfs() throws IOException {
        hdfs = MiniHdfs.start();
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    /** Kills {@link #VICTIM}'s first attempt after its first checkpoint is published, without releasing its lock. */
    static final class KillingStorage extends HadoopRunStorage {
        private static final long serialVersionUID = 1L;

        KillingStorage(URI root, Map<String, String> settings, Path localDir) {
            super(root, settings, localDir);
        }

        @Override
        public Session open(SweepEngine.RunSpec spec) throws IOException {
            StoreSession session = (StoreSession) super.open(spec);
            return new Session() {
                @Override
                public SweepEngine.RunSpec localSpec() {
                    return session.localSpec();
                }

                @Override
                public void publish(Path runDir) throws IOException {
                    session.publish(runDir);
                    if (spec.runName().equals(VICTIM) && KILLED.compareAndSet(false, true)) {
                        session.lock().abandon();
                        throw new IllegalStateException("injected: executor lost after the first checkpoint");
                    }
                }

                @Override
                public String location(Path runDir) {
                    return session.location(runDir);
                }

                @Override
                public void close() throws IOException {
                    session.close();
                }
            };
        }
    }

    @Test
    void aSweepOnHdfsWithAKilledTaskTrainsWhatTheSequentialSweepTrainsAndReadsBack() throws Exception {
        Path tmp = TinyRuns.scratch("hdfs-sweep");
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        grid.put("model.loss", List.of("non-saturating", "least-squares"));
        grid.put("seed", List.of(1, 2));
        Path sequentialRuns = tmp.resolve("sequential");
        Compare.Result sequential = compare(tmp).sweep(sweep(tmp.resolve("a"), sequentialRuns, grid), null,
                () -> ExperimentRunner.NO_HOOKS);

        URI root = hdfs.freshRoot();
        Map<String, String> settings = new TreeMap<>();
        settings.put(MiniHdfs.COMPLETE_FILE_DELAY, "10");
        settings.put(SharedRunStore.LEASE_TIMEOUT_MS, "3000");
        settings.put(SharedRunStore.LEASE_RENEW_MS, "500");
        RunStorage storage = new KillingStorage(root, settings, tmp.resolve("executor-disk"));
        Path cache = tmp.resolve("driver-cache");
        StringWriter log = new StringWriter();
        long start = System.nanoTime();
        Compare.Result spark = compare(log).sweep(sweep(tmp.resolve("b"), tmp.resolve("driver-out"), grid), null,
                ((HadoopRunStorage) storage).driverEngine(new SparkSweepEngine(storage, Map.of()), cache),
                new SweepEngine.Options("local[2,2]", 0));
        System.out.printf("HDFS sweep of 4 runs with one killed task: %.1f s%n", (System.nanoTime() - start) / 1e9);

        assertTrue(KILLED.get(), "the victim's first attempt was killed");
        Map<String, Path> expected = TinySweeps.runs(sequentialRuns);
        assertEquals(4, expected.size());
        try (SharedRunStore store = SharedRunStore.open(root, hdfs.conf())) {
            Path fromHdfs = store.download(root, tmp.resolve("read-back"));
            for (String run : expected.keySet()) {
                Path copy = fromHdfs.resolve(run);
                assertEquals(TinySweeps.metricsWithoutTiming(expected.get(run)), TinySweeps.metricsWithoutTiming(copy),
                        run);
                assertEquals(OptionalLong.of(60), store.newestPublishedStep(run));
                RunManifest m = TinyRuns.manifest(copy);
                if (run.equals(VICTIM)) {
                    assertEquals(List.of(RunManifest.KILLED, "completed"),
                            m.sessions().stream().map(RunManifest.Session::status).toList());
                    assertEquals(20, m.sessions().get(1).fromStep(), "resumed from the published checkpoint");
                } else {
                    assertEquals(1, m.sessions().size(), run);
                }
            }
            assertEquals(TinySweeps.resultsWithoutTimes(sequential.dir().resolve("results.csv")),
                    TinySweeps.resultsWithoutTimes(spark.dir().resolve("results.csv")));
            assertTrue(log.toString().contains("spark: 4 done, 0 running, 0 failed"), log.toString());

            // compare of the run directories read back from HDFS.
            List<Path> runs = new ArrayList<>();
            expected.keySet().forEach(r -> runs.add(fromHdfs.resolve(r)));
            Compare.Result again = compare(new StringWriter()).runs(runs, tmp.resolve("compare-from-hdfs"));
            // The same rows; in the order the runs were given.
            assertEquals(TinySweeps.resultsWithoutTimes(spark.dir().resolve("results.csv")).stream().sorted().toList(),
                    TinySweeps.resultsWithoutTimes(again.dir().resolve("results.csv")).stream().sorted().toList());

            // resume from HDFS: the victim trained on to step 80, published back.
            try (StoreLock lock = store.lock(VICTIM, "test resume")) {
                Path restored = store.restore(VICTIM, tmp.resolve("resume")).orElseThrow();
                RunPublisher publisher = new RunPublisher(store, VICTIM, lock, ExperimentRunner.NO_HOOKS);
                new ExperimentRunner(TinyRuns.REGISTRY).resume(restored, List.of("train.iterations=80"), false,
                        publisher);
                publisher.finish();
            }
            assertEquals(OptionalLong.of(80), store.newestPublishedStep(VICTIM));
            Path resumed = store.download(store.runUri(VICTIM), tmp.resolve("after-resume"));
            assertEquals(List.of(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L), TinyRuns.steps(resumed.resolve("metrics.csv")));
            assertEquals(3, TinyRuns.manifest(resumed).sessions().size());
        }
    }

    private static Compare compare(Object log) {
        PrintWriter out = log instanceof StringWriter w ? new PrintWriter(w, true)
                : new PrintWriter(new StringWriter(), true);
        return new Compare(TinyRuns.REGISTRY, 50, false, out);
    }

    /** A sweep named four over the shipped ring-8 config: 60 steps, checkpoints every 20, 2000 examples. */
    private static Path sweep(Path dir, Path outputDir, Map<String, List<Object>> grid) throws IOException {
        return TinySweeps.write(dir, "four", outputDir, 60, 20, Map.of("data.size", 2000), grid);
    }
}
