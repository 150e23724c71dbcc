package io.gan4j.experiments;

import io.gan4j.core.api.StepResult;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.run.RunDirectory;
import io.gan4j.core.train.TrainingListener;
import io.gan4j.core.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run that crashes after its step-4 checkpoint and is resumed must produce exactly the losses of a run that was
 * never interrupted (same seed, CPU): data order, noise and ND4J's native generator are all functions of the
 * seeds and the step, and the checkpoint carries parameters, updater state and iteration counts.
 */
class ResumeTest {
    @TempDir
    Path tmp;

    private final VariantRegistry registry = VariantRegistry.discover();

    private LoadedConfig config(String json, Path outputDir) {
        return new ConfigLoader(registry).load("tiny.json", json, List.of("train.outputDir=" + outputDir));
    }

    /**
     * The vanilla GAN; pix2pix on denoising pairs: its batches draw fresh noise from (seed, step) and its generator
     * keeps dropout, so a resume must reproduce both; CycleGAN, whose image pools (full by step 2) and decaying
     * learning rate (from step 4) must come back from the checkpoint.
     */
    static Stream<String> configs() {
        return Stream.of(CliTest.tinyConfig(8), """
                {
                  "name": "tiny",
                  "seed": 3,
                  "model": {"type": "pix2pix", "generator": {"width": 4}, "discriminator": {"width": 4, "layers": 1}},
                  "data": {"source": "paired", "task": "denoise", "limit": 64},
                  "train": {"iterations": 8, "batchSize": 8, "logEvery": 1, "sampleEvery": 4, "checkpointEvery": 4,
                            "sampleGrid": 3}
                }
                """, """
                {
                  "name": "tiny",
                  "seed": 3,
                  "model": {"type": "cyclegan", "resnet": {"width": 2, "residualBlocks": 1},
                            "discriminator": {"width": 4, "layers": 1}, "poolSize": 6,
                            "constantIterations": 3, "decayIterations": 6},
                  "data": {"source": "unpaired", "transform": "invert", "limit": 64},
                  "train": {"iterations": 8, "batchSize": 4, "logEvery": 1, "sampleEvery": 4, "checkpointEvery": 4,
                            "sampleGrid": 3}
                }
                """);
    }

    /** The loss columns of metrics.csv (step and losses; wall-clock columns differ between runs). */
    private static List<String> losses(Path run) throws IOException {
        return KillTrials.losses(run);
    }

    @ParameterizedTest
    @MethodSource("configs")
    void crashedAndResumedRunEqualsAnUninterruptedOne(String json) throws IOException {
        ExperimentRunner runner = new ExperimentRunner(registry);
        RunDirectory whole = runner.train(config(json, tmp.resolve("a")), ExperimentRunner.NO_HOOKS).dir();

        RuntimeException crash = new RuntimeException("simulated crash at step 6");
        ExperimentRunner.Hooks crashAt6 = new ExperimentRunner.Hooks() {
            @Override
            public List<TrainingListener> listeners() {
                return List.of(new TrainingListener() {
                    @Override
                    public void onStep(TrainingRun run, long step, StepResult result) {
                        if (step == 6) {
                            throw crash;
                        }
                    }
                });
            }
        };
        assertThrows(RuntimeException.class, () -> runner.train(config(json, tmp.resolve("b")), crashAt6));
        Path interrupted;
        try (var s = Files.list(tmp.resolve("b").resolve("tiny"))) {
            interrupted = s.findFirst().orElseThrow();
        }
        assertTrue(Files.readString(interrupted.resolve("manifest.json")).contains("\"status\" : \"failed\""));
        assertEquals(7, Files.readAllLines(interrupted.resolve("metrics.csv")).size(), "rows 1-6 written before the crash");

        ExperimentRunner.Result resumed = runner.resume(interrupted, List.of(), false, ExperimentRunner.NO_HOOKS);
        assertEquals(8, resumed.lastStep());
        assertEquals(losses(whole.root()), losses(interrupted));
        String manifest = Files.readString(interrupted.resolve("manifest.json"));
        assertTrue(manifest.contains("\"command\" : \"resume\""), manifest);
        assertTrue(manifest.contains("\"fromStep\" : 4"), manifest);
    }

    @Test
    void resumeCanExtendTheRun() throws IOException {
        ExperimentRunner runner = new ExperimentRunner(registry);
        RunDirectory whole = runner.train(new ConfigLoader(registry).load("tiny.json", CliTest.tinyConfig(8),
                List.of("train.outputDir=" + tmp.resolve("a"))), ExperimentRunner.NO_HOOKS).dir();
        RunDirectory shortRun = runner.train(new ConfigLoader(registry).load("tiny.json", CliTest.tinyConfig(4),
                List.of("train.outputDir=" + tmp.resolve("b"))), ExperimentRunner.NO_HOOKS).dir();
        runner.resume(shortRun.root(), List.of("train.iterations=8"), false, ExperimentRunner.NO_HOOKS);
        assertEquals(losses(whole.root()), losses(shortRun.root()));
    }
}
