package io.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalisation's training-mode passes over {@code [N, C, M]} floats (M = H·W; 1 for a dense layer's
 * {@code [N, C]}), one read of the input per sum, in Java. The per-channel sums are taken in double, over the
 * examples in order and within each example over its M values in order, so the batch mean and the biased variance
 * are the exact ones to within double rounding, and y, dL/dx to within float rounding of the exact values
 * (oneDNN's kernels, which DL4J's layer uses otherwise, agree with them to the same float rounding, not bit for bit).
 * <pre>
 *   forward:  μ_c = mean(x_c), σ²_c = mean((x_c − μ_c)²), x̂ = (x − μ_c)/√(σ²_c + ε), y = γ_c·x̂ + β_c
 *   backward: dβ_c = Σ g, dγ_c = Σ g·x̂, dL/dx = γ_c/√(σ²_c + ε) · (g − dβ_c/K − x̂·dγ_c/K),  K = N·M
 * </pre>
 */
final class BatchNormKernels {
    private BatchNormKernels() {
    }

    /** The batch statistics of one forward pass: per channel μ and 1/√(σ² + ε), and σ² (biased). */
    record Statistics(double[] mean, double[] variance, double[] inverseStd) {
    }

    /** Whether the kernels take {@code a}: float, rank 4, c-ordered and contiguous in its buffer. */
    static boolean applies(INDArray a) {
        return FloatArrays.planesApply(a);
    }

    /**
     * The forward pass of {@code x} {@code [N, C, H, W]} into {@code y} (same shape, {@link #applies} both). With
     * H·W &gt; 1 the channels are split over {@link KernelThreads} threads, each channel whole on one thread and its
     * sums in the order given above, so every thread count gives the same bits.
     *
     * @return the batch statistics the backward pass needs
     */
    static Statistics forward(INDArray x, float[] gamma, float[] beta, double eps, INDArray y) {
        if (x.size(2) * x.size(3) == 1) {
            return forwardExamples(x, gamma, beta, eps, y);
        }
        int c = (int) x.size(1);
        Statistics st = new Statistics(new double[c], new double[c], new double[c]);
        KernelThreads.forRanges(c, 2 * x.length(), (from, to) -> {
            Planes xs = new Planes(x);
            Planes ys = new Planes(y);
            for (int ch = from; ch < to; ch++) {
                forwardChannel(xs, ys, ch, gamma[ch], beta[ch], eps, st);
            }
        });
        return st;
    }

    /**
     * One channel's forward pass: a pass over its N planes for μ, one for σ², one for y (the channel's planes stay in
     * the core's cache between the passes).
     */
    private static void forwardChannel(Planes xs, Planes ys, int ch, float gamma, float beta, double eps,
                                       Statistics st) {
        int n = xs.examples();
        int m = xs.planeSize();
        double k = (double) n * m;
        double s = 0;
        for (int e = 0; e < n; e++) {
            s += sum(xs.read(e, ch), 0, m);
        }
        double mu = s / k;
        double sq = 0;
        for (int e = 0; e < n; e++) {
            sq += squaredDeviations(xs.read(e, ch), 0, m, mu);
        }
        st.mean()[ch] = mu;
        st.variance()[ch] = sq / k;
        st.inverseStd()[ch] = 1.0 / Math.sqrt(st.variance()[ch] + eps);
        float scale = (float) (gamma * st.inverseStd()[ch]);
        float meanF = (float) mu;
        for (int e = 0; e < n; e++) {
            float[] v = xs.read(e, ch);
            for (int i = 0; i < m; i++) {
                v[i] = (v[i] - meanF) * scale + beta;
            }
            ys.write(e, ch, v);
        }
    }

    /**
     * {@link #forward} for a dense layer's {@code [N, C, 1, 1]}, row by row on the calling thread: a channel's values
     * are C apart, so each pass runs over one row with the channel loop innermost.
     */
    private static Statistics forwardExamples(INDArray x, float[] gamma, float[] beta, double eps, INDArray y) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        Examples xs = new Examples(x, c);
        double[] mean = new double[c];
        for (int e = 0; e < n; e++) {
            rowSums(xs.read(e), c, mean);
        }
        for (int ch = 0; ch < c; ch++) {
            mean[ch] /= n;
        }
        double[] variance = new double[c];
        for (int e = 0; e < n; e++) {
            rowSquaredDeviations(xs.read(e), c, mean, variance);
        }
        double[] inverseStd = new double[c];
        float[] scale = new float[c];
        float[] meanF = new float[c];
        for (int ch = 0; ch < c; ch++) {
            variance[ch] /= n;
            inverseStd[ch] = 1.0 / Math.sqrt(variance[ch] + eps);
            scale[ch] = (float) (gamma[ch] * inverseStd[ch]);
            meanF[ch] = (float) mean[ch];
        }
        Examples ys = new Examples(y, c);
        for (int e = 0; e < n; e++) {
            float[] v = xs.read(e);
            for (int ch = 0; ch < c; ch++) {
                v[ch] = (v[ch] - meanF[ch]) * scale[ch] + beta[ch];
            }
            ys.write(e, v);
        }
        return new Statistics(mean, variance, inverseStd);
    }

    /**
     * The backward pass: dL/dx into {@code dx} (x's shape, {@link #applies}), dγ and dβ into {@code dGamma},
     * {@code dBeta} (C floats each).
     *
     * @param x  the forward pass's input {@code [N, C, H, W]}
     * @param g  dL/dy, x's shape
     * @param st the statistics the forward pass of x returned
     */
    static void backward(INDArray x, INDArray g, float[] gamma, Statistics st, INDArray dx, float[] dGamma,
                         float[] dBeta) {
        if (x.size(2) * x.size(3) == 1) {
            backwardExamples(x, g, gamma, st, dx, dGamma, dBeta);
            return;
        }
        KernelThreads.forRanges((int) x.size(1), 3 * x.length(), (from, to) -> {
            Planes xs = new Planes(x);
            Planes gs = new Planes(g);
            Planes dxs = new Planes(dx);
            for (int ch = from; ch < to; ch++) {
                float[] dgdb = backwardChannel(xs, gs, dxs, ch, gamma[ch], st);
                dGamma[ch] = dgdb[0];
                dBeta[ch] = dgdb[1];
            }
        });
    }

    /**
     * One channel's backward pass: Σ g and Σ g·(x − μ) in double (per example, then over the examples in order), then
     * dL/dx plane by plane.
     *
     * @return {dγ, dβ} of the channel
     */
    private static float[] backwardChannel(Planes xs, Planes gs, Planes dxs, int ch, float gamma, Statistics st) {
        int n = xs.examples();
        int m = xs.planeSize();
        double mu = st.mean()[ch];
        double sumG = 0;
        double sumGx = 0;
        for (int e = 0; e < n; e++) {
            float[] v = xs.read(e, ch);
            float[] w = gs.read(e, ch);
            double s = 0;
            double sx = 0;
            for (int i = 0; i < m; i++) {
                s += w[i];
                sx += w[i] * (v[i] - mu);
            }
            sumG += s;
            sumGx += sx;
        }
        double k = (double) n * m;
        double is = st.inverseStd()[ch];
        double dg = sumGx * is;
        // dL/dx = γ·is·(g − dβ/K − (x − μ)·is·dγ/K): differences first, so a batch of one gives exactly 0
        float a = (float) (gamma * is);
        float b = (float) (is * dg / k);
        float d = (float) (sumG / k);
        float u = (float) mu;
        for (int e = 0; e < n; e++) {
            float[] v = xs.read(e, ch);
            float[] w = gs.read(e, ch);
            for (int i = 0; i < m; i++) {
                w[i] = a * (w[i] - d - (v[i] - u) * b);
            }
            dxs.write(e, ch, w);
        }
        return new float[] {(float) dg, (float) sumG};
    }

    /** {@link #backward} for a dense layer's {@code [N, C, 1, 1]}, row by row on the calling thread. */
    private static void backwardExamples(INDArray x, INDArray g, float[] gamma, Statistics st, INDArray dx,
                                         float[] dGamma, float[] dBeta) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        Examples xs = new Examples(x, c);
        Examples gs = new Examples(g, c);
        double[] sumG = new double[c];
        double[] sumGx = new double[c];
        for (int e = 0; e < n; e++) {
            float[] v = xs.read(e);
            float[] w = gs.read(e);
            for (int ch = 0; ch < c; ch++) {
                sumG[ch] += w[ch];
                sumGx[ch] += w[ch] * (v[ch] - st.mean()[ch]);
            }
        }
        float[] a = new float[c];
        float[] b = new float[c];
        float[] d = new float[c];
        float[] mu = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double is = st.inverseStd()[ch];
            double dg = sumGx[ch] * is;
            dGamma[ch] = (float) dg;
            dBeta[ch] = (float) sumG[ch];
            // dL/dx = γ·is·(g − dβ/K − (x − μ)·is·dγ/K): differences first, so a batch of one gives exactly 0
            a[ch] = (float) (gamma[ch] * is);
            b[ch] = (float) (is * dg / n);
            d[ch] = (float) (sumG[ch] / n);
            mu[ch] = (float) st.mean()[ch];
        }
        Examples dxs = new Examples(dx, c);
        for (int e = 0; e < n; e++) {
            float[] v = xs.read(e);
            float[] w = gs.read(e);
            for (int ch = 0; ch < c; ch++) {
                w[ch] = a[ch] * (w[ch] - d[ch] - (v[ch] - mu[ch]) * b[ch]);
            }
            dxs.write(e, w);
        }
    }

    /**
     * The dense case (M = 1), where a channel's values are C apart: per channel Σ over the rows, in row order (the
     * channel path's order and result), with the channel loop innermost so that it runs over consecutive floats.
     */
    private static void rowSums(float[] row, int c, double[] sums) {
        for (int ch = 0; ch < c; ch++) {
            sums[ch] += row[ch];
        }
    }

    /** {@link #rowSums}' order for Σ (x − μ)² of one example's row. */
    private static void rowSquaredDeviations(float[] row, int c, double[] mean, double[] sums) {
        for (int ch = 0; ch < c; ch++) {
            double d = row[ch] - mean[ch];
            sums[ch] += d * d;
        }
    }

    private static double sum(float[] v, int from, int count) {
        double s = 0;
        for (int i = from; i < from + count; i++) {
            s += v[i];
        }
        return s;
    }

    private static double squaredDeviations(float[] v, int from, int count, double mean) {
        double s = 0;
        for (int i = from; i < from + count; i++) {
            double dv = v[i] - mean;
            s += dv * dv;
        }
        return s;
    }

    /**
     * One array's planes (example e, channel c: H·W floats) one at a time through a buffer of one plane, reused; one
     * instance per array and thread.
     */
    private static final class Planes {
        private final java.nio.FloatBuffer data;
        private final int offset;
        private final int channels;
        private final int examples;
        private final float[] buffer;

        Planes(INDArray a) {
            this.data = a.data().asNioFloat();
            this.offset = (int) a.offset();
            this.examples = (int) a.size(0);
            this.channels = (int) a.size(1);
            this.buffer = new float[(int) (a.size(2) * a.size(3))];
        }

        int examples() {
            return examples;
        }

        int planeSize() {
            return buffer.length;
        }

        /** Plane (e, c)'s floats, in the reused buffer (valid until the next read). */
        float[] read(int e, int c) {
            data.get(at(e, c), buffer, 0, buffer.length);
            return buffer;
        }

        void write(int e, int c, float[] v) {
            data.put(at(e, c), v, 0, buffer.length);
        }

        private int at(int e, int c) {
            return offset + (e * channels + c) * buffer.length;
        }
    }

    /**
     * An array's examples one at a time through a buffer of one example's floats, reused: the passes never hold a
     * heap copy of a whole activation (a [128, 128, 32, 32] batch is 64 MiB; whole-array copies grew dcgan-64-rgb's
     * heap, and its resident memory, by 1.5 GiB).
     */
    private static final class Examples {
        private final java.nio.FloatBuffer data;
        private final int offset;
        private final float[] buffer;

        Examples(INDArray a, int perExample) {
            this.data = a.data().asNioFloat();
            this.offset = (int) a.offset();
            this.buffer = new float[perExample];
        }

        /** Example e's floats, in the reused buffer (valid until the next read). */
        float[] read(int e) {
            data.get(offset + e * buffer.length, buffer, 0, buffer.length);
            return buffer;
        }

        void write(int e, float[] v) {
            data.put(offset + e * v.length, v, 0, v.length);
        }
    }
}
