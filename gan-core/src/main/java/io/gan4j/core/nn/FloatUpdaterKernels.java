package io.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * Adam's and RMSProp's element-wise update for float arrays, written in Java, in PyTorch's arithmetic order.
 *
 * <p>Why: libnd4j 1.0.0-M2.1's fused updater ops ({@code adam_updater}, {@code rms_prop_updater}) run a scalar loop,
 * about 2.9 ns per parameter on this project's 2-core machine (a fifth of the vanilla-mnist step for its 2.0 M
 * parameters). Here the arrays are copied in chunks that stay in the L1 cache into heap arrays, where HotSpot's C2
 * vectorises the arithmetic, and copied back: about 1.4-1.7 ns per parameter, the native side read and written once
 * as by the fused op (measured in-process, CPU time, benchmarks/RESULTS.md).
 *
 * <p>Arithmetic: the bias corrections and the scalar factors are computed in double and rounded once to float, as
 * PyTorch computes them in Python and passes them to its float kernels; libnd4j's op computes {@code 1 − β₂} and
 * {@code 1 − β₂ᵗ} in float, which loses five digits to cancellation for β₂ = 0.999 ({@code 1 − 0.999f} is
 * 0.00099998713). Per element, at update t (1-based), for gradient g:
 * <pre>
 *   Adam:    m ← β₁·m + (1 − β₁)·g     v ← β₂·v + (1 − β₂)·g²     u = lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 *   RMSProp: v ← α·v + (1 − α)·g²                                u = lr · g / (√v + ε)
 * </pre>
 * and the update u is written over the gradient (DL4J's updater contract: the caller subtracts it from the
 * parameters). Values: any float; NaN and infinities propagate as in the formulas. The chunks are split over
 * {@link KernelThreads} threads (element-wise, so the result does not depend on them): a U-Net-256's 54 M parameters
 * took ~6% of pix2pix-256's step on one.
 */
final class FloatUpdaterKernels {
    /** Elements per chunk: four float arrays of this size (64 KiB) stay in a core's L1/L2 cache. */
    private static final int CHUNK = 4096;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][CHUNK]);

    private FloatUpdaterKernels() {
    }

    /**
     * Whether the kernels can take these arrays: all float vectors (DL4J's updater blocks are {@code [1, N]}) of one
     * length, each one contiguous run of its buffer, so element k of each is the k-th of its run.
     */
    static boolean applies(INDArray... arrays) {
        long length = arrays[0].length();
        for (INDArray a : arrays) {
            if (!FloatArrays.applies(a) || a.length() != length || !(a.isVector() || length == 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One Adam update (PyTorch's {@code torch.optim.Adam}, no weight decay, no AMSGrad).
     *
     * @param gradient g in, the update u out
     * @param m        first moment, updated in place
     * @param v        second moment, updated in place
     * @param step     t, 1-based
     */
    static void adam(INDArray gradient, INDArray m, INDArray v, double lr, double beta1, double beta2, double epsilon,
                     int step) {
        float b1 = (float) beta1;
        float c1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float c2 = (float) (1 - beta2);
        float stepSize = (float) (lr / (1 - Math.pow(beta1, step)));
        float correction2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, step));
        float eps = (float) epsilon;
        forChunks((chunk, len) -> {
            float[] gs = chunk[0];
            float[] ms = chunk[1];
            float[] vs = chunk[2];
            for (int i = 0; i < len; i++) {
                float gi = gs[i];
                float mi = Math.fma(c1, gi, ms[i] * b1);
                float vi = Math.fma(c2, gi * gi, vs[i] * b2);
                ms[i] = mi;
                vs[i] = vi;
                gs[i] = stepSize * (mi / ((float) Math.sqrt(vi) / correction2Sqrt + eps));
            }
        }, gradient, m, v);
    }

    /** Chunks of {@link #CHUNK} elements in {@code n}. */
    private static int chunks(int n) {
        return (n + CHUNK - 1) / CHUNK;
    }

    /**
     * One RMSProp update (PyTorch's {@code torch.optim.RMSprop}, no momentum, not centred).
     *
     * @param gradient      g in, the update u out
     * @param squareAverage v, updated in place
     */
    static void rmsProp(INDArray gradient, INDArray squareAverage, double lr, double alpha, double epsilon) {
        float a = (float) alpha;
        float c = (float) (1 - alpha);
        float rate = (float) lr;
        float eps = (float) epsilon;
        forChunks((chunk, len) -> {
            float[] gs = chunk[0];
            float[] vs = chunk[1];
            for (int i = 0; i < len; i++) {
                float gi = gs[i];
                float vi = Math.fma(c, gi * gi, vs[i] * a);
                vs[i] = vi;
                gs[i] = rate * (gi / ((float) Math.sqrt(vi) + eps));
            }
        }, gradient, squareAverage);
    }

    /** Element-wise arithmetic on one chunk: {@code chunk[k]} holds array k's {@code len} elements, updated in place. */
    private interface ChunkKernel {
        void apply(float[][] chunk, int len);
    }

    /**
     * Runs {@code kernel} over the arrays (at most three, see {@link #applies}) chunk by chunk: each chunk read into
     * this thread's scratch arrays, updated there and written back; chunks split over {@link KernelThreads}.
     */
    private static void forChunks(ChunkKernel kernel, INDArray... arrays) {
        int n = (int) arrays[0].length();
        KernelThreads.forRanges(chunks(n), (long) arrays.length * n, (first, last) -> {
            float[][] scratch = SCRATCH.get();
            float[][] buffers = java.util.Arrays.copyOf(scratch, arrays.length);
            Chunks[] chunks = new Chunks[arrays.length];
            for (int k = 0; k < arrays.length; k++) {
                chunks[k] = new Chunks(arrays[k]);
            }
            for (int chunk = first; chunk < last; chunk++) {
                int start = chunk * CHUNK;
                int len = Math.min(CHUNK, n - start);
                for (int k = 0; k < arrays.length; k++) {
                    chunks[k].read(start, buffers[k], len);
                }
                kernel.apply(buffers, len);
                for (int k = 0; k < arrays.length; k++) {
                    chunks[k].write(start, buffers[k], len);
                }
            }
        });
    }

    /** An array's elements as one run of its native buffer (see {@link #applies}). */
    private static final class Chunks {
        private final FloatBuffer buffer;
        private final int offset;

        Chunks(INDArray a) {
            this.buffer = a.data().asNioFloat();
            this.offset = (int) a.offset();
        }

        void read(int start, float[] into, int len) {
            buffer.get(offset + start, into, 0, len);
        }

        void write(int start, float[] from, int len) {
            buffer.put(offset + start, from, 0, len);
        }
    }
}
