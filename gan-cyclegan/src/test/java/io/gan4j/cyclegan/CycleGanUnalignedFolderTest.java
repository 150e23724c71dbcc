package io.gan4j.cyclegan;

import io.gan4j.core.api.BidirectionalTranslationModel;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.data.UnalignedFolderData;
import io.gan4j.core.data.UnpairedSource;
import io.gan4j.core.data.Split;
import io.gan4j.core.eval.EvalReport;
import io.gan4j.core.run.RunEvaluation;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.testing.BestCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on generated folders in CycleGAN's unaligned format: trainA/testA hold red squares, trainB/testB blue
 * squares at other random places and sizes, so no A image has a partner in B. A run with periodic evaluation by
 * cycle error and a best checkpoint, then {@code evaluate}; the generators must learn the colour change while
 * keeping the shapes (low cycle error), which the untrained networks do not.
 *
 * <p>Thresholds from measured runs of this config (seeds 1 to 8, 200 steps, PyTorch's Adam): the cycle error fell to
 * 0.051 to 0.114 of the data's scale against 0.90 to 1.06 untrained (asserted: below 0.2 of the untrained error);
 * which direction learns the colour fully within 200 steps depends on the seed: both in 4 of 8 (seeds 1, 4, 5, 7),
 * only F (blue to red) in 3 (seeds 3, 6, 8: G's output stays grey-ish), only G in 1 (seed 2), so the test asks
 * for one direction past half the target colour (the better direction reached 0.84 to 1.46 of it) and for the
 * other not to move away from its target by more than 0.35 of it (the worst seed's lagging direction stood at
 * -0.12).
 */
class CycleGanUnalignedFolderTest {
    private static final int SIDE = 16;

    /** {@code n} squares of colour {@code rgb} (with noise) on black, {@code SIDE} px. */
    private static void squares(Path folder, int n, int channel, long seed) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            BufferedImage im = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
            int size = 4 + random.nextInt(7);
            int x0 = random.nextInt(SIDE - size);
            int y0 = random.nextInt(SIDE - size);
            for (int y = y0; y < y0 + size; y++) {
                for (int x = x0; x < x0 + size; x++) {
                    int v = 200 + random.nextInt(56);
                    im.setRGB(x, y, v << (channel == 0 ? 16 : 0));
                }
            }
            assertTrue(ImageIO.write(im, "png", folder.resolve(String.format("%03d.png", i)).toFile()));
        }
    }

    /** Mean of blue minus red over the images, in [-2, 2]: about −0.3 for the red squares, +0.3 for blue. */
    private static double blueMinusRed(INDArray images) {
        INDArray red = images.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray blue = images.get(NDArrayIndex.all(), NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.all());
        return blue.sub(red).meanNumber().doubleValue();
    }

    @Test
    void learnsTheColourChangeFromUnalignedFolders(@TempDir Path tmp) throws Exception {
        Path dataset = tmp.resolve("red2blue");
        squares(dataset.resolve("trainA"), 40, 0, 1);
        squares(dataset.resolve("trainB"), 40, 2, 2);
        squares(dataset.resolve("testA"), 16, 0, 3);
        squares(dataset.resolve("testB"), 16, 2, 4);
        String json = """
                {
                  "name": "unaligned",
                  "seed": 3,
                  "model": {"type": "cyclegan", "resnet": {"width": 4, "residualBlocks": 1},
                            "discriminator": {"width": 8, "layers": 1}, "poolSize": 10,
                            "generatorOptimizer": {"lr": 1e-3}, "discriminatorOptimizer": {"lr": 1e-3},
                            "constantIterations": 100, "decayIterations": 100},
                  "data": {"source": "unaligned-folder", "dir": "%s", "size": %d, "channels": 3},
                  "train": {"iterations": 200, "batchSize": 8, "logEvery": 50, "sampleEvery": 100,
                            "checkpointEvery": 200, "outputDir": "%s"},
                  "eval": {"every": 100, "samples": 16, "metric": "cycle"}
                }
                """.formatted(dataset, SIDE, tmp.resolve("runs"));
        VariantRegistry registry = VariantRegistry.discover();
        LoadedConfig config = new ConfigLoader(registry).load("unaligned.json", json, List.of());
        ExperimentRunner runner = new ExperimentRunner(registry);
        BidirectionalTranslationModel untrained = (BidirectionalTranslationModel) runner.newModel(config,
                config.config().data().spec(runner.checkData(config)));
        ExperimentRunner.Result result = runner.train(config, ExperimentRunner.NO_HOOKS);
        Path run = result.dir().root();

        List<String> eval = Files.readAllLines(run.resolve("eval.csv"));
        assertEquals(3, eval.size(), "header and evaluations at steps 100 and 200: " + eval);
        assertTrue(eval.get(0).contains("cycle_l1"), eval.get(0));
        // The best checkpoint is the one with the lowest cycle error among the two evaluations.
        BestCheckpoints.assertBestIsTheBestEvaluatedStep(run, "cycle_l1", false);
        // a | G(a) | F(G(a)), b | F(b) | G(F(b)): 6 labelled rows of sampleGrid = 5 images of 16 px, drawn at 3x
        // (48 px) so that the taller side reaches 256 px, with 2-px gaps.
        BufferedImage grid = ImageIO.read(run.resolve("samples/latest.png").toFile());
        assertEquals(6 * 48 + 5 * 2, grid.getHeight(), "6 rows");
        int margin = grid.getWidth() - (5 * 48 + 4 * 2);
        assertTrue(margin > 0 && margin < 120, "5 columns after the row labels: width " + grid.getWidth());

        EvalReport report = RunEvaluation.evaluateRun(registry, run, RunEvaluation.Options.defaults(10_000));
        assertEquals("unaligned/red2blue/test", report.reference());
        double untrainedCycle = RunEvaluation.translationEvaluator(config.config(), null, null, "test")
                .evaluate(untrained, 16, 0).summary().get("cycle_l1");
        assertTrue(report.summary().get("cycle_l1") < 0.2 * untrainedCycle, report.summary() + " untrained cycle_l1 "
                + untrainedCycle);
        // The same six rows for the first 12 test images of each domain: 12 x 16 px = 192 px, drawn at 2x (32 px).
        assertEquals(6 * 32 + 5 * 2, ImageIO.read(run.resolve("eval.png").toFile()).getHeight(), "eval.png: 6 rows");

        UnalignedFolderData test = new UnalignedFolderData(dataset.toString(), Split.HELDOUT, SIDE, 3, 0);
        var stored = test.load(0);
        INDArray a = UnpairedSource.domain(stored, UnpairedSource.A).examples(16);
        INDArray b = UnpairedSource.domain(stored, UnpairedSource.B).examples(16);
        BidirectionalTranslationModel trained = (BidirectionalTranslationModel) runner.loadTrained(run, false).model();
        double redA = blueMinusRed(a);
        double blueB = blueMinusRed(b);
        assertTrue(redA < -0.2 && blueB > 0.2, "the domains' colours: " + redA + ", " + blueB);
        double gA = blueMinusRed(trained.translate(a, 0));
        double fB = blueMinusRed(trained.translateBack(b, 0));
        // Each direction's progress towards its target colour: 1 = the target domain's own blue − red.
        double towardsBlue = gA / blueB;
        double towardsRed = fB / redA;
        String seen = "G(red): " + gA + " (untrained " + blueMinusRed(untrained.translate(a, 0)) + "), F(blue): " + fB
                + " (untrained " + blueMinusRed(untrained.translateBack(b, 0)) + "), targets " + blueB + ", " + redA;
        assertTrue(Math.max(towardsBlue, towardsRed) > 0.5, "one direction translates the colour: " + seen);
        assertTrue(Math.min(towardsBlue, towardsRed) > -0.35, "neither moves away from its target: " + seen);
    }
}
