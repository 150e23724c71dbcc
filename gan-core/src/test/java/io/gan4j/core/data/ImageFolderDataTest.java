package io.gan4j.core.data;

import io.gan4j.core.api.DataKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFolderDataTest {
    private static final float EXACT = 1e-5f;

    @TempDir
    Path dir;

    private static ImageFolderData folder(Path dir, int size, int channels) {
        return new ImageFolderData(dir.toString(), size, channels, Split.TRAIN, 0, 0);
    }

    /** Value stored for byte {@code b}. */
    private static float v(double b) {
        return (float) (b / 127.5 - 1);
    }

    private static BufferedImage solid(int w, int h, Color c) {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = im.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return im;
    }

    /** An 8-bit grey image whose pixel (x, y) is {@code rows[y][x]}. */
    private static BufferedImage grey(int[][] rows) {
        BufferedImage im = new BufferedImage(rows[0].length, rows.length, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length; x++) {
                im.getRaster().setSample(x, y, 0, rows[y][x]);
            }
        }
        return im;
    }

    private static void write(BufferedImage im, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        String format = name.endsWith(".png") ? "png" : "jpeg";
        assertTrue(ImageIO.write(im, format, file.toFile()), "no writer for " + format);
    }

    /** Value of channel {@code c} at (row, col) of example {@code i}. */
    private static float at(ArrayDataset d, int i, int c, int row, int col) {
        long[] s = d.sampleShape();
        return d.values()[(int) (i * d.sampleSize() + (c * s[1] + row) * s[2] + col)];
    }

    @Test
    void wideImageIsCentreCroppedAndAreaAveraged() throws IOException {
        // 8 x 4: two red columns either side of a 4 x 4 centre made of four 2 x 2 blocks of different colours.
        BufferedImage im = solid(8, 4, Color.RED);
        int[][] blocks = {{0x102030, 0x405060}, {0x708090, 0xA0B0C0}};
        for (int y = 0; y < 4; y++) {
            for (int x = 2; x < 6; x++) {
                im.setRGB(x, y, blocks[y / 2][(x - 2) / 2]);
            }
        }
        // Make the 2 x 2 block at the top left non-uniform: its average is what must come out.
        im.setRGB(2, 0, 0x000000);
        im.setRGB(3, 1, 0x204060);
        write(im, dir.resolve("wide.png"));
        ArrayDataset d = folder(dir, 2, 3).load(0);
        assertEquals(1, d.size());
        assertArrayEquals(new long[] {3, 2, 2}, d.sampleShape());
        // Top-left: pixels 000000, 102030, 102030, 204060 average to 0x10, 0x20, 0x30 per channel... per channel:
        // R (0 + 16 + 16 + 32) / 4 = 16, G (0 + 32 + 32 + 64) / 4 = 32, B (0 + 48 + 48 + 96) / 4 = 48.
        assertEquals(v(16), at(d, 0, 0, 0, 0), EXACT);
        assertEquals(v(32), at(d, 0, 1, 0, 0), EXACT);
        assertEquals(v(48), at(d, 0, 2, 0, 0), EXACT);
        assertEquals(v(0x40), at(d, 0, 0, 0, 1), EXACT);
        assertEquals(v(0x80), at(d, 0, 1, 1, 0), EXACT);
        assertEquals(v(0xC0), at(d, 0, 2, 1, 1), EXACT);

        // At the image's own size the centre is copied exactly.
        ArrayDataset same = folder(dir, 4, 3).load(0);
        assertEquals(v(0), at(same, 0, 0, 0, 0), EXACT);
        assertEquals(v(0x10), at(same, 0, 0, 0, 1), EXACT);
        assertEquals(v(0x60), at(same, 0, 2, 0, 3), EXACT);
        assertEquals(v(0xA0), at(same, 0, 0, 3, 3), EXACT);
    }

    @Test
    void tallImageIsCroppedVerticallyAndFractionalFootprintsAreWeighted() throws IOException {
        // 3 x 5 grey gradient rows: the centre 3 x 3 is rows 1..3; shrinking 3 -> 2 gives footprints of 1.5 pixels.
        write(grey(new int[][] {{255, 255, 255}, {0, 0, 0}, {60, 60, 60}, {120, 120, 120}, {255, 255, 255}}),
                dir.resolve("tall.png"));
        ArrayDataset d = folder(dir, 2, 1).load(0);
        // Output row 0 covers source rows [0, 1.5) of the crop: (0 * 1 + 60 * 0.5) / 1.5 = 20.
        assertEquals(v(20), at(d, 0, 0, 0, 0), EXACT);
        assertEquals(v(20), at(d, 0, 0, 0, 1), EXACT);
        // Output row 1 covers [1.5, 3): (60 * 0.5 + 120) / 1.5 = 100.
        assertEquals(v(100), at(d, 0, 0, 1, 1), EXACT);
    }

    @Test
    void enlargingInterpolatesBilinearly() throws IOException {
        write(grey(new int[][] {{0, 200}, {0, 200}}), dir.resolve("small.png"));
        ArrayDataset d = folder(dir, 4, 1).load(0);
        // Output centres map to source x = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        float[] expected = {v(0), v(50), v(150), v(200)};
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 4; col++) {
                assertEquals(expected[col], at(d, 0, 0, row, col), EXACT);
            }
        }
    }

    @Test
    void channelsAreConvertedBothWays() throws IOException {
        write(solid(5, 3, new Color(200, 100, 50)), dir.resolve("a.png"));
        write(grey(new int[][] {{128, 128, 128}, {128, 128, 128}, {128, 128, 128}}), dir.resolve("b.png"));

        ArrayDataset g = folder(dir, 3, 1).load(0);
        assertArrayEquals(new long[] {1, 3, 3}, g.sampleShape());
        // BT.601 luma of (200, 100, 50) = 124.2; the grey PNG keeps its raw value (no gamma applied).
        assertEquals(v(0.299 * 200 + 0.587 * 100 + 0.114 * 50), at(g, 0, 0, 1, 1), EXACT);
        assertEquals(v(128), at(g, 1, 0, 2, 2), EXACT);

        ArrayDataset rgb = folder(dir, 3, 3).load(0);
        assertEquals(v(200), at(rgb, 0, 0, 0, 0), EXACT);
        assertEquals(v(100), at(rgb, 0, 1, 0, 0), EXACT);
        assertEquals(v(50), at(rgb, 0, 2, 0, 0), EXACT);
        for (int c = 0; c < 3; c++) {
            assertEquals(v(128), at(rgb, 1, c, 1, 1), EXACT);
        }
    }

    @Test
    void jpegAndPngOfAnySizeLandInMinusOneToOne() throws IOException {
        write(solid(40, 30, Color.WHITE), dir.resolve("white.jpg"));
        write(solid(17, 61, Color.BLACK), dir.resolve("black.JPEG"));
        BufferedImage gradient = new BufferedImage(50, 20, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 50; x++) {
            for (int y = 0; y < 20; y++) {
                gradient.setRGB(x, y, new Color(x * 5, y * 12, 255 - x * 5).getRGB());
            }
        }
        write(gradient, dir.resolve("gradient.png"));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        ArrayDataset d = folder(dir, 8, 3).load(0);
        assertEquals("folder/" + dir.getFileName(), d.name());
        assertEquals(3, d.size());
        assertFalse(d.hasLabels());
        assertEquals(DataKind.UNLABELLED, folder(dir, 8, 3).kind());
        for (float x : d.values()) {
            assertTrue(x >= -1f && x <= 1f, "value " + x);
        }
        // Sorted names: black.JPEG, gradient.png, white.jpg. JPEG is lossy: allow a few levels.
        assertEquals(-1f, at(d, 0, 1, 4, 4), 0.05f);
        assertEquals(1f, at(d, 2, 0, 4, 4), 0.05f);
        // The gradient's red rises from left to right within the centre crop.
        assertTrue(at(d, 1, 0, 3, 0) < at(d, 1, 0, 3, 7));
    }

    /** A data folder that is a link (and class folders that are links) loads as the folder itself would. */
    @Test
    void linkedFoldersAreFollowed() throws IOException {
        Path real = dir.resolve("real");
        write(solid(6, 6, Color.RED), real.resolve("a.png"));
        write(solid(6, 6, Color.GREEN), real.resolve("b.png"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertEquals(2, folder(link, 4, 3).load(0).size());

        Path labelled = dir.resolve("labelled");
        write(solid(6, 6, Color.BLUE), dir.resolve("elsewhere/dog/x.png"));
        Files.createDirectories(labelled);
        Files.createSymbolicLink(labelled.resolve("dog"), dir.resolve("elsewhere/dog"));
        Files.createSymbolicLink(labelled.resolve("cat"), real);
        ArrayDataset d = folder(labelled, 4, 3).load(0);
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertArrayEquals(new int[] {0, 0, 1}, d.labels());
    }

    @Test
    void classFoldersBecomeSortedLabelsWithNames() throws IOException {
        write(solid(6, 6, Color.GREEN), dir.resolve("zebra/1.png"));
        write(solid(6, 6, Color.RED), dir.resolve("cat/b.png"));
        write(solid(6, 6, Color.RED), dir.resolve("cat/a.jpg"));
        write(solid(6, 6, Color.BLUE), dir.resolve("dog/deeper/x.png"));
        write(solid(6, 6, Color.BLUE), dir.resolve(".thumbnails/skip.png"));
        ImageFolderData config = folder(dir, 4, 3);
        assertEquals(DataKind.LABELLED, config.kind());
        assertEquals(List.of("cat", "dog", "zebra"), config.classNames());
        ArrayDataset d = config.load(0);
        assertEquals(4, d.size());
        assertEquals(3, d.numClasses());
        assertEquals(List.of("cat", "dog", "zebra"), d.classNames());
        assertArrayEquals(new int[] {0, 0, 1, 2}, d.labels());
        assertEquals(List.of("cat", "dog", "zebra"), d.limit(2).classNames());
        assertEquals(2, new ImageFolderData(dir.toString(), 4, 3, Split.TRAIN, 0, 2).load(0).size());
        assertEquals(v(255), at(d, 3, 1, 0, 0), EXACT);
    }

    @Test
    void loadingTwiceGivesTheSameData() throws IOException {
        for (int i = 0; i < 5; i++) {
            write(solid(7 + i, 9, new Color(i * 40, 255 - i * 40, 90)), dir.resolve("c" + (i % 2) + "/" + i + ".png"));
        }
        ImageFolderData config = new ImageFolderData(dir.toString(), 5, 3, Split.TRAIN, 0.4, 0);
        ArrayDataset a = config.load(1);
        ArrayDataset b = config.load(2);
        assertArrayEquals(a.values(), b.values());
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.spec(), b.spec());
    }

    @Test
    void heldoutSplitIsStratifiedDisjointAndFixed() throws IOException {
        for (int i = 0; i < 20; i++) {
            write(solid(2, 2, new Color(10 + i * 10, 0, 0)), dir.resolve("a/" + i + ".png"));
        }
        for (int i = 0; i < 10; i++) {
            write(solid(2, 2, new Color(0, 10 + i * 10, 0)), dir.resolve("b/" + i + ".png"));
        }
        write(solid(2, 2, Color.WHITE), dir.resolve("c/only.png"));
        ImageFolderData train = new ImageFolderData(dir.toString(), 2, 3, Split.TRAIN, 0.2, 0);
        ImageFolderData heldout = new ImageFolderData(dir.toString(), 2, 3, Split.HELDOUT, 0.2, 0);
        ArrayDataset tr = train.load(0);
        ArrayDataset ho = heldout.load(0);
        assertEquals("folder/" + dir.getFileName() + "/train", tr.name());
        assertEquals("folder/" + dir.getFileName() + "/heldout", ho.name());
        // 20% of each class: 4 of a, 2 of b, none of the single c image (a class keeps at least one to train on).
        assertEquals(6, ho.size());
        assertEquals(25, tr.size());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1}, ho.labels());
        assertEquals(3, ho.numClasses());
        // Disjoint: each image's colour is unique.
        Set<Float> trainColours = new HashSet<>();
        for (int i = 0; i < tr.size(); i++) {
            trainColours.add(at(tr, i, 0, 0, 0) * 10 + at(tr, i, 1, 0, 0));
        }
        for (int i = 0; i < ho.size(); i++) {
            assertFalse(trainColours.contains(at(ho, i, 0, 0, 0) * 10 + at(ho, i, 1, 0, 0)));
        }
        // Adding an image moves at most one other out of the held-out part (class a still holds out 4 of 21).
        List<Float> before = new ArrayList<>();
        for (int i = 0; i < ho.size(); i++) {
            before.add(at(ho, i, 0, 0, 0));
        }
        write(solid(2, 2, new Color(255, 255, 0)), dir.resolve("a/new.png"));
        ArrayDataset after = heldout.load(0);
        List<Float> now = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            now.add(at(after, i, 0, 0, 0));
        }
        assertTrue(before.subList(0, 4).stream().filter(now::contains).count() >= 3, now + " " + before);
        assertTrue(now.containsAll(before.subList(4, 6)), now + " " + before);
    }

    @Test
    void layoutProblemsAreOneLineErrorsNamingTheFolder() throws IOException {
        Path missing = dir.resolve("missing");
        assertEquals("folder: " + missing + ": no such directory; $.data.dir is \"" + missing
                        + "\": docs/data.md says how to get data sets in the layouts gan4j reads",
                assertThrows(DataException.class, () -> folder(missing, 4, 3).load(0)).getMessage());
        assertEquals(DataKind.UNLABELLED, folder(missing, 4, 3).kind());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "x");
        assertEquals("folder: " + empty + ": no images found (accepted: .png, .jpg, .jpeg, directly in the folder or"
                        + " in one sub-folder per class)",
                assertThrows(DataException.class, () -> folder(empty, 4, 3).load(0)).getMessage());

        Path mixed = dir.resolve("mixed");
        write(solid(3, 3, Color.RED), mixed.resolve("loose.png"));
        write(solid(3, 3, Color.RED), mixed.resolve("cats/a.png"));
        write(solid(3, 3, Color.RED), mixed.resolve("dogs/a.png"));
        assertEquals("folder: " + mixed + ": has both images directly in it (loose.png) and class folders (cats and 1"
                        + " more); put every image in a class folder, or remove the folders for unlabelled data",
                assertThrows(DataException.class, () -> folder(mixed, 4, 3).load(0)).getMessage());

        Path emptyClass = dir.resolve("emptyclass");
        write(solid(3, 3, Color.RED), emptyClass.resolve("cats/a.png"));
        Files.createDirectories(emptyClass.resolve("dogs"));
        assertEquals("folder: " + emptyClass.resolve("dogs") + ": class folder 'dogs' has no images (accepted: .png,"
                        + " .jpg, .jpeg); add images or remove the folder",
                assertThrows(DataException.class, () -> folder(emptyClass, 4, 3).load(0)).getMessage());

        Path file = Files.writeString(dir.resolve("file.png"), "x");
        assertEquals("folder: " + file + ": not a directory",
                assertThrows(DataException.class, () -> folder(file, 4, 3).load(0)).getMessage());
    }

    @Test
    void corruptImagesAreNamed() throws IOException {
        Path images = dir.resolve("images");
        write(solid(3, 3, Color.RED), images.resolve("a.png"));
        Path text = Files.writeString(images.resolve("b.png"), "this is not a PNG");
        DataException e = assertThrows(DataException.class, () -> folder(images, 4, 3).load(0));
        assertEquals(text + ": cannot decode image: not a PNG or JPEG file", e.getMessage());

        Files.delete(text);
        byte[] png = Files.readAllBytes(images.resolve("a.png"));
        Path truncated = Files.write(images.resolve("c.jpg"), java.util.Arrays.copyOf(png, png.length / 2));
        e = assertThrows(DataException.class, () -> folder(images, 4, 3).load(0));
        assertTrue(e.getMessage().startsWith(truncated + ": cannot decode image: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
