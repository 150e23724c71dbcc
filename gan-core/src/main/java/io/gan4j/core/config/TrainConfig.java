package io.gan4j.core.config;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Validatable;
import java.util.List;

/**
 * The {@code train} section: how long to train and what to write along the way. Shared by every variant.
 */
@RemovedKey(name = "gcEvery", reason = "native memory is now released every step, so no periodic garbage collection"
        + " is needed; delete the key")
public record TrainConfig(
        @Doc("Training iterations (each ends with one generator update)") @Range(min = 1) int iterations,
        @Doc("Examples per batch") @Range(min = 1) int batchSize,
        @Doc("Write losses to metrics.csv and the console every N iterations") @Range(min = 1) int logEvery,
        @Doc("Write a sample grid every N iterations (and at the end); 0 = only at the end") @Range(min = 0) int sampleEvery,
        @Doc("Rows and columns of the sample grid") @Range(min = 1, max = 32) int sampleGrid,
        @Doc("Checkpoint every N iterations (and always at the end); 0 = only at the end") @Range(min = 0) int checkpointEvery,
        @Doc("Periodic checkpoints kept (the newest ones)") @Range(min = 1) int keepCheckpoints,
        @Doc("Directory under which runs are created as <outputDir>/<name>/<timestamp>/") String outputDir,
        @Doc("Floating-point precision of the networks: float or double") Precision precision,
        @Doc("CPU threads of ND4J's operations (its own loops, oneDNN and OpenBLAS); 0 = ND4J's default, all cores. Small"
                + " networks such as the MLP GANs train faster on 1: each of their few hundred operations per step costs"
                + " more to hand to a second thread than it saves. Results depend on it (rounding), so it is part of the config")
        @Range(min = 0, max = 1024) int threads,
        @Doc("Also write TensorBoard event files into <run>/tensorboard/: every scalar of metrics.csv and eval.csv at"
                + " its step, and every sample grid as an image (tensorboard --logdir runs/ shows them)") boolean tensorboard)
        implements Validatable {

    public static TrainConfig defaults() {
        return new TrainConfig(10_000, 64, 50, 100, 5, 5_000, 2, "runs", Precision.FLOAT, 0, false);
    }

    @Override
    public void validate(String path, List<ConfigProblem> problems) {
        if (outputDir == null || outputDir.isBlank()) {
            problems.add(ConfigProblem.of(path + ".outputDir", "must be a directory path", outputDir == null ? "null" : "\"\""));
        }
    }
}
