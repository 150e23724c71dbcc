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
 * The cifar10 data source from a config: the documented example {@code docs/examples/cgan-cifar10.json} validates
 * and a small conditional GAN trains on files written here in CIFAR-10's binary layout; a missing folder is one line.
 */
class Cifar10CliTest {
    @TempDir
    Path tmp;

    /** Five training files of 20 records (two of each class) and a test file of 10, random pixels. */
    private Path cifar() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cifar-10-batches-bin"));
        java.util.Random random = new java.util.Random(5);
        for (String name : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"}) {
            int records = name.startsWith("test") ? 10 : 20;
            byte[] bytes = new byte[records * 3073];
            random.nextBytes(bytes);
            for (int r = 0; r < records; r++) {
                bytes[r * 3073] = (byte) (r % 10);
            }
            Files.write(dir.resolve(name), bytes);
        }
        return dir;
    }

    @Test
    void theDocumentedCganConfigValidatesAndTrainsOnCifarFiles() throws IOException {
        Path dir = cifar();
        Path config = Path.of("../docs/examples/cgan-cifar10.json");
        CliTest.Result v = CliTest.cli("validate", config.toString(), "--set", "data.dir=" + dir);
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("data cifar10/train [3, 32, 32] (10 classes)") || v.out().contains("x 100"),
                v.out());
        // docs/data.md: the paper's DCGAN config pointed at CIFAR-10 builds for 32x32x3.
        CliTest.Result dcgan = CliTest.cli("validate", "configs/dcgan-64-rgb.json", "--set",
                "data={\"source\": \"cifar10\", \"dir\": \"" + dir + "\"}", "--set", "train.batchSize=100");
        assertEquals(0, dcgan.code(), dcgan.err());
        assertTrue(dcgan.out().contains("[3, 32, 32]"), dcgan.out());
        Path out = tmp.resolve("runs");
        CliTest.Result r = CliTest.cli("train", config.toString(), "--set", "data.dir=" + dir,
                "--set", "train.outputDir=" + out, "--set", "train.iterations=2", "--set", "train.batchSize=10",
                "--set", "model.convGenerator.width=8", "--set", "model.convDiscriminator.width=8",
                "--set", "train.sampleEvery=2", "--set", "train.checkpointEvery=2");
        assertEquals(0, r.code(), r.err());
        Path run;
        try (Stream<Path> s = Files.list(out.resolve("cgan-cifar10"))) {
            run = s.findFirst().orElseThrow();
        }
        BufferedImage grid = ImageIO.read(run.resolve("samples/latest.png").toFile());
        assertEquals(10 * 32 + 9 * 2, grid.getHeight(), "one row of 32-px samples per class");
    }

    @Test
    void aMissingCifarFolderIsOneLineWithExitCode2() {
        Path missing = tmp.resolve("nowhere");
        CliTest.Result v = CliTest.cli("validate", "../docs/examples/cgan-cifar10.json", "--set", "data.dir=" + missing);
        assertEquals(2, v.code());
        assertEquals("gan4j validate: " + missing.resolve("data_batch_1.bin") + ": no such file (CIFAR-10 binary"
                + " version: " + missing + " must hold data_batch_1.bin ... data_batch_5.bin and test_batch.bin)\n",
                v.err());
    }
}
