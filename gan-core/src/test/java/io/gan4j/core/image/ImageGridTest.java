package io.gan4j.core.image;

import io.gan4j.core.api.SampleGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageGridTest {
    @TempDir
    Path dir;

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }

    /** Six 4x4 grey tiles in a 2x3 grid: tile t holds a constant except pixel (row 1, col 2), which is +1. */
    private static SampleGrid sixTiles(String[] labels) {
        float[] v = new float[6 * 16];
        float[] constants = {-1f, 0f, 1f, 5f, -0.5f, Float.NaN};
        for (int t = 0; t < 6; t++) {
            for (int p = 0; p < 16; p++) {
                v[t * 16 + p] = constants[t];
            }
            v[t * 16 + 4 + 2] = 1f;
        }
        return new SampleGrid(Nd4j.create(v, new long[] {6, 1, 4, 4}, DataType.FLOAT), 2, 3, labels);
    }

    @Test
    void greyGridLayoutAndPixelValues() {
        BufferedImage image = ImageGrid.render(sixTiles(null));
        // Longer side 3 * 4 = 12 px, enlarged by ceil(256 / 12) = 22 to 88 px tiles.
        int tile = 88;
        assertEquals(3 * tile + 2 * ImageGrid.PADDING, image.getWidth());
        assertEquals(2 * tile + ImageGrid.PADDING, image.getHeight());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());

        int[] expected = {0, 128, 255, 255, 64, 0};
        for (int t = 0; t < 6; t++) {
            int left = (t % 3) * (tile + ImageGrid.PADDING);
            int top = (t / 3) * (tile + ImageGrid.PADDING);
            assertEquals(expected[t], grey(image, left, top), "tile " + t);
            assertEquals(expected[t], grey(image, left + tile - 1, top + tile - 1), "tile " + t);
            // The bright pixel at (row 1, col 2) covers a 22x22 block.
            assertEquals(255, grey(image, left + 2 * 22, top + 22), "tile " + t);
            assertEquals(255, grey(image, left + 3 * 22 - 1, top + 2 * 22 - 1), "tile " + t);
            assertEquals(expected[t], grey(image, left + 3 * 22, top + 22), "tile " + t);
        }
        assertEquals(0x80, grey(image, tile, 0), "gap between tiles");
        assertEquals(0x80, grey(image, 0, tile + 1), "gap between rows");
    }

    @Test
    void colourTileKeepsChannels() {
        float[] v = new float[3 * 2 * 2];
        for (int p = 0; p < 4; p++) {
            v[p] = 1f;       // red
            v[4 + p] = -1f;  // green
            v[8 + p] = 0f;   // blue
        }
        BufferedImage image = ImageGrid.render(new SampleGrid(Nd4j.create(v, new long[] {1, 3, 2, 2}, DataType.FLOAT), 1, 1));
        assertEquals(256, image.getWidth());
        assertEquals(256, image.getHeight());
        assertEquals(0xFF0080, image.getRGB(200, 17) & 0xFFFFFF);
    }

    @Test
    void rowLabelsGoInAWhiteLeftMargin() {
        BufferedImage plain = ImageGrid.render(sixTiles(null));
        BufferedImage labelled = ImageGrid.render(sixTiles(new String[] {"real", "generated"}));
        int margin = labelled.getWidth() - plain.getWidth();
        assertTrue(margin > 20 && margin < 120, "margin " + margin);
        assertEquals(plain.getHeight(), labelled.getHeight());
        assertEquals(255, grey(labelled, 0, 0));
        int dark = 0;
        for (int y = 0; y < labelled.getHeight(); y++) {
            for (int x = 0; x < margin; x++) {
                if (grey(labelled, x, y) < 100) {
                    dark++;
                }
            }
        }
        assertTrue(dark > 20, "label text is drawn: " + dark + " dark pixels");
        // The tiles move right by the margin.
        assertEquals(grey(plain, 5, 5), grey(labelled, margin + 5, 5));
        assertEquals(grey(plain, 90 + 5, 5), grey(labelled, margin + 90 + 5, 5));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.render(sixTiles(new String[] {"one"})));
    }

    @Test
    void writesAPngAtomically() throws IOException {
        Path png = dir.resolve("samples/step-100.png");
        BufferedImage rendered = ImageGrid.write(sixTiles(null), png);
        BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(rendered.getWidth(), read.getWidth());
        assertEquals(rendered.getHeight(), read.getHeight());
        assertEquals(255, grey(read, 2 * 90 + 1, 1));
        assertEquals(128, grey(read, 90 + 1, 1));
        try (Stream<Path> files = Files.list(png.getParent())) {
            assertEquals(List.of(png), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void largeGridsAreNotEnlargedAndOtherChannelCountsAreRejected() {
        SampleGrid big = new SampleGrid(Nd4j.zeros(DataType.FLOAT, 100, 1, 28, 28), 10, 10);
        assertEquals(10 * 28 + 9 * ImageGrid.PADDING, ImageGrid.render(big).getWidth());
        SampleGrid twoChannels = new SampleGrid(Nd4j.zeros(DataType.FLOAT, 1, 2, 4, 4), 1, 1);
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.render(twoChannels));
    }
}
