package io.gan4j.experiments;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.gan4j.experiments.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sample --label} and {@code sample --interpolate} end to end on a tiny conditional run and a tiny vanilla
 * run, and {@code evaluate}'s conditional accuracy on the conditional one.
 */
class SampleCommandTest {
    @TempDir
    static Path tmp;
    static Path cgan;
    static Path vanilla;

    static Path train(String name, String config) throws IOException {
        Path cfg = tmp.resolve(name + ".json");
        Files.writeString(cfg, config);
        Path runs = tmp.resolve("runs-" + name);
        CliTest.Result r = cli("train", cfg.toString(), "--set", "train.outputDir=" + runs);
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> s = Files.list(runs)) {
            Path experiment = s.findFirst().orElseThrow();
            try (Stream<Path> t = Files.list(experiment)) {
                return t.findFirst().orElseThrow();
            }
        }
    }

    @BeforeAll
    static void trainTinyRuns() throws IOException {
        cgan = train("cgan", CliTest.mnistConfig("tiny-cgan", "cgan", 3, 4, 4, 4, ""));
        vanilla = train("vanilla", CliTest.tinyConfig(4));
    }

    /** Pixels across {@code n} tiles of {@code side} px with the grid's 2-px gaps between them. */
    private static int tiles(int n, int side) {
        return n * side + (n - 1) * io.gan4j.core.image.ImageGrid.PADDING;
    }

    private static void assertOneLineError(CliTest.Result r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void trainingAConditionalRunDrawsOneRowPerClass() throws IOException {
        BufferedImage grid = ImageIO.read(cgan.resolve("samples/latest.png").toFile());
        assertNotNull(grid);
        // 10 class rows of sampleGrid = 3 digits, 28 px each (already 280 px tall: not enlarged), 2 px gaps, and a
        // left margin for the class labels.
        assertEquals(tiles(10, 28), grid.getHeight(), "10 rows of 28 px");
        int margin = grid.getWidth() - tiles(3, 28);
        assertTrue(margin > 0 && margin < 120, "3 columns of 28 px after a label margin: width " + grid.getWidth());
    }

    @Test
    void labelGeneratesTheChosenClass() throws IOException {
        Path png = tmp.resolve("seven.png");
        CliTest.Result r = cli("sample", cgan.toString(), "--label", "7", "--n", "9", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("9 samples of class 7"), r.out());
        // 9 samples in a 3 x 3 grid, 28-px digits drawn at 4x (112 px) so that the grid reaches 256 px.
        BufferedImage nine = ImageIO.read(png.toFile());
        assertEquals(tiles(3, 112), nine.getWidth());
        assertEquals(tiles(3, 112), nine.getHeight());
        Path idx = tmp.resolve("seven.idx.gz");
        assertEquals(0, cli("sample", cgan.toString(), "--label", "7", "--n", "5", "--out", idx.toString()).code());
        assertEquals(5, io.gan4j.core.data.IdxFile.readImages(idx).count());
        Path other = tmp.resolve("two.idx.gz");
        assertEquals(0, cli("sample", cgan.toString(), "--label", "2", "--n", "5", "--out", other.toString()).code());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(idx), Files.readAllBytes(other)),
                "another label, other images");
    }

    @Test
    void labelOutOfRangeOrOnAnUnconditionalModelIsOneLineAndExits2() {
        Path png = tmp.resolve("bad.png");
        assertOneLineError(cli("sample", cgan.toString(), "--label", "10", "--out", png.toString()),
                "--label must be in [0, 9]");
        assertOneLineError(cli("sample", cgan.toString(), "--label", "-1", "--out", png.toString()),
                "found -1");
        assertOneLineError(cli("sample", vanilla.toString(), "--label", "1", "--out", png.toString()),
                "variant 'vanilla' is not conditional");
        assertFalse(Files.exists(png));
    }

    @Test
    void interpolateWritesAGridOfRowsTimesCols() throws IOException {
        Path png = tmp.resolve("interp.png");
        CliTest.Result r = cli("sample", cgan.toString(), "--interpolate", "--rows", "3", "--cols", "6",
                "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 interpolations of 6 steps (spherical)"), r.out());
        BufferedImage image = ImageIO.read(png.toFile());
        // 6 x 3 tiles of 28 px are 168 px wide, so each is drawn at twice its size (56 px) to reach 256 px; the
        // rows are labelled with their class.
        assertEquals(tiles(3, 56), image.getHeight(), "3 rows");
        int margin = image.getWidth() - tiles(6, 56);
        assertTrue(margin > 0 && margin < 120, "6 columns after a label margin: width " + image.getWidth());

        Path fixed = tmp.resolve("interp-label.png");
        assertEquals(0, cli("sample", cgan.toString(), "--interpolate", "--label", "4", "--out", fixed.toString()).code());
        Path plain = tmp.resolve("interp-vanilla.png");
        CliTest.Result v = cli("sample", vanilla.toString(), "--interpolate", "--cols", "5", "--out", plain.toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("wrote 8 interpolations of 5 steps (spherical)"), v.out());
        // The default 8 rows of 5 tiles, 224 px tall, drawn at twice the size; no labels for an unconditional model.
        BufferedImage walk = ImageIO.read(plain.toFile());
        assertEquals(tiles(5, 56), walk.getWidth());
        assertEquals(tiles(8, 56), walk.getHeight());
    }

    @Test
    void interpolateRefusesWhatItCannotDraw() {
        assertOneLineError(cli("sample", vanilla.toString(), "--interpolate", "--out", tmp.resolve("i.idx").toString()),
                "--out must end in .png");
        assertOneLineError(cli("sample", vanilla.toString(), "--interpolate", "--n", "5", "--out",
                tmp.resolve("i.png").toString()), "--n does not apply to --interpolate");
        assertOneLineError(cli("sample", vanilla.toString(), "--interpolate", "--cols", "1", "--out",
                tmp.resolve("i.png").toString()), "--cols in [2, 64]");
    }

    @Test
    void evaluateReportsConditionalAccuracyWithCounts() throws IOException {
        CliTest.Result r = cli("evaluate", cgan.toString(), "--n", "100");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("conditional_accuracy"), r.out());
        String json = Files.readString(cgan.resolve("eval.json"));
        assertTrue(json.contains("\"conditional_accuracy\""), json);
        assertTrue(json.contains("\"perClassRequested\" : [ 10, 10, 10, 10, 10, 10, 10, 10, 10, 10 ]"), json);
        // The per-class counts add up to the accuracy reported: of 10 requested per class, 0 to 10 correct.
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        com.fasterxml.jackson.databind.JsonNode correct = report.findValue("perClassCorrect");
        assertEquals(10, correct.size(), json);
        int sum = 0;
        for (com.fasterxml.jackson.databind.JsonNode c : correct) {
            assertTrue(c.isInt() && c.asInt() >= 0 && c.asInt() <= 10, "correct of 10 requested: " + c);
            sum += c.asInt();
        }
        assertEquals(sum / 100.0, report.get("summary").get("conditional_accuracy").asDouble(), 1e-12, json);

        CliTest.Result v = cli("evaluate", vanilla.toString(), "--n", "100");
        assertEquals(0, v.code(), v.err());
        assertFalse(v.out().contains("conditional_accuracy"), v.out());
    }
}
