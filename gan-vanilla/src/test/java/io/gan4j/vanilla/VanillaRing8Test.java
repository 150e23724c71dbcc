package io.gan4j.vanilla;

import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.data.GaussianMixture2D;
import io.gan4j.core.metrics.ModeCoverage;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.run.RunDirectory;
import io.gan4j.core.run.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: the shipped ring-8 experiment, trained by the real runner, learns the mixture. An untrained
 * generator puts its samples in a small blob near the origin (no mode covered); after training, most modes are
 * covered by high-quality samples (within 3σ of a mode).
 */
class VanillaRing8Test {
    @TempDir
    Path tmp;

    @Test
    void shippedRing8ConfigCoversMostModes() throws IOException {
        VariantRegistry registry = VariantRegistry.discover();
        LoadedConfig config = new ConfigLoader(registry).load(Path.of("../experiments/configs/vanilla-ring8.json"),
                List.of("train.outputDir=" + tmp, "train.sampleEvery=0", "train.checkpointEvery=0"));
        ExperimentRunner runner = new ExperimentRunner(registry);
        GaussianMixture2D ring = ExperimentRunner.mixtureOf(config.config().data());
        long seed = new Seeds(config.config().seed()).of(Seeds.PREVIEW);

        GanModel untrained = runner.newModel(config, runner.checkData(config).spec());
        ModeCoverage before = ModeCoverage.of(untrained.sample(2500, seed), ring);

        RunDirectory run = runner.train(config, ExperimentRunner.NO_HOOKS).dir();
        GanModel trained = runner.loadTrained(run.root(), false).model();
        ModeCoverage after = ModeCoverage.of(trained.sample(2500, seed), ring);

        assertTrue(before.modesCovered() <= 1, "untrained: " + before);
        assertTrue(after.modesCovered() >= 6, "trained: " + after);
        assertTrue(after.highQualityShare() >= 0.3, "trained: " + after);
        assertTrue(Files.exists(run.samples().resolve("latest.png")));
    }
}
