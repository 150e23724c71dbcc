package io.gan4j.core.image;

import io.gan4j.core.api.SampleGrid;
import io.gan4j.core.io.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Renders a {@link SampleGrid} as one picture: tiles row-major with {@value #PADDING}-pixel mid-grey gaps, each image
 * enlarged by the same whole factor (nearest neighbour, so pixels stay sharp) until the grid is at least
 * {@value #MIN_SIDE} pixels on its longer side, and the row labels, if any, in a white margin on the left.
 * Values in [-1, 1] map linearly to [0, 255]; values outside are clamped, NaN shows as black. Works headless.
 */
public final class ImageGrid {
    /** Pixels between neighbouring tiles. */
    public static final int PADDING = 2;
    /** The grid's longer side (without the label margin) is enlarged to at least this many pixels. */
    public static final int MIN_SIDE = 256;

    private static final int GAP_GREY = 0x80;
    private static final int LABEL_INSET = 6;
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ImageGrid() {
    }

    /**
     * Renders the grid.
     *
     * @param grid images {@code [rows * cols, C, H, W]}, C = 1 (grey) or 3 (RGB), values in [-1, 1]
     * @return a grey ({@link BufferedImage#TYPE_BYTE_GRAY}) or RGB ({@link BufferedImage#TYPE_INT_RGB}) image
     * @throws IllegalArgumentException for another rank or channel count, or a label count that is not rows
     */
    public static BufferedImage render(SampleGrid grid) {
        INDArray images = grid.images();
        long[] shape = images.shape();
        if (shape.length != 4 || (shape[1] != 1 && shape[1] != 3)) {
            throw new IllegalArgumentException("expected images [N, 1 or 3, H, W], got " + Arrays.toString(shape));
        }
        String[] labels = grid.rowLabels();
        if (labels != null && labels.length != grid.rows()) {
            throw new IllegalArgumentException(labels.length + " row labels for " + grid.rows() + " rows");
        }
        int channels = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        int rows = grid.rows();
        int cols = grid.cols();
        float[] values = images.castTo(DataType.FLOAT).dup('c').data().asFloat();

        int scale = Math.max(1, ceilDiv(MIN_SIDE, Math.max(cols * w, rows * h)));
        int tileW = w * scale;
        int tileH = h * scale;
        int margin = labels == null ? 0 : labelMargin(labels);
        int width = margin + cols * tileW + (cols - 1) * PADDING;
        int height = rows * tileH + (rows - 1) * PADDING;

        BufferedImage image = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        paintBackground(image, labels, margin, tileH);
        paintTiles(image.getRaster(), values, rows * cols, cols, channels, h, w, scale, margin);
        return image;
    }

    /** Fills {@code image} with the gap grey and draws the row labels, if any, in its left margin. */
    private static void paintBackground(BufferedImage image, String[] labels, int margin, int tileH) {
        int width = image.getWidth();
        int height = image.getHeight();
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(GAP_GREY, GAP_GREY, GAP_GREY));
            g.fillRect(0, 0, width, height);
            if (labels != null) {
                drawLabels(g, labels, margin, height, tileH);
            }
        } finally {
            g.dispose();
        }
    }

    /** Writes {@code tiles} images {@code [channels, h, w]} from {@code values}, each enlarged {@code scale} times. */
    private static void paintTiles(WritableRaster raster, float[] values, int tiles, int cols, int channels, int h,
                                   int w, int scale, int margin) {
        int tileW = w * scale;
        int tileH = h * scale;
        int plane = h * w;
        for (int t = 0; t < tiles; t++) {
            int left = margin + (t % cols) * (tileW + PADDING);
            int top = (t / cols) * (tileH + PADDING);
            for (int c = 0; c < channels; c++) {
                int base = (t * channels + c) * plane;
                for (int y = 0; y < tileH; y++) {
                    int row = base + (y / scale) * w;
                    for (int x = 0; x < tileW; x++) {
                        raster.setSample(left + x, top + y, c, toByte(values[row + x / scale]));
                    }
                }
            }
        }
    }

    /**
     * Renders the grid and writes it as PNG, replacing {@code png} atomically.
     *
     * @return the rendered image
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static BufferedImage write(SampleGrid grid, Path png) {
        BufferedImage image = render(grid);
        writePng(image, png);
        return image;
    }

    /** Writes any image as PNG, atomically. */
    static void writePng(BufferedImage image, Path png) {
        AtomicFiles.writeUnchecked(png, out -> encodePng(image, out));
    }

    /**
     * Encodes {@code image} as PNG onto {@code out}, buffering in memory. {@code ImageIO.write(image, "png", out)}
     * would buffer in a temporary file whose clean-up registers a shutdown hook, and that throws "Shutdown in
     * progress" once the JVM is stopping: the final sample grid of a run stopped by Ctrl-C or SIGTERM could not be
     * written. An explicit writer on a memory-cached stream does not depend on the JVM's state.
     *
     * @throws IOException when {@code out} fails or no PNG encoder takes the image's type
     */
    public static void encodePng(BufferedImage image, OutputStream out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        ImageWriter writer = writers.hasNext() ? writers.next() : null;
        if (writer == null || !writer.getOriginatingProvider().canEncodeImage(image)) {
            throw new IOException("no PNG encoder for image type " + image.getType());
        }
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } finally {
            writer.dispose();
        }
    }

    /** Maps [-1, 1] to [0, 255], clamping; NaN gives 0. */
    static int toByte(float v) {
        if (!(v > -1f)) {
            return 0;
        }
        return v >= 1f ? 255 : (int) Math.round((v + 1.0) * 127.5);
    }

    private static int labelMargin(String[] labels) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics fm = g.getFontMetrics(LABEL_FONT);
            int widest = 0;
            for (String label : labels) {
                widest = Math.max(widest, fm.stringWidth(label == null ? "" : label));
            }
            return widest + 2 * LABEL_INSET;
        } finally {
            g.dispose();
        }
    }

    private static void drawLabels(Graphics2D g, String[] labels, int margin, int height, int tileH) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, margin, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(LABEL_FONT);
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] != null) {
                int baseline = r * (tileH + PADDING) + (tileH + fm.getAscent() - fm.getDescent()) / 2;
                g.drawString(labels[r], LABEL_INSET, baseline);
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
