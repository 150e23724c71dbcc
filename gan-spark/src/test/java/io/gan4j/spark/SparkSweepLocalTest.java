package io.gan4j.spark;

import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.experiments.compare.Compare;
import io.gan4j.experiments.compare.SweepEngine;
import io.gan4j.spark.cli.SparkSweeps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweeps through Spark's embedded engine ({@code local[2]}: two runs at a time in this JVM). */
class SparkSweepLocalTest {
    private static final VariantRegistry REGISTRY = VariantRegistry.discover();

    @TempDir
    Path tmp;

    /**
     * Four runs (two losses × two seeds) trained by Spark, two at a time in one JVM, give metrics identical to the same
     * sweep trained one run after another, and the same comparison rows.
     */
    @Test
    void aSweepThroughSparkTrainsWhatTheSequentialSweepTrains() throws Exception {
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        grid.put("model.loss", List.of("non-saturating", "least-squares"));
        grid.put("seed", List.of(1, 2));
        Path sequentialRuns = tmp.resolve("sequential");
        Path sparkRuns = tmp.resolve("spark");
        Path sequentialSweep = TinySweeps.write(tmp.resolve("a"), "four", sequentialRuns, 60, 30, grid);
        Path sparkSweep = TinySweeps.write(tmp.resolve("b"), "four", sparkRuns, 60, 30, grid);

        StringWriter sequentialLog = new StringWriter();
        Compare.Result sequential = new Compare(REGISTRY, 50, false, new PrintWriter(sequentialLog, true))
                .sweep(sequentialSweep, null, () -> ExperimentRunner.NO_HOOKS);
        StringWriter log = new StringWriter();
        Compare.Result spark = new Compare(REGISTRY, 50, false, new PrintWriter(log, true)).sweep(sparkSweep, null,
                new SparkSweeps(), new SweepEngine.Options("local[2]", 0));

        Map<String, Path> expected = TinySweeps.runs(sequentialRuns);
        Map<String, Path> actual = TinySweeps.runs(sparkRuns);
        assertEquals(4, expected.size(), expected.toString());
        assertEquals(expected.keySet(), actual.keySet());
        for (String run : expected.keySet()) {
            List<String> want = TinySweeps.metricsWithoutTiming(expected.get(run));
            assertEquals(7, want.size(), "a header and a row every 10 steps: " + want);
            assertEquals(want, TinySweeps.metricsWithoutTiming(actual.get(run)), run);
        }
        assertEquals(TinySweeps.resultsWithoutTimes(sequential.dir().resolve("results.csv")),
                TinySweeps.resultsWithoutTimes(spark.dir().resolve("results.csv")));
        assertTrue(Files.isRegularFile(spark.index()));
        assertTrue(log.toString().contains("spark: 4 done, 0 running, 0 failed"), log.toString());
        // The report's evaluations were made in the tasks (the results, seeded, equal the sequential sweep's, whose
        // driver evaluated each run): the Spark sweep's driver evaluated none.
        assertEquals(4, evaluatedByTheDriver(sequentialLog), sequentialLog.toString());
        assertEquals(0, evaluatedByTheDriver(log), log.toString());
        for (Path run : actual.values()) {
            assertTrue(Files.readString(run.resolve("eval.json")).contains("\"generatedCount\" : 50"), run.toString());
        }
    }

    private static long evaluatedByTheDriver(StringWriter log) {
        return log.toString().lines().filter(l -> l.startsWith("evaluating ")).count();
    }

    /** A run whose config fails in its task is listed as failed with the reason; the other run is compared. */
    @Test
    void aRunThatFailsDeterministicallyIsReportedAndTheSweepGoesOn() throws Exception {
        // ring8 has 50,000 examples: the config loads, and the task's data check refuses the batch size.
        Path runs = tmp.resolve("runs");
        Path sweep = TinySweeps.write(tmp, "bad", runs, 20, 20, Map.of("train.batchSize", List.of(64, 60000)));
        StringWriter log = new StringWriter();
        Compare.Result r = new Compare(REGISTRY, 50, false, new PrintWriter(log, true))
                .sweep(sweep, null, new SparkSweeps(), new SweepEngine.Options("local[2]", 1));

        String md = Files.readString(r.dir().resolve("results.md"));
        assertTrue(md.contains("## Failed runs"), md);
        assertTrue(md.contains("| bad_batchSize-60000 | ") && md.contains("$.train.batchSize must be at most the number"
                + " of training examples (50000 in ring8), found 60000"), md);
        assertTrue(md.contains("bad_batchSize-64/"), "the good run is compared: " + md);
        assertTrue(Files.readString(r.index()).contains("<h2>Failed runs</h2>"));
        assertEquals(List.of("bad_batchSize-64"), List.copyOf(TinySweeps.runs(runs).keySet()));
        assertTrue(log.toString().contains("spark: 1 done, 0 running, 1 failed"), log.toString());
        assertFalse(log.toString().contains("Spark gave up"), "failed in the task, not retried: " + log);
    }

    /**
     * With {@code --store URI} the runs are published to the store while they train and the report reads their copies
     * under the sweep's output folder (here a {@code file://} store; the store's own tests use HDFS).
     */
    @Test
    void aSweepWithAStoreKeepsItsRunsThereAndComparesCopies() throws Exception {
        Path runs = tmp.resolve("runs");
        Path store = tmp.resolve("store");
        Path sweep = TinySweeps.write(tmp, "kept", runs, 20, 10, Map.of("seed", List.of(1, 2)));
        StringWriter log = new StringWriter();
        Compare.Result r = new Compare(REGISTRY, 50, false, new PrintWriter(log, true))
                .sweep(sweep, null, new SparkSweeps(),
                        new SweepEngine.Options("local[2]", 0, store.toUri().toString()));

        assertEquals(0, evaluatedByTheDriver(log), "evaluated in the tasks, published with the runs: " + log);
        for (String run : List.of("kept_seed-1", "kept_seed-2")) {
            assertTrue(Files.isRegularFile(store.resolve(run).resolve("metrics.csv")), "published: " + run);
            assertTrue(Files.isRegularFile(store.resolve(run).resolve("eval.json")), "published: " + run);
            Path copy = runs.resolve(SparkSweeps.STORE_COPIES).resolve(run);
            assertEquals(List.of(10L, 20L), TinySweeps.metricSteps(copy), run);
            assertTrue(Files.readString(r.dir().resolve("results.md")).contains(run), run);
        }
        assertEquals(runs.resolve("kept/compare"), r.dir());
    }
}
