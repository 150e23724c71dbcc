package io.gan4j.spark.store;

import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.run.RunManifest;
import io.gan4j.core.io.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Tiny real runs for the store tests: the shipped ring-8 vanilla GAN, 120 steps of batches of 64 on one thread
 * (deterministic), checkpoints every 40 steps, metrics every 10, an evaluation every 40 (so eval.csv and a best
 * pointer exist). About two seconds each.
 */
final class TinyRuns {
    static final VariantRegistry REGISTRY = VariantRegistry.discover();
    static final int ITERATIONS = 120;
    static final int CHECKPOINT_EVERY = 40;
    static final int LOG_EVERY = 10;
    private static Path fullRun;

    private TinyRuns() {
    }

    /** A fresh folder under target/ for one test's files. */
    static Path scratch(String what) throws IOException {
        return Files.createDirectories(Path.of("target", "store-tests", what + "-" + UUID.randomUUID())
                .toAbsolutePath());
    }

    static LoadedConfig config(Path outputDir, int keepCheckpoints) {
        return new ConfigLoader(REGISTRY).load(Path.of("../experiments/configs/vanilla-ring8.json"), List.of(
                "train.iterations=" + ITERATIONS, "train.batchSize=64", "train.threads=1",
                "train.checkpointEvery=" + CHECKPOINT_EVERY, "train.logEvery=" + LOG_EVERY, "train.sampleEvery=40",
                "train.keepCheckpoints=" + keepCheckpoints, "eval.every=40", "eval.metric=modes", "data.size=2000",
                "train.outputDir=" + outputDir));
    }

    /** One uninterrupted run, trained once per test JVM, keeping all three checkpoints (40, 80, 120). */
    static synchronized Path fullRun() throws IOException {
        if (fullRun == null) {
            fullRun = new ExperimentRunner(REGISTRY).train(config(scratch("full"), 5), ExperimentRunner.NO_HOOKS)
                    .dir().root();
        }
        return fullRun;
    }

    /** The rows of a CSV file without its header. */
    static List<String> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        return new ArrayList<>(lines.subList(1, lines.size()));
    }

    /** The step column of a CSV file. */
    static List<Long> steps(Path csv) throws IOException {
        return rows(csv).stream().map(r -> Long.parseLong(r.substring(0, r.indexOf(',')))).toList();
    }

    /** A metrics row without its time columns (elapsed_s, ms_per_step): what a deterministic rerun repeats. */
    static String losses(String row) {
        String[] cells = row.split(",");
        List<String> kept = new ArrayList<>(List.of(cells[0]));
        kept.addAll(List.of(cells).subList(3, cells.length));
        return String.join(",", kept);
    }

    static RunManifest manifest(Path runDir) throws IOException {
        return Json.read(runDir.resolve("manifest.json"), RunManifest.class);
    }

    /** A copy of a local directory tree. */
    static void copyTree(Path from, Path to) throws IOException {
        org.apache.commons.io.FileUtils.copyDirectory(from.toFile(), to.toFile(), false);
    }
}
