package io.gan4j.core.testing;

import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.data.GaussianMixture2D;
import io.gan4j.core.metrics.ModeCoverage;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.run.RunDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trains a shipped ring-8 experiment with the real runner and scores 2,500 samples from the run's fixed preview
 * codes before and after training (the numbers the run's own scatter plots show), for variants' end-to-end tests.
 */
public final class Ring8Learning {
    private Ring8Learning() {
    }

    /**
     * @param before mode coverage of the untrained generator
     * @param after  mode coverage of the trained generator (its latest checkpoint, reloaded)
     * @param run    the run directory
     */
    public record Result(ModeCoverage before, ModeCoverage after, RunDirectory run) {
        /**
         * Asserts that the untrained generator had learnt nothing: no mode covered and under 1% of its samples
         * within 3σ of a mode (uniform noise over the plot puts 0.6% there), so a trained run's scores are learnt.
         */
        public void assertUntrainedLearntNothing(String label) {
            assertEquals(0, before.modesCovered(), "untrained, " + label + ": " + before);
            assertTrue(before.highQualityShare() < 0.01, "untrained, " + label + ": " + before);
        }
    }

    /**
     * @param config    the experiment config, e.g. {@code ../experiments/configs/vanilla-ring8.json}
     * @param outputDir where the run goes
     * @param overrides further {@code --set} overrides (sample grids and checkpoints are turned off already)
     */
    public static Result train(Path config, Path outputDir, String... overrides) throws IOException {
        VariantRegistry registry = VariantRegistry.discover();
        List<String> sets = new ArrayList<>(List.of("train.outputDir=" + outputDir, "train.sampleEvery=0",
                "train.checkpointEvery=0"));
        sets.addAll(List.of(overrides));
        LoadedConfig loaded = new ConfigLoader(registry).load(config, sets);
        ExperimentRunner runner = new ExperimentRunner(registry);
        GaussianMixture2D ring = loaded.config().data().modes().orElseThrow();
        long seed = new Seeds(loaded.config().seed()).of(Seeds.PREVIEW);

        GanModel untrained = runner.newModel(loaded, runner.checkData(loaded).spec());
        ModeCoverage before = ModeCoverage.of(untrained.sample(2500, seed), ring);
        RunDirectory run = runner.train(loaded, ExperimentRunner.NO_HOOKS).dir();
        GanModel trained = runner.loadTrained(run.root(), false).model();
        return new Result(before, ModeCoverage.of(trained.sample(2500, seed), ring), run);
    }

    /**
     * Trains {@code config} once per seed in {@code seeds} ("first-last") with further {@code set} overrides
     * (";"-separated) and prints each run's modes and high-quality share and their spread: the measurement behind a
     * ring-8 test's thresholds, to repeat when training changes.
     */
    public static List<Result> sweep(Path config, Path outputDir, String seeds, String set, String... overrides)
            throws IOException {
        String[] range = seeds.split("-");
        List<Result> results = new ArrayList<>();
        List<Integer> modes = new ArrayList<>();
        List<Double> quality = new ArrayList<>();
        for (int seed = Integer.parseInt(range[0]); seed <= Integer.parseInt(range[1]); seed++) {
            List<String> sets = new ArrayList<>(List.of("seed=" + seed));
            sets.addAll(List.of(overrides));
            if (!set.isBlank()) {
                sets.addAll(java.util.Arrays.asList(set.split(";")));
            }
            Result r = train(config, outputDir.resolve("seed" + seed), sets.toArray(String[]::new));
            ModeCoverage after = r.after();
            System.out.printf(java.util.Locale.ROOT, "ring8 sweep %s %s seed %d: untrained %d modes %.4f, trained %d"
                            + " modes %.4f %s%n", config.getFileName(), set, seed, r.before().modesCovered(),
                    r.before().highQualityShare(), after.modesCovered(), after.highQualityShare(),
                    java.util.Arrays.toString(after.perModeCounts()));
            modes.add(after.modesCovered());
            quality.add(after.highQualityShare());
            results.add(r);
        }
        modes.sort(null);
        quality.sort(null);
        System.out.printf(java.util.Locale.ROOT, "ring8 sweep %s %s: modes min %d median %.1f max %d; high quality min"
                        + " %.3f median %.3f max %.3f (%d runs)%n", config.getFileName(), set, modes.get(0),
                median(modes), modes.get(modes.size() - 1), quality.get(0), median(quality),
                quality.get(quality.size() - 1), modes.size());
        return results;
    }

    private static double median(List<? extends Number> sorted) {
        int n = sorted.size();
        return (sorted.get((n - 1) / 2).doubleValue() + sorted.get(n / 2).doubleValue()) / 2;
    }
}
