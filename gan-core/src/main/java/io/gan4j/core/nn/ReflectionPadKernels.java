package io.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * Reflection padding of float arrays {@code [N, C, H, W]} plane by plane in Java (the approach of {@link FloatArrays}):
 * one read of each input plane and one write of each padded plane, where {@link ReflectionPadding2DImpl}'s op-by-op
 * form makes 4·p + 1 strided native copies per pass (and as many strided adds backward), each with its own call.
 * Padded position (r, q) of a plane copies input pixel (reflect(r − p), reflect(q − p)), with reflect(i) = −i below 0
 * and 2(H − 1) − i past the last row (likewise for columns): PyTorch's {@code ReflectionPad2d}. Backward adds each
 * padded position's gradient into the input pixel it copied.
 */
final class ReflectionPadKernels {
    private ReflectionPadKernels() {
    }

    /** Whether the kernels take {@code a}: see {@link FloatArrays#planesApply}. */
    static boolean applies(INDArray a) {
        return FloatArrays.planesApply(a);
    }

    /**
     * Pads every plane of {@code x} by {@code p} pixels on each side.
     *
     * @param x   input {@code [N, C, H, W]}, {@link #applies}, p &lt; H and p &lt; W
     * @param p   padding
     * @param out {@code [N, C, H + 2p, W + 2p]}, {@link #applies}
     */
    static void pad(INDArray x, int p, INDArray out) {
        forEachPlane(x, out, p, true, (v, padded, h, w) -> {
            int paddedW = w + 2 * p;
            for (int r = 0; r < h + 2 * p; r++) {
                int from = reflect(r - p, h) * w;
                int row = r * paddedW;
                for (int q = 0; q < p; q++) {
                    padded[row + q] = v[from + p - q];
                    padded[row + p + w + q] = v[from + w - 2 - q];
                }
                System.arraycopy(v, from, padded, row + p, w);
            }
        });
    }

    /**
     * The gradient of {@link #pad}: each input pixel's dL/dx is the sum of dL/dpadded over the positions that copy it.
     *
     * @param g  dL/dpadded {@code [N, C, H + 2p, W + 2p]}, {@link #applies}
     * @param p  padding
     * @param dx dL/dx {@code [N, C, H, W]}, {@link #applies}
     */
    static void fold(INDArray g, int p, INDArray dx) {
        forEachPlane(dx, g, p, false, (v, padded, h, w) -> {
            int paddedW = w + 2 * p;
            java.util.Arrays.fill(v, 0, h * w, 0f);
            for (int r = 0; r < h + 2 * p; r++) {
                int to = reflect(r - p, h) * w;
                int row = r * paddedW;
                for (int q = 0; q < w; q++) {
                    v[to + q] += padded[row + p + q];
                }
                for (int q = 0; q < p; q++) {
                    v[to + p - q] += padded[row + q];
                    v[to + w - 2 - q] += padded[row + p + w + q];
                }
            }
        });
    }

    /** The work on one plane: {@code image} holds H·W values, {@code padded} (H + 2p)·(W + 2p). */
    @FunctionalInterface
    private interface PlaneKernel {
        void run(float[] image, float[] padded, int h, int w);
    }

    /**
     * Runs {@code kernel} on every plane pair of {@code image} {@code [N, C, H, W]} and {@code padded}
     * {@code [N, C, H + 2p, W + 2p]}, in parallel ranges of planes with per-thread buffers: forward reads the image
     * plane and writes the padded one, backward reads the padded plane and writes the image one.
     */
    private static void forEachPlane(INDArray image, INDArray padded, int p, boolean forward, PlaneKernel kernel) {
        int h = (int) image.size(2);
        int w = (int) image.size(3);
        int inSize = h * w;
        int outSize = (h + 2 * p) * (w + 2 * p);
        int planes = (int) (image.size(0) * image.size(1));
        KernelThreads.forRanges(planes, image.length() + padded.length(), (first, last) -> {
            float[][] b = FloatArrays.planeBuffers(inSize, outSize);
            FloatBuffer imageData = image.data().asNioFloat();
            FloatBuffer paddedData = padded.data().asNioFloat();
            for (int plane = first; plane < last; plane++) {
                int imageAt = (int) image.offset() + plane * inSize;
                int paddedAt = (int) padded.offset() + plane * outSize;
                if (forward) {
                    imageData.get(imageAt, b[0], 0, inSize);
                    kernel.run(b[0], b[1], h, w);
                    paddedData.put(paddedAt, b[1], 0, outSize);
                } else {
                    paddedData.get(paddedAt, b[1], 0, outSize);
                    kernel.run(b[0], b[1], h, w);
                    imageData.put(imageAt, b[0], 0, inSize);
                }
            }
        });
    }

    /** The source index of padded index {@code i} (which may be negative or past the end) in a side of {@code n}. */
    private static int reflect(int i, int n) {
        if (i < 0) {
            return -i;
        }
        return i >= n ? 2 * (n - 1) - i : i;
    }
}
