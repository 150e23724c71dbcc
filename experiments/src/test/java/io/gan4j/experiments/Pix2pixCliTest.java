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
        assertTrue(grid.getHeight() >= 3 * 28 && grid.getHeight() < 4 * 28 + 40, "input, output, target rows: "
                + grid.getHeight());
        assertEquals(3, Files.readAllLines(run.resolve("eval.csv")).size(), "evaluations at steps 2 and 4");

        CliTest.Result e = CliTest.cli("evaluate", run.toString(), "--n", "50");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("50 translated inputs vs paired-inpaint/mnist/heldout (2000 pairs)"), e.out());
        for (String key : new String[] {"psnr", "ssim", "l1", "identity_psnr", "FID", "class_accuracy"}) {
            assertTrue(e.out().contains(key), key + " in " + e.out());
        }
        assertTrue(Files.exists(run.resolve("eval.png")) && Files.exists(run.resolve("eval.json")));

        CliTest.Result s = CliTest.cli("sample", run.toString(), "--out", tmp.resolve("s.png").toString());
        assertEquals(2, s.code());
        assertTrue(s.err().contains("translates images") && !s.err().contains("Exception"), s.err());
        assertTrue(!Files.exists(tmp.resolve("s.png")));
    }

    @Test
    void denoiseTrains(@TempDir Path tmp) throws IOException {
        Path run = train("pix2pix-denoise-mnist", tmp);
        assertTrue(Files.isDirectory(run.resolve("checkpoints/step-00000004")));
    }
}
