package io.gan4j.experiments;

import io.gan4j.core.data.FashionMnistData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped Fashion-MNIST configs train, unchanged but for their budget, from the Debian package path (CI
 * installs {@code dataset-fashion-mnist}; elsewhere the test is skipped without it).
 */
class ShippedFashionConfigsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dcgan-fashion", "cgan-dcgan-fashion", "wgan-gp-fashion", "pix2pix-superres-fashion",
            "pix2pix-edges-fashion", "cyclegan-mnist-fashion"})
    void trainsAFewStepsAndWritesSamplesAndACheckpoint(String name, @TempDir Path tmp) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(Path.of(FashionMnistData.DEBIAN_DIR)),
                "dataset-fashion-mnist is not installed");
        CliTest.Result r = CliTest.cli("train", "configs/" + name + ".json", "--set", "train.outputDir=" + tmp,
                "--set", "train.iterations=4", "--set", "train.sampleEvery=4", "--set", "train.checkpointEvery=4",
                "--set", "eval.every=0");
        assertEquals(0, r.code(), r.err());
        Path run;
        try (Stream<Path> s = Files.list(tmp.resolve(name))) {
            run = s.findFirst().orElseThrow();
        }
        assertTrue(Files.isDirectory(run.resolve("checkpoints/step-00000004")), "checkpoint at step 4");
        BufferedImage grid = ImageIO.read(run.resolve("samples/latest.png").toFile());
        if (name.startsWith("cgan")) {
            // one row per class: ten rows of 28-pixel cells (280 px, so not enlarged) with 2-px gaps, as for cgan-mnist
            assertEquals(10 * 28 + 9 * 2, grid.getHeight(), "10 class rows");
        }
    }
}
