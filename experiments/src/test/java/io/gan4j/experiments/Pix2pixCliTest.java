package io.gan4j.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped MNIST pix2pix configs through the CLI, unchanged but for their budget: train, evaluate on held-out
 * pairs (metrics beside the identity baseline, and the input | output | target grid), and a clear refusal from
 * {@code sample}, which needs a latent code.
 */
class Pix2pixCliTest {

    private static Path train(String name, Path tmp) throws IOException {
        CliTest.Result r = CliTest.cli("train", "configs/" + name + ".json", "--set", "train.outputDir=" + tmp,
                "--set", "train.iterations=4", "--set", "train.sampleEvery=4", "--set", "train.checkpointEvery=4",
                "--set", "eval.every=2", "--set", "eval.samples=20");
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> s = Files.list(tmp.resolve(name))) {
            return s.findFirst().orElseThrow();
        }
    }

    @Test
    void inpaintTrainsEvaluatesAndRefusesToSample(@TempDir Path tmp) throws IOException {
        Path run = train("pix2pix-inpaint-mnist", tmp);
        BufferedImage grid = ImageIO.read(run.resolve("samples/latest.png").toFile());
        // input, output, target: 3 rows of the config's sampleGrid = 12 digits of 28 px (336 px wide, so not
        // enlarged) with 2-px gaps.
        assertEquals(3 * 28 + 2 * 2, grid.getHeight(), "input, output, target rows");
        assertEquals(3, Files.readAllLines(run.resolve("eval.csv")).size(), "evaluations at steps 2 and 4");

        CliTest.Result e = CliTest.cli("evaluate", run.toString(), "--n", "50");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("50 translated inputs vs paired-inpaint/mnist/heldout (2000 pairs)"), e.out());
        for (String key : new String[] {"psnr", "ssim", "l1", "identity_psnr", "FID", "class_accuracy"}) {
            assertTrue(e.out().contains(key), key + " in " + e.out());
        }
        // The same three rows for the first 12 held-out pairs.
        assertEquals(3 * 28 + 2 * 2, ImageIO.read(run.resolve("eval.png").toFile()).getHeight(), "eval.png: 3 rows");
        // Each metric is a number in its range: L1 of images in [-1, 1] is at most 2, SSIM at most 1, FID >= 0, the
        // class accuracy a share; PSNR is finite while the outputs differ from the targets.
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.resolve("eval.json").toFile()).get("summary");
        EvaluateCompareCliTest.assertInRange(summary, "l1", 0, 2);
        EvaluateCompareCliTest.assertInRange(summary, "identity_l1", 0, 2);
        EvaluateCompareCliTest.assertInRange(summary, "ssim", -1, 1);
        EvaluateCompareCliTest.assertInRange(summary, "fid", 0, Double.MAX_VALUE);
        EvaluateCompareCliTest.assertInRange(summary, "class_accuracy", 0, 1);
        EvaluateCompareCliTest.assertInRange(summary, "psnr", -Double.MAX_VALUE, Double.MAX_VALUE);
        EvaluateCompareCliTest.assertInRange(summary, "identity_psnr", -Double.MAX_VALUE, Double.MAX_VALUE);

        CliTest.Result s = CliTest.cli("sample", run.toString(), "--out", tmp.resolve("s.png").toString());
        assertEquals(2, s.code());
        assertTrue(s.err().contains("translates images") && !s.err().contains("Exception"), s.err());
        assertTrue(!Files.exists(tmp.resolve("s.png")));
    }

    @Test
    void denoiseTrains(@TempDir Path tmp) throws IOException {
        Path run = train("pix2pix-denoise-mnist", tmp);
        // The config logs every 50 steps, so the 4 steps give one row, at the end, with finite positive losses
        // (binary cross-entropy; G's includes 100 x L1); and a checkpoint at step 4 that verifies (hashes).
        java.util.List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(2, metrics.size(), "header and step 4: " + metrics);
        java.util.List<String> header = java.util.List.of(metrics.get(0).split(","));
        String[] row = metrics.get(1).split(",");
        assertEquals("4", row[0], metrics.get(1));
        for (String loss : new String[] {"d_loss", "g_loss", "g_gan", "g_l1"}) {
            double v = Double.parseDouble(row[header.indexOf(loss)]);
            assertTrue(Double.isFinite(v) && v > 0, loss + " in " + metrics);
        }
        assertEquals(Double.parseDouble(row[header.indexOf("g_gan")]) + 100 * Double.parseDouble(row[header.indexOf("g_l1")]),
                Double.parseDouble(row[header.indexOf("g_loss")]), 1e-3, "L_G = L_GAN + 100 L1 (lambdaL1 of the config)");
        io.gan4j.core.checkpoint.CheckpointStore.Checkpoint c = io.gan4j.core.checkpoint.CheckpointStore.read(
                run.resolve("checkpoints/step-00000004"));
        assertEquals(4, c.info().step());
    }
}
