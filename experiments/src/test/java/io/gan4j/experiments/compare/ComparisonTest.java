package io.gan4j.experiments.compare;

import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.eval.EvalReport;
import io.gan4j.core.run.RunManifest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {
    private static final ConfigLoader LOADER = new ConfigLoader(VariantRegistry.discover());

    private static RunRecord run(String loss, long seed, double fid) {
        return run(loss, seed, fid, Map.of(), Map.of());
    }

    private static RunRecord run(String loss, long seed, double fid, Map<String, List<Double>> metrics,
                                 Map<String, List<Double>> evals) {
        LoadedConfig config = LOADER.load("c.json", """
                {"name": "n%d", "seed": %d, "model": {"type": "vanilla", "loss": "%s"},
                 "train": {"outputDir": "out%d"}}
                """.formatted(seed, seed, loss, seed), List.of());
        return record(config, fid, metrics, evals);
    }

    /** A run of {@code config} whose final evaluation has this FID and precision 0.5. */
    private static RunRecord record(LoadedConfig config, double fid, Map<String, List<Double>> metrics,
                                    Map<String, List<Double>> evals) {
        String variant = config.config().modelType();
        String name = config.config().name();
        long seed = config.config().seed();
        RunManifest manifest = new RunManifest(1, name, variant, "c.json", config.sha256(), seed, Map.of(),
                "mnist", true, null, List.of());
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("fid", fid);
        summary.put("precision", 0.5);
        EvalReport report = new EvalReport(EvalReport.FORMAT, 1, "now", "test",
                new EvalReport.Source("run", "x", variant, 3000L, config.sha256(), "mnist/train"),
                "mnist/heldout", 2000, 10000, 1L, new EvalReport.FeatureInfo("f", "f features", "abc", 128), summary, Map.of());
        return new RunRecord(null, manifest, config, metrics, evals, report);
    }

    @Test
    void runsDifferingOnlyInSeedFormOneSettingLabelledByWhatDiffers() {
        Comparison cmp = new Comparison(List.of(run("non-saturating", 1, 10), run("least-squares", 1, 20),
                run("non-saturating", 2, 14), run("least-squares", 2, 22)));
        assertEquals(2, cmp.groups().size());
        assertEquals("model.loss=non-saturating", cmp.groups().get(0).label());
        assertEquals("model.loss=least-squares", cmp.groups().get(1).label());
        Comparison.Stat ns = cmp.stat(cmp.groups().get(0), "fid");
        assertEquals(12.0, ns.mean(), 1e-12);
        assertEquals(Math.sqrt(8.0), ns.std(), 1e-12);   // sample std of {10, 14}
        assertEquals(2, ns.n());
        assertEquals(List.of("fid", "precision"), cmp.metrics());
    }

    @Test
    void markdownAndCsvListGroupsAndRuns() {
        Comparison cmp = new Comparison(List.of(run("non-saturating", 1, 10), run("least-squares", 1, 20)));
        String md = cmp.markdown();
        assertTrue(md.contains("| model.loss=non-saturating | 1 | 1 | 3000 | 10.000 | 0.500 |"), md);
        assertTrue(md.contains("features: f features"), md);
        // Both tables: their own columns, then one per metric, and a separator with as many cells; a blank line
        // before the second.
        assertTrue(md.contains("| setting | runs | seeds | step | FID | precision |\n|---|---|---|---|---|---|\n"), md);
        assertTrue(md.contains("|\n\n| run | setting | seed | step | train time | FID | precision |\n"
                + "|---|---|---|---|---|---|---|\n"), md);
        String csv = cmp.csv();
        assertEquals("run,setting,seed,step,train_seconds,fid,precision", csv.lines().findFirst().orElseThrow());
        assertEquals(3, csv.lines().count());
    }

    @Test
    void classCountsPrintAsWholeNumbersAndTheirSpreadToOneDecimal() {
        RunRecord a = run("hinge", 1, 10);
        RunRecord b = run("hinge", 2, 12);
        a.report().summary().put("classes_covered", 10.0);
        b.report().summary().put("classes_covered", 9.0);
        Comparison cmp = new Comparison(List.of(a, b));
        String md = cmp.markdown();
        // The group: mean 9.5 and sample std of {10, 9} = 0.707; the runs: 10 and 9, not 10.000 and 9.000.
        assertTrue(md.contains(" | 9.5 ± 0.7 |"), md);
        assertTrue(md.contains("| 10.000 | 0.500 | 10 |"), md);
        assertTrue(md.contains("| 12.000 | 0.500 | 9 |"), md);
        List<String> rows = cmp.csv().lines().skip(1).toList();
        assertTrue(rows.get(0).endsWith(",10.0000,0.500000,10") && rows.get(1).endsWith(",12.0000,0.500000,9"),
                rows.toString());
        assertEquals("10", Comparison.Stat.of(List.of(10.0)).formatCount());
        assertEquals("10 ± 0.0", Comparison.Stat.of(List.of(10.0, 10.0)).formatCount());
    }

    @Test
    void singleValueHasNoSpreadAndFormatsPlainly() {
        assertEquals("3.000", Comparison.Stat.of(List.of(3.0)).format());
        assertEquals("2.000 ± 1.414", Comparison.Stat.of(List.of(1.0, 3.0)).format());
        assertEquals("114.0 ± 18.1", Comparison.Stat.of(List.of(101.2, 126.8)).format());
        assertEquals("", Comparison.Stat.of(List.of(Double.NaN)).format());
    }

    @Test
    void differingPathsIgnoreEqualValues() {
        Set<String> paths = Comparison.differingPaths(List.of(run("hinge", 1, 1).settings(), run("hinge", 2, 1).settings()));
        assertTrue(paths.isEmpty(), paths.toString());
    }

    @Test
    void aModelsOwnMetricsFollowTheStandardColumnsAndOtherKeysStayOut() {
        List<RunRecord> runs = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            RunRecord r = run("hinge", seed, 10);
            EvalReport a = r.report();
            Map<String, Double> summary = new LinkedHashMap<>(a.summary());
            summary.put("code_accuracy", 0.8 + seed / 10.0);
            summary.put("unlisted_key", 1.0);
            EvalReport own = new EvalReport(a.format(), a.metricsVersion(), a.createdAt(), a.gan4jVersion(),
                    a.source(), a.reference(), a.referenceCount(), a.generatedCount(), a.sampleSeed(), a.features(),
                    summary, a.details(), List.of("code_accuracy"));
            runs.add(new RunRecord(r.dir(), r.manifest(), r.config(), r.metrics(), r.evals(), own));
        }
        Comparison cmp = new Comparison(runs);
        assertEquals(List.of("fid", "precision", "code_accuracy"), cmp.metrics());
        assertEquals(0.95, cmp.stat(cmp.groups().get(0), "code_accuracy").mean(), 1e-12, "mean of 0.9 and 1.0");
    }

    @Test
    void reportsWithDifferentFeatureNetworksAreIncompatible() {
        EvalReport a = run("hinge", 1, 1).report();
        EvalReport b = new EvalReport(a.format(), a.metricsVersion(), a.createdAt(), a.gan4jVersion(), a.source(),
                a.reference(), a.referenceCount(), a.generatedCount(), a.sampleSeed(),
                new EvalReport.FeatureInfo("f", "f features", "other", 128), a.summary(), a.details());
        assertNull(a.incompatibility(a));
        assertEquals("feature network f abc vs f other", a.incompatibility(b));
    }

    @Test
    void trajectoryPairsEachEvaluationWithTheTrainingValueLoggedAtItsStep() {
        Map<String, List<Double>> metrics = Map.of(
                "step", List.of(500.0, 1000.0, 1500.0, 2000.0, 2500.0, 3000.0, 4000.0),
                "wasserstein", List.of(9.0, 8.0, 7.0, 5.0, 4.5, Double.NaN, 2.0));
        // step 3000's estimate is missing and step 3500 was never logged: neither can be paired
        Map<String, List<Double>> evals = Map.of(
                "step", List.of(1000.0, 2000.0, 3000.0, 3500.0, 4000.0),
                "fid", List.of(100.0, 60.0, 50.0, 45.0, 70.0));
        Plots.Trajectory t = Plots.Trajectory.of(run("hinge", 1, 1, metrics, evals), "wasserstein", "fid");
        assertEquals(List.of(1000L, 2000L, 4000L), t.steps());
        assertEquals(List.of(8.0, 5.0, 2.0), t.x());
        assertEquals(List.of(100.0, 60.0, 70.0), t.y());
        // ranks of x: 3, 2, 1; of y: 3, 1, 2 -> rho = 1 - 6 * (0 + 1 + 1) / (3 * 8) = 0.5
        assertEquals(0.5, t.spearman(), 1e-12);
        assertTrue(Double.isNaN(Plots.Trajectory.of(run("hinge", 1, 1), "wasserstein", "fid").spearman()));
    }

    @Test
    void estimateAgainstFidIsDrawnOnlyForRunsThatLogTheEstimate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        Map<String, List<Double>> metrics = Map.of("step", List.of(1000.0, 2000.0, 3000.0),
                "wasserstein", List.of(3.0, 2.0, 1.0));
        Map<String, List<Double>> evals = Map.of("step", List.of(1000.0, 2000.0, 3000.0), "fid", List.of(90.0, 50.0, 30.0));
        Comparison withEstimate = new Comparison(List.of(run("hinge", 1, 1, metrics, evals), run("least-squares", 1, 2)));
        java.nio.file.Path png = dir.resolve("a.png");
        List<String> drawn = Plots.against(withEstimate, png, "W", "wasserstein", "FID", "fid");
        assertEquals(List.of("n1, seed 1: Spearman 1.00"), drawn);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(520, image.getWidth(), "one panel");

        java.nio.file.Path none = dir.resolve("b.png");
        Comparison without = new Comparison(List.of(run("hinge", 1, 1), run("least-squares", 1, 2)));
        assertTrue(Plots.against(without, none, "W", "wasserstein", "FID", "fid").isEmpty());
        assertTrue(java.nio.file.Files.notExists(none));
        assertEquals("3k", Plots.stepLabel(3000));
        assertEquals("250", Plots.stepLabel(250));
        assertEquals("1.5k", Plots.stepLabel(1500));
        assertEquals("1250", Plots.stepLabel(1250));
    }

    /** Two runs of one setting and seed (a run and its copy) are both drawn; XChart refuses a repeated name. */
    @Test
    void runsOfTheSameSettingAndSeedAreBothDrawn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        Map<String, List<Double>> metrics = Map.of("step", List.of(1.0, 2.0), "d_loss", List.of(0.5, 0.4));
        Comparison twins = new Comparison(List.of(run("hinge", 7, 1, metrics, Map.of()),
                run("hinge", 7, 1, metrics, Map.of())));
        java.nio.file.Path png = dir.resolve("loss.png");
        assertTrue(Plots.lines(twins, png, "D", "d_loss", "d_loss", RunRecord::metrics));
        org.knowm.xchart.XYChart chart = new org.knowm.xchart.XYChartBuilder().build();
        chart.addSeries("a (seed 7)", new double[] {1}, new double[] {1});
        assertEquals("a (seed 7) #2", Plots.uniqueName(chart, "a (seed 7)"));
        assertEquals("b", Plots.uniqueName(chart, "b"));
    }

    @Test
    void groupsOfDifferentVariantsAreLabelledByWhatTheyShareAFewSettingsOf() {
        LoadedConfig wgan = LOADER.load("w.json", """
                {"name": "w", "seed": 1, "model": {"type": "wgan", "lipschitz": "gradient-penalty"},
                 "train": {"outputDir": "out", "iterations": 3000}}
                """, List.of());
        Comparison cmp = new Comparison(List.of(run("non-saturating", 1, 10), record(wgan, 10, Map.of(), Map.of())));
        String a = cmp.groups().get(0).label();
        String b = cmp.groups().get(1).label();
        assertTrue(a.startsWith("model.type=vanilla, "), a);
        assertTrue(b.startsWith("model.type=wgan, "), b);
        for (String label : List.of(a, b)) {
            assertFalse(label.contains("unset"), label);
            assertTrue(label.matches(".*\\(\\+\\d+ more settings\\)"), label);
            assertEquals(Comparison.LABEL_SETTINGS, label.replaceAll(" \\(\\+.*", "").split(", ").length, label);
        }
    }

    @Test
    void labelsThatWouldCoincideWhenShortenedAreGivenInFull() {
        assertEquals("a=1, b=2", Comparison.shortLabel(List.of("a=1", "b=2")));
        assertEquals("a=1, b=2, c=3 (+2 more settings)", Comparison.shortLabel(List.of("a=1", "b=2", "c=3", "d=4", "e=5")));
        // the first two groups differ only in their fourth setting, which the short label leaves out
        Comparison cmp = new Comparison(List.of(
                vanillaWith("\"latentDim\": 10, \"generatorOptimizer\": {\"lr\": 0.001}, \"discriminatorOptimizer\": {\"lr\": 0.001}"),
                vanillaWith("\"latentDim\": 10, \"generatorOptimizer\": {\"lr\": 0.001}, \"discriminatorOptimizer\": {\"lr\": 0.002}"),
                vanillaWith("\"loss\": \"hinge\", \"latentDim\": 20, \"generatorOptimizer\": {\"lr\": 0.002}, \"discriminatorOptimizer\": {\"lr\": 0.003}")));
        assertEquals("model.latentDim=10, model.loss=non-saturating, model.generatorOptimizer.lr=0.001, "
                + "model.discriminatorOptimizer.lr=0.001", cmp.groups().get(0).label());
        assertEquals("model.latentDim=10, model.loss=non-saturating, model.generatorOptimizer.lr=0.001, "
                + "model.discriminatorOptimizer.lr=0.002", cmp.groups().get(1).label());
        assertEquals("model.latentDim=20, model.loss=hinge, model.generatorOptimizer.lr=0.002 (+1 more settings)",
                cmp.groups().get(2).label());
    }

    /** A pix2pix run on derived inpainting pairs whose report holds the translation metrics. */
    private static RunRecord translation(double lambdaGan, double psnr, double fid) {
        LoadedConfig config = LOADER.load("p.json", """
                {"name": "p", "seed": 1, "model": {"type": "pix2pix", "lambdaGan": %s},
                 "data": {"source": "paired", "task": "inpaint"}}
                """.formatted(lambdaGan), List.of());
        RunManifest manifest = new RunManifest(1, "p", "pix2pix", "p.json", config.sha256(), 1, Map.of(),
                "paired-inpaint/mnist/train", true, null, List.of());
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("l1", 0.05);
        summary.put("psnr", psnr);
        summary.put("ssim", 0.9);
        summary.put("fid", fid);
        summary.put("class_accuracy", 0.9);
        summary.put("identity_l1", 0.13);
        summary.put("identity_psnr", 15.4);
        summary.put("identity_ssim", 0.73);
        EvalReport report = new EvalReport(EvalReport.FORMAT, 1, "now", "test",
                new EvalReport.Source("run", "x", "pix2pix", 3000L, config.sha256(), "paired-inpaint/mnist/train"),
                "paired-inpaint/mnist/heldout", 2000, 2000, 1L, new EvalReport.FeatureInfo("f", "f features", "abc", 128),
                summary, Map.of());
        return new RunRecord(null, manifest, config, Map.of(), Map.of(), report);
    }

    @Test
    void translationRunsShowPixelAndDomainMetricsWithTheIdentityBaseline() {
        Comparison cmp = new Comparison(List.of(translation(1, 20.9, 1.8), translation(0, 21.8, 4.0)));
        assertEquals(List.of("model.lambdaGan=1.0", "model.lambdaGan=0.0"),
                cmp.groups().stream().map(Comparison.Group::label).toList());
        assertEquals(List.of("fid", "psnr", "ssim", "l1", "class_accuracy", "identity_psnr", "identity_ssim",
                "identity_l1"), cmp.metrics());
        String md = cmp.markdown();
        assertTrue(md.contains("(2000 pairs)") && md.contains("2000 held-out inputs translated per run"), md);
        assertTrue(md.contains("| PSNR (dB) |") && md.contains("| identity PSNR (dB) |"), md);
    }

    private static RunRecord vanillaWith(String modelFields) {
        LoadedConfig config = LOADER.load("v.json", """
                {"name": "v", "seed": 1, "model": {"type": "vanilla", %s}, "train": {"outputDir": "out"}}
                """.formatted(modelFields), List.of());
        return record(config, 1, Map.of(), Map.of());
    }
}
