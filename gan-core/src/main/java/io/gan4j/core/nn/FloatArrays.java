package io.gan4j.core.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Element-wise float kernels written in Java and run on ND4J arrays in place: the array's elements are copied out of
 * its native buffer into a heap array (bulk copies of {@link #PIECE} floats), computed there in loops HotSpot's C2
 * vectorises, and copied back. libnd4j 1.0.0-M2.1's transform kernels for tanh and leaky ReLU are scalar loops (6 and ~5 ns per float on
 * this project's 2-core machine); the two copies cost well under 1 ns per float.
 */
final class FloatArrays {
    /** An element-wise computation over {@code v[0..n)}, in place. */
    interface Kernel {
        void apply(float[] v, int n);
    }

    private FloatArrays() {
    }

    /** Whether {@link #inPlace} can take {@code a}: float, non-empty, its elements one contiguous run of its buffer. */
    static boolean applies(INDArray a) {
        return a.dataType() == DataType.FLOAT && !a.isEmpty() && Shape.isContiguousInBuffer(a)
                && a.offset() + a.length() <= Integer.MAX_VALUE;
    }

    /**
     * Whether {@code a} is {@code [N, C, H, W]} floats whose N·C planes of H·W each lie one after the other in its
     * buffer (c order, contiguous), as the plane-by-plane kernels ({@link InstanceNormKernels},
     * {@link ReflectionPadKernels}) read and write them.
     */
    static boolean planesApply(INDArray a) {
        return applies(a) && a.rank() == 4 && a.ordering() == 'c';
    }

    /** An element-wise computation over {@code v[0..n)} that also reads {@code w[0..n)}, in place in v. */
    interface PairKernel {
        void apply(float[] v, float[] w, int n);
    }

    /**
     * Floats per piece: {@link #inPlace} copies an array out and back in pieces of this size, so its heap buffers stay
     * small (64 KiB each, in the core's cache) whatever the array's size, and the pieces can go to several threads.
     */
    static final int PIECE = 1 << 14;

    private static final ThreadLocal<float[][]> PIECES = ThreadLocal.withInitial(() -> new float[][] {
            new float[PIECE], new float[PIECE]});

    /**
     * Whether the two-array {@link #inPlace} can take {@code a} and {@code other}: both {@link #applies}, laid out
     * alike (same shape, order and strides), so element k of one run matches element k of the other.
     */
    static boolean pairApplies(INDArray a, INDArray other) {
        return applies(a) && applies(other) && a.ordering() == other.ordering()
                && Arrays.equals(a.shape(), other.shape()) && Arrays.equals(a.stride(), other.stride());
    }

    private static final ThreadLocal<float[][]> PLANES = ThreadLocal.withInitial(() -> new float[2][0]);

    /**
     * Two per-thread scratch arrays of at least {@code first} and {@code second} floats, for the plane-by-plane kernels
     * ({@link InstanceNormKernels}, {@link ReflectionPadKernels}; neither calls the other, so they share them).
     */
    static float[][] planeBuffers(int first, int second) {
        float[][] b = PLANES.get();
        if (b[0].length < first || b[1].length < second) {
            b = new float[][] {new float[Math.max(first, b[0].length)], new float[Math.max(second, b[1].length)]};
            PLANES.set(b);
        }
        return b;
    }

    /**
     * Runs {@code kernel} over {@code a}'s elements in place, piece by piece, the pieces split over
     * {@link KernelThreads} threads (element-wise kernels, so the result does not depend on them); {@code a} must
     * satisfy {@link #applies}.
     */
    static INDArray inPlace(INDArray a, String name, Kernel kernel) {
        if (!applies(a)) {
            throw new IllegalArgumentException(name + " needs a contiguous float array, got " + a.shapeInfoToString());
        }
        return pieces(a, null, (v, w, n) -> kernel.apply(v, n));
    }

    /**
     * Runs {@code kernel} over {@code a}'s elements in place, reading {@code other}'s matching elements alongside:
     * both must satisfy {@link #applies} and have the same shape, order and strides.
     */
    static INDArray inPlace(INDArray a, INDArray other, String name, PairKernel kernel) {
        if (!pairApplies(a, other)) {
            throw new IllegalArgumentException(name + " needs two contiguous float arrays laid out alike, got "
                    + a.shapeInfoToString() + " and " + other.shapeInfoToString());
        }
        return pieces(a, other, kernel);
    }

    private static INDArray pieces(INDArray a, INDArray other, PairKernel kernel) {
        int n = (int) a.length();
        int offset = (int) a.offset();
        int otherOffset = other == null ? 0 : (int) other.offset();
        KernelThreads.forRanges((n + PIECE - 1) / PIECE, n, (from, to) -> {
            float[][] b = PIECES.get();
            FloatBuffer buffer = a.data().asNioFloat();
            FloatBuffer otherBuffer = other == null ? null : other.data().asNioFloat();
            for (int piece = from; piece < to; piece++) {
                int start = piece * PIECE;
                int length = Math.min(PIECE, n - start);
                buffer.get(offset + start, b[0], 0, length);
                if (otherBuffer != null) {
                    otherBuffer.get(otherOffset + start, b[1], 0, length);
                }
                kernel.apply(b[0], b[1], length);
                buffer.put(offset + start, b[0], 0, length);
            }
        });
        return a;
    }

    /**
     * Leaky ReLU in place, for a slope in [0, 1]: {@code max(x, 0) + slope·min(x, 0)}, which is x for x ≥ 0 and the
     * float product slope·x below, as DL4J's and PyTorch's ops compute it (equal values; only the sign of a zero
     * can differ), in a form C2 vectorises: 14-17 µs for 65,536 floats against ~330 µs for libnd4j's scalar op; a
     * conditional expression is not vectorised (55 µs).
     */
    static INDArray leakyReluInPlace(INDArray a, double slope) {
        if (!(slope >= 0 && slope <= 1)) {
            throw new IllegalArgumentException("leaky ReLU slope must be in [0, 1], got " + slope);
        }
        float s = (float) slope;
        return inPlace(a, "leaky ReLU", (v, n) -> {
            for (int i = 0; i < n; i++) {
                float x = v[i];
                v[i] = Math.max(x, 0f) + s * Math.min(x, 0f);
            }
        });
    }
}
