package io.gan4j.pix2pix;

import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.eval.EvalReport;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.run.RunEvaluation;
import io.gan4j.core.testing.BestCheckpoints;
import io.gan4j.core.testing.PairedFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on a generated dataset in pix2pix's aligned folder format (train/ and val/ of A|B images, B the colour
 * inversion of A): a full run with random 16-px crops of 18-px halves and flips, periodic evaluation on the val
 * pairs by PSNR with a best checkpoint, then {@code evaluate}. The model must learn the inversion far beyond the
 * identity baseline.
 */
class Pix2pixAlignedFolderTest {

    @Test
    void trainsOnAnAlignedFolderAndBeatsTheIdentityBaseline(@TempDir Path tmp) throws Exception {
        Path dataset = tmp.resolve("inverted");
        PairedFolders.write(dataset, "train", 48, 18, 1);
        PairedFolders.write(dataset, "val", 12, 18, 2);
        String json = """
                {
                  "name": "aligned",
                  "seed": 3,
                  "model": {"type": "pix2pix", "generator": {"width": 8, "dropoutBlocks": 1},
                            "discriminator": {"width": 8, "layers": 1}},
                  "data": {"source": "aligned-folder", "dir": "%s", "size": 16, "loadSize": 18, "channels": 3},
                  "train": {"iterations": 150, "batchSize": 8, "logEvery": 50, "sampleEvery": 0,
                            "checkpointEvery": 150, "outputDir": "%s"},
                  "eval": {"every": 50, "samples": 12, "metric": "psnr"}
                }
                """.formatted(dataset, tmp.resolve("runs"));
        VariantRegistry registry = VariantRegistry.discover();
        LoadedConfig config = new ConfigLoader(registry).load("aligned.json", json, List.of());
        ExperimentRunner.Result result = new ExperimentRunner(registry).train(config, ExperimentRunner.NO_HOOKS);
        Path run = result.dir().root();

        List<String> eval = Files.readAllLines(run.resolve("eval.csv"));
        assertEquals(4, eval.size(), "header and evaluations at steps 50, 100, 150: " + eval);
        assertTrue(eval.get(0).contains("psnr") && eval.get(0).contains("identity_psnr"), eval.get(0));
        // The best checkpoint is the one with the highest PSNR among the three evaluations.
        BestCheckpoints.assertBestIsTheBestEvaluatedStep(run, "psnr", true);
        // input | output | target: 3 labelled rows of sampleGrid = 5 crops of 16 px, drawn at 4x (64 px) so that the
        // wider side reaches 256 px, with 2-px gaps.
        java.awt.image.BufferedImage grid = javax.imageio.ImageIO.read(run.resolve("samples/latest.png").toFile());
        assertEquals(3 * 64 + 2 * 2, grid.getHeight(), "3 rows");
        int margin = grid.getWidth() - (5 * 64 + 4 * 2);
        assertTrue(margin > 0 && margin < 120, "5 columns after the row labels: width " + grid.getWidth());

        EvalReport report = RunEvaluation.evaluateRun(registry, run, RunEvaluation.Options.defaults(10_000));
        assertEquals("aligned/inverted/val", report.reference());
        assertEquals(12, report.generatedCount());
        double psnr = report.summary().get("psnr");
        double identity = report.summary().get("identity_psnr");
        assertTrue(psnr > identity + 6, "PSNR " + psnr + " dB vs identity " + identity + " dB");
        assertTrue(report.summary().get("l1") < 0.5 * report.summary().get("identity_l1"), report.summary().toString());
        // input | output | target for the 12 val pairs: 12 x 16 px = 192 px, drawn at 2x (32 px).
        assertEquals(3 * 32 + 2 * 2, javax.imageio.ImageIO.read(run.resolve("eval.png").toFile()).getHeight(),
                "eval.png: 3 rows");
    }
}
