package io.gan4j.core.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns one decoded image into a square {@code [C, S, S]} example in [-1, 1]: the centred square of side
 * {@code m = min(width, height)} (offset {@code floor((width - m) / 2)}, {@code floor((height - m) / 2)}) is
 * resampled to {@code S x S}. That is "resize the shorter side to S, then centre-crop S x S" without rounding the
 * intermediate size.
 *
 * <p>Resampling is separable. Shrinking averages each output pixel's exact footprint in the source, partial pixels
 * weighted by their covered fraction (a box filter, as PIL's {@code BOX} or OpenCV's {@code INTER_AREA}), so
 * nothing aliases. Enlarging interpolates bilinearly between pixel centres, clamped at the edges. Equal sizes copy.
 *
 * <p>Colour: 8- or 16-bit grey images are read from their raster (Java's {@code getRGB} would apply a linear-to-sRGB
 * curve to them); everything else through {@link BufferedImage#getRGB} as sRGB. Alpha is ignored. RGB becomes grey
 * by ITU-R BT.601 luma {@code 0.299 R + 0.587 G + 0.114 B}; grey becomes RGB by repeating it. A value {@code v} in
 * [0, 1] is stored as {@code 2v - 1}, so an 8-bit byte {@code b} becomes {@code b / 127.5 - 1} as in IDX files.
 */
final class ImageResize {

    /** Source pixels and weights that make one output pixel along one axis. */
    private record Taps(int[] first, float[][] weights) {
    }

    private ImageResize() {
    }

    /**
     * Writes {@code image} as {@code channels x size x size} values into {@code out} at {@code offset}.
     *
     * @param channels 1 (grey) or 3 (RGB)
     */
    static void toExample(BufferedImage image, int size, int channels, float[] out, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        int m = Math.min(w, h);
        int x0 = (w - m) / 2;
        int y0 = (h - m) / 2;
        Taps tx = taps(m, size);
        Taps ty = taps(m, size);
        float[][][] rows = horizontalPass(image, x0, y0, m, size, channels, tx);
        verticalPass(rows, m, size, channels, ty, out, offset);
    }

    /** Horizontal pass over the rows of the crop at (x0, y0): rows[c][y][i] for y in [0, m), i in [0, size). */
    private static float[][][] horizontalPass(BufferedImage image, int x0, int y0, int m, int size, int channels,
                                              Taps tx) {
        float[][][] rows = new float[channels][m][size];
        float[][] pixel = new float[channels][m];
        boolean grey = isGrey(image.getColorModel());
        int[] argb = grey ? null : new int[m];
        int[] samples = grey ? new int[m] : null;
        float greyMax = grey ? (float) ((1L << image.getColorModel().getComponentSize(0)) - 1) : 255f;
        Raster raster = grey ? image.getRaster() : null;
        for (int y = 0; y < m; y++) {
            if (grey) {
                raster.getSamples(x0, y0 + y, m, 1, 0, samples);
                for (int x = 0; x < m; x++) {
                    float v = samples[x] / greyMax;
                    for (int c = 0; c < channels; c++) {
                        pixel[c][x] = v;
                    }
                }
            } else {
                image.getRGB(x0, y0 + y, m, 1, argb, 0, m);
                for (int x = 0; x < m; x++) {
                    float r = ((argb[x] >> 16) & 0xFF) / 255f;
                    float g = ((argb[x] >> 8) & 0xFF) / 255f;
                    float b = (argb[x] & 0xFF) / 255f;
                    if (channels == 1) {
                        pixel[0][x] = 0.299f * r + 0.587f * g + 0.114f * b;
                    } else {
                        pixel[0][x] = r;
                        pixel[1][x] = g;
                        pixel[2][x] = b;
                    }
                }
            }
            for (int c = 0; c < channels; c++) {
                apply(tx, pixel[c], rows[c][y]);
            }
        }
        return rows;
    }

    /** Vertical pass, column by column, into {@code out} at {@code offset} as values in [-1, 1]. */
    private static void verticalPass(float[][][] rows, int m, int size, int channels, Taps ty, float[] out,
                                     int offset) {
        float[] column = new float[m];
        float[] result = new float[size];
        for (int c = 0; c < channels; c++) {
            int plane = offset + c * size * size;
            for (int i = 0; i < size; i++) {
                for (int y = 0; y < m; y++) {
                    column[y] = rows[c][y][i];
                }
                apply(ty, column, result);
                for (int j = 0; j < size; j++) {
                    float v = 2f * result[j] - 1f;
                    out[plane + j * size + i] = Math.max(-1f, Math.min(1f, v));
                }
            }
        }
    }

    /** Whether pixel values are read from the raster's first band: grey colour spaces without a palette. */
    private static boolean isGrey(ColorModel cm) {
        return !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && cm.getComponentSize(0) <= 16;
    }

    private static void apply(Taps taps, float[] src, float[] dst) {
        for (int i = 0; i < dst.length; i++) {
            float[] w = taps.weights[i];
            int first = taps.first[i];
            double sum = 0;
            for (int k = 0; k < w.length; k++) {
                sum += w[k] * src[first + k];
            }
            dst[i] = (float) sum;
        }
    }

    /** Resampling weights from {@code m} source pixels to {@code n} output pixels. */
    static Taps taps(int m, int n) {
        int[] first = new int[n];
        float[][] weights = new float[n][];
        double scale = (double) m / n;
        for (int i = 0; i < n; i++) {
            if (scale >= 1) {
                // Box filter over [a, b): every source pixel weighted by its overlap with the footprint.
                double a = i * scale;
                double b = Math.min(m, (i + 1) * scale);
                int lo = (int) Math.floor(a);
                int hi = Math.min(m, (int) Math.ceil(b));
                float[] w = new float[hi - lo];
                for (int k = lo; k < hi; k++) {
                    double overlap = Math.min(b, k + 1) - Math.max(a, k);
                    w[k - lo] = (float) (overlap / scale);
                }
                first[i] = lo;
                weights[i] = w;
            } else {
                // Bilinear between the two nearest pixel centres, clamped at the edges.
                double c = Math.max(0, Math.min(m - 1, (i + 0.5) * scale - 0.5));
                int lo = Math.min((int) Math.floor(c), Math.max(0, m - 2));
                if (m == 1) {
                    first[i] = 0;
                    weights[i] = new float[] {1f};
                } else {
                    float t = (float) (c - lo);
                    first[i] = lo;
                    weights[i] = new float[] {1f - t, t};
                }
            }
        }
        return new Taps(first, weights);
    }
}
