package io.gan4j.core.data;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.SplittableRandom;

/**
 * How {@link DerivedPairsData} derives a translation input from a clean target image {@code [C, H, W]} in [-1, 1].
 * Each is a task of the seeds' applications with a known answer (the target), so L1, PSNR and SSIM against it
 * measure the translation directly.
 */
public enum PairTask {
    /** A random axis-aligned rectangle is set to {@code maskValue}; the model fills it in. */
    @JsonProperty("inpaint") INPAINT,
    /** Block mean over {@code factor × factor} pixels, then bilinear up-sampling back to full size. */
    @JsonProperty("superres") SUPERRES,
    /** Gaussian noise (clipped to [-1, 1]) or salt-and-pepper noise. */
    @JsonProperty("denoise") DENOISE,
    /** A binary Sobel edge map (edge 1, else −1), like edges2shoes; the model paints the image behind it. */
    @JsonProperty("edges") EDGES;

    /**
     * Writes the input derived from one target.
     *
     * @param p      the task's parameters
     * @param src    values holding the target at {@code offset}, {@code c·h·w} values, row-major
     * @param out    where the input goes, at {@code outOffset}
     * @param random this example's random choices (unused by the deterministic tasks)
     */
    void derive(DerivedPairsData p, float[] src, int offset, int c, int h, int w, float[] out, int outOffset,
                SplittableRandom random) {
        int n = c * h * w;
        switch (this) {
            case INPAINT -> {
                System.arraycopy(src, offset, out, outOffset, n);
                int mh = side(p.maskMin(), p.maskMax(), h, random);
                int mw = side(p.maskMin(), p.maskMax(), w, random);
                int y0 = random.nextInt(h - mh + 1);
                int x0 = random.nextInt(w - mw + 1);
                float v = (float) p.maskValue();
                for (int ch = 0; ch < c; ch++) {
                    for (int y = y0; y < y0 + mh; y++) {
                        int row = outOffset + (ch * h + y) * w;
                        for (int x = x0; x < x0 + mw; x++) {
                            out[row + x] = v;
                        }
                    }
                }
            }
            case SUPERRES -> downUp(src, offset, c, h, w, p.factor(), out, outOffset);
            case DENOISE -> {
                if (p.noise() == NoiseType.GAUSSIAN) {
                    for (int i = 0; i < n; i++) {
                        double v = src[offset + i] + p.noiseStd() * gaussian(random);
                        out[outOffset + i] = (float) Math.max(-1, Math.min(1, v));
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        float v = src[offset + i];
                        if (random.nextDouble() < p.noiseFraction()) {
                            v = random.nextBoolean() ? 1f : -1f;
                        }
                        out[outOffset + i] = v;
                    }
                }
            }
            case EDGES -> edges(src, offset, c, h, w, p.edgeThreshold(), out, outOffset);
            default -> throw new IllegalStateException(name());
        }
    }

    /** A rectangle side in pixels, uniform between the two fractions of {@code size}, at least 1. */
    private static int side(double minFraction, double maxFraction, int size, SplittableRandom random) {
        int lo = Math.max(1, (int) Math.round(minFraction * size));
        int hi = Math.max(lo, Math.min(size, (int) Math.round(maxFraction * size)));
        return lo + random.nextInt(hi - lo + 1);
    }

    /** A standard normal value by Box–Muller, from the example's own stream. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * Block mean over {@code f × f} (H and W divisible by f), then bilinear interpolation back with pixel centres
     * aligned ({@code src = (dst + 0.5) / f − 0.5}, clamped at the border), as image libraries resize.
     */
    static void downUp(float[] src, int offset, int c, int h, int w, int f, float[] out, int outOffset) {
        int sh = h / f;
        int sw = w / f;
        float[] small = new float[sh * sw];
        for (int ch = 0; ch < c; ch++) {
            int plane = offset + ch * h * w;
            for (int by = 0; by < sh; by++) {
                for (int bx = 0; bx < sw; bx++) {
                    double sum = 0;
                    for (int y = by * f; y < (by + 1) * f; y++) {
                        for (int x = bx * f; x < (bx + 1) * f; x++) {
                            sum += src[plane + y * w + x];
                        }
                    }
                    small[by * sw + bx] = (float) (sum / (f * f));
                }
            }
            int outPlane = outOffset + ch * h * w;
            for (int y = 0; y < h; y++) {
                double sy = Math.max(0, Math.min(sh - 1, (y + 0.5) / f - 0.5));
                int y0 = (int) Math.floor(sy);
                int y1 = Math.min(sh - 1, y0 + 1);
                double ty = sy - y0;
                for (int x = 0; x < w; x++) {
                    double sx = Math.max(0, Math.min(sw - 1, (x + 0.5) / f - 0.5));
                    int x0 = (int) Math.floor(sx);
                    int x1 = Math.min(sw - 1, x0 + 1);
                    double tx = sx - x0;
                    double top = small[y0 * sw + x0] * (1 - tx) + small[y0 * sw + x1] * tx;
                    double bottom = small[y1 * sw + x0] * (1 - tx) + small[y1 * sw + x1] * tx;
                    out[outPlane + y * w + x] = (float) (top * (1 - ty) + bottom * ty);
                }
            }
        }
    }

    /**
     * Sobel edges of the channel-mean intensity {@code g = (x + 1) / 2} in [0, 1], border pixels replicated: a pixel
     * is an edge (1) when {@code sqrt(gx² + gy²) / 4 > threshold} (1 for a full black-to-white step), else −1; the
     * map is written to every channel.
     */
    static void edges(float[] src, int offset, int c, int h, int w, double threshold, float[] out, int outOffset) {
        float[] g = new float[h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < h * w; i++) {
                g[i] += (src[offset + ch * h * w + i] + 1f) / (2f * c);
            }
        }
        for (int y = 0; y < h; y++) {
            int ym = Math.max(0, y - 1);
            int yp = Math.min(h - 1, y + 1);
            for (int x = 0; x < w; x++) {
                int xm = Math.max(0, x - 1);
                int xp = Math.min(w - 1, x + 1);
                double gx = (g[ym * w + xp] + 2 * g[y * w + xp] + g[yp * w + xp])
                        - (g[ym * w + xm] + 2 * g[y * w + xm] + g[yp * w + xm]);
                double gy = (g[yp * w + xm] + 2 * g[yp * w + x] + g[yp * w + xp])
                        - (g[ym * w + xm] + 2 * g[ym * w + x] + g[ym * w + xp]);
                float v = Math.sqrt(gx * gx + gy * gy) / 4 > threshold ? 1f : -1f;
                for (int ch = 0; ch < c; ch++) {
                    out[outOffset + (ch * h + y) * w + x] = v;
                }
            }
        }
    }

    /** Noise of {@link #DENOISE}. */
    public enum NoiseType {
        /** Additive N(0, noiseStd²), clipped to [-1, 1]. */
        @JsonProperty("gaussian") GAUSSIAN,
        /** A share {@code noiseFraction} of pixels set to −1 or 1 with equal probability. */
        @JsonProperty("salt-and-pepper") SALT_AND_PEPPER
    }
}
