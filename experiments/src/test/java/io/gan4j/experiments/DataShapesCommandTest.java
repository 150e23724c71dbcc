package io.gan4j.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.gan4j.experiments.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gan4j data shapes}: the three folder layouts, read back by the shipped paper configs' data sources at 64 and
 * 256 px RGB, deterministic per seed, and refusing to overwrite.
 */
class DataShapesCommandTest {
    @TempDir
    Path tmp;

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void imagesAreReadByTheDcgan64ConfigAsRgb64() throws IOException {
        Path out = tmp.resolve("images");
        CliTest.Result r = cli("data", "shapes", "--layout", "images", "--size", "64", "--count", "128", "--out",
                out.toString(), "--seed", "3");
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote 128 images of 64x64 RGB shapes (seed 3) to " + out + "\n", r.out());
        List<Path> images = files(out);
        assertEquals(128, images.size(), "one batch of the paper's 128");
        BufferedImage first = ImageIO.read(images.get(0).toFile());
        assertEquals(64, first.getWidth());
        assertEquals(64, first.getHeight());
        assertTrue(distinctColours(first, 0, 64) > 20, "a coloured scene, not a flat image");
        CliTest.Result v = cli("validate", "configs/dcgan-64-rgb.json", "--set", "data.dir=" + out);
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("data folder/images [3, 64, 64] x 128"), v.out());
    }

    @Test
    void alignedPairsAreEdgeMapsBesideTheirScenesAndFeedPix2pixAt256And64() throws IOException {
        Path out = tmp.resolve("aligned");
        CliTest.Result r = cli("data", "shapes", "--layout", "aligned", "--count", "2", "--test-count", "1", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, files(out.resolve("train")).size());
        assertEquals(1, files(out.resolve("val")).size());
        BufferedImage pair = ImageIO.read(files(out.resolve("train")).get(0).toFile());
        assertEquals(512, pair.getWidth(), "A|B side by side, 256 px each");
        assertEquals(256, pair.getHeight());
        // A is black lines on white, exactly where B's colour changes by more than the threshold to the right/below.
        int black = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int a = pair.getRGB(x, y) & 0xFFFFFF;
                assertTrue(a == 0 || a == 0xFFFFFF, "edge map pixel (" + x + ", " + y + ") is black or white");
                int b = pair.getRGB(256 + x, y);
                boolean change = x < 255 && ShapeScenes.difference(b, pair.getRGB(257 + x, y)) > ShapeScenes.EDGE_THRESHOLD
                        || y < 255 && ShapeScenes.difference(b, pair.getRGB(256 + x, y + 1)) > ShapeScenes.EDGE_THRESHOLD;
                assertEquals(change, a == 0, "edge at (" + x + ", " + y + ")");
                black += a == 0 ? 1 : 0;
            }
        }
        assertTrue(black > 100 && black < 256 * 256 / 4, "outlines, neither empty nor filled: " + black);
        assertTrue(distinctColours(pair, 256, 512) > 20);
        CliTest.Result v = cli("validate", "configs/pix2pix-256-rgb.json", "--set", "data.dir=" + out);
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("[3, 256, 256] x 2"), v.out());
        CliTest.Result small = cli("validate", "configs/pix2pix-256-rgb.json", "--set", "data.dir=" + out,
                "--set", "data.size=64", "--set", "data.loadSize=72", "--set", "model.generator.depth=6");
        assertEquals(0, small.code(), small.err());
        assertTrue(small.out().contains("[3, 64, 64] x 2"), small.out());
    }

    @Test
    void unalignedDomainsFeedCycleGanAt256AndBIsRecoloured() throws IOException {
        Path out = tmp.resolve("unaligned");
        CliTest.Result r = cli("data", "shapes", "--layout", "unaligned", "--count", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String d : List.of("trainA", "trainB")) {
            assertEquals(2, files(out.resolve(d)).size(), d);
        }
        for (String d : List.of("testA", "testB")) {
            assertEquals(1, files(out.resolve(d)).size(), d + ": count/10, at least 1");
        }
        CliTest.Result v = cli("validate", "configs/cyclegan-256-rgb.json", "--set", "data.dir=" + out);
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("[3, 256, 256] x 4"), v.out());
        // Half a turn of hue: pure red becomes cyan, a mid blue becomes a mid yellow; greys stay grey.
        BufferedImage probe = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        probe.setRGB(0, 0, 0xFF0000);
        probe.setRGB(1, 0, 0x000080);
        probe.setRGB(2, 0, 0x808080);
        BufferedImage turned = ShapeScenes.recolour(probe);
        assertEquals(0x00FFFF, turned.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x808000, turned.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0x808080, turned.getRGB(2, 0) & 0xFFFFFF);
    }

    @Test
    void theSameSeedGivesTheSameFilesAndAnotherSeedOthers() throws IOException {
        byte[][] runs = new byte[3][];
        String[] seeds = {"7", "7", "8"};
        for (int i = 0; i < 3; i++) {
            Path out = tmp.resolve("run" + i);
            assertEquals(0, cli("data", "shapes", "--layout", "images", "--size", "32", "--count", "3", "--seed",
                    seeds[i], "--out", out.toString()).code());
            runs[i] = Files.readAllBytes(out.resolve("shape-00002.png"));
        }
        assertArrayEquals(runs[0], runs[1]);
        assertFalse(java.util.Arrays.equals(runs[0], runs[2]));
        // Scene i does not depend on the count: a bigger folder starts with the same images.
        Path more = tmp.resolve("more");
        assertEquals(0, cli("data", "shapes", "--layout", "images", "--size", "32", "--count", "6", "--seed", "7",
                "--out", more.toString()).code());
        assertArrayEquals(runs[0], Files.readAllBytes(more.resolve("shape-00002.png")));
    }

    @Test
    void anExistingFolderIsNeverOverwrittenAndBadArgumentsAreOneLine() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliTest.Result r = cli("data", "shapes", "--layout", "images", "--count", "2", "--out", out.toString());
        assertEquals(2, r.code());
        assertEquals("gan4j data shapes: " + out + " already exists and is not an empty folder; choose another --out or"
                + " remove it\n", r.err());
        assertEquals(List.of(out.resolve("keep.txt")), files(out));
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
        CliTest.Result size = cli("data", "shapes", "--layout", "aligned", "--size", "4", "--out",
                tmp.resolve("x").toString());
        assertEquals(2, size.code());
        assertEquals("gan4j data shapes: --size must be between 8 and 4096, found 4\n", size.err());
        assertFalse(Files.exists(tmp.resolve("x")));
        CliTest.Result layout = cli("data", "shapes", "--layout", "pairs", "--out", tmp.resolve("y").toString());
        assertEquals(2, layout.code());
        assertEquals("gan4j data shapes: Invalid value for option '--layout': expected one of [images, aligned,"
                + " unaligned] (case-insensitive) but was 'pairs' (see gan4j data shapes --help)\n", layout.err());
    }

    private static int distinctColours(BufferedImage image, int x0, int x1) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = x0; x < x1; x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }
}
