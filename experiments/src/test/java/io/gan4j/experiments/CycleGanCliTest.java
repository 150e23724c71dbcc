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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped bold-MNIST CycleGAN config through the CLI, unchanged but for its budget: train with periodic
 * evaluation, the two-direction grid, {@code evaluate} on held-out images of both domains (translation error against
 * the known bold version, FID per domain, cycle error, identity baseline), a clear refusal from {@code sample}, and a
 * batch larger than a domain named in the error.
 */
class CycleGanCliTest {

    @Test
    void boldMnistTrainsEvaluatesBothDirectionsAndRefusesToSample(@TempDir Path tmp) throws IOException {
        String name = "cyclegan-bold-mnist";
        CliTest.Result r = CliTest.cli("train", "configs/" + name + ".json", "--set", "train.outputDir=" + tmp,
                "--set", "train.iterations=4", "--set", "train.sampleEvery=4", "--set", "train.checkpointEvery=4",
                "--set", "train.batchSize=4", "--set", "eval.every=2", "--set", "eval.samples=20",
                "--set", "model.resnet.width=4", "--set", "model.resnet.residualBlocks=1");
        assertEquals(0, r.code(), r.err());
        Path run;
        try (Stream<Path> s = Files.list(tmp.resolve(name))) {
            run = s.findFirst().orElseThrow();
        }
        BufferedImage grid = ImageIO.read(run.resolve("samples/latest.png").toFile());
        // a, G(a), F(G(a)), b, F(b), G(F(b)): 6 rows of the config's sampleGrid = 12 digits of 28 px (336 px wide,
        // so not enlarged) with 2-px gaps.
        assertEquals(6 * 28 + 5 * 2, grid.getHeight(), "6 rows of 28 px");
        assertEquals(3, Files.readAllLines(run.resolve("eval.csv")).size(), "evaluations at steps 2 and 4");
        assertTrue(Files.exists(run.resolve("checkpoints/step-00000004/poolA.state.bin")), "the pools are checkpointed");

        CliTest.Result e = CliTest.cli("evaluate", run.toString(), "--n", "50");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("unpaired-bold/mnist/heldout"), e.out());
        for (String key : new String[] {"psnr", "ssim", "l1", "fid", "fid_back", "cycle_l1_a", "cycle_l1_b",
                "identity_psnr", "identity_fid"}) {
            assertTrue(e.out().contains(key), key + " in " + e.out());
        }
        // The same six rows for the first 12 held-out images of each domain.
        assertEquals(6 * 28 + 5 * 2, ImageIO.read(run.resolve("eval.png").toFile()).getHeight(), "eval.png: 6 rows");
        // Each metric is a number in its range: L1 of images in [-1, 1] is at most 2, SSIM at most 1, FIDs >= 0;
        // PSNR (of [-1, 1] images, peak-to-peak 2) is finite while the outputs differ from the targets.
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.resolve("eval.json").toFile()).get("summary");
        for (String key : new String[] {"l1", "cycle_l1_a", "cycle_l1_b", "identity_l1"}) {
            EvaluateCompareCliTest.assertInRange(summary, key, 0, 2);
        }
        for (String key : new String[] {"fid", "fid_back", "identity_fid"}) {
            EvaluateCompareCliTest.assertInRange(summary, key, 0, Double.MAX_VALUE);
        }
        EvaluateCompareCliTest.assertInRange(summary, "ssim", -1, 1);
        EvaluateCompareCliTest.assertInRange(summary, "psnr", -Double.MAX_VALUE, Double.MAX_VALUE);
        EvaluateCompareCliTest.assertInRange(summary, "identity_psnr", -Double.MAX_VALUE, Double.MAX_VALUE);

        CliTest.Result s = CliTest.cli("sample", run.toString(), "--out", tmp.resolve("s.png").toString());
        assertEquals(2, s.code());
        assertTrue(s.err().contains("translates images") && !s.err().contains("Exception"), s.err());
        assertFalse(Files.exists(tmp.resolve("s.png")));
    }

    @Test
    void aBatchLargerThanADomainIsAConfigError(@TempDir Path tmp) {
        CliTest.Result r = CliTest.cli("train", "configs/cyclegan-bold-mnist.json", "--set", "train.outputDir=" + tmp,
                "--set", "data.limit=30", "--set", "train.batchSize=16");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("$.train.batchSize") && r.err().contains("domain A images (15"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
