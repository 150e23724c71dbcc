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
     * The forward pass of {@code x} {@code [N, C, H, W]} into {@code y} (same shape, {@link #applies} both).
     *
     * @return the batch statistics the backward pass needs
     */
    static Statistics forward(INDArray x, float[] gamma, float[] beta, double eps, INDArray y) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int m = (int) (x.size(2) * x.size(3));
        float[] v = read(x);
        double[] mean = new double[c];
        if (m == 1) {
            rowSums(v, n, c, mean);
        } else {
            for (int e = 0; e < n; e++) {
                for (int ch = 0, at = e * c * m; ch < c; ch++, at += m) {
                    mean[ch] += sum(v, at, m);
                }
            }
        }
        double k = (double) n * m;
        for (int ch = 0; ch < c; ch++) {
            mean[ch] /= k;
        }
        double[] variance = new double[c];
        for (int e = 0; e < n; e++) {
            if (m == 1) {
                rowSquaredDeviations(v, e * c, c, mean, variance);
                continue;
            }
            for (int ch = 0, at = e * c * m; ch < c; ch++, at += m) {
                variance[ch] += squaredDeviations(v, at, m, mean[ch]);
            }
        }
        double[] inverseStd = new double[c];
        float[] scale = new float[c];
        float[] meanF = new float[c];
        for (int ch = 0; ch < c; ch++) {
            variance[ch] /= k;
            inverseStd[ch] = 1.0 / Math.sqrt(variance[ch] + eps);
            scale[ch] = (float) (gamma[ch] * inverseStd[ch]);
            meanF[ch] = (float) mean[ch];
        }
        normalise(v, n, c, m, meanF, scale, beta);
        write(v, y);
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
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int m = (int) (x.size(2) * x.size(3));
        float[] v = read(x);
        float[] w = read(g);
        double[] sumG = new double[c];
        double[] sumGx = new double[c];
        gradientSums(v, w, n, c, m, st.mean(), sumG, sumGx);
        double k = (double) n * m;
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
            b[ch] = (float) (is * dg / k);
            d[ch] = (float) (sumG[ch] / k);
            mu[ch] = (float) st.mean()[ch];
        }
        for (int e = 0; e < n; e++) {
            if (m == 1) {
                for (int ch = 0, at = e * c; ch < c; ch++) {
                    w[at + ch] = a[ch] * (w[at + ch] - d[ch] - (v[at + ch] - mu[ch]) * b[ch]);
                }
                continue;
            }
            for (int ch = 0, at = e * c * m; ch < c; ch++, at += m) {
                float p = a[ch];
                float q = b[ch];
                float r = d[ch];
                float u = mu[ch];
                for (int i = at; i < at + m; i++) {
                    w[i] = p * (w[i] - r - (v[i] - u) * q);
                }
            }
        }
        write(w, dx);
    }

    /** Per channel Σ g into {@code sumG} and Σ g·(x − μ) into {@code sumGx}, in double. */
    private static void gradientSums(float[] v, float[] w, int n, int c, int m, double[] mean, double[] sumG,
                                     double[] sumGx) {
        for (int e = 0; e < n; e++) {
            if (m == 1) {
                for (int ch = 0, at = e * c; ch < c; ch++) {
                    sumG[ch] += w[at + ch];
                    sumGx[ch] += w[at + ch] * (v[at + ch] - mean[ch]);
                }
                continue;
            }
            for (int ch = 0, at = e * c * m; ch < c; ch++, at += m) {
                double mu = mean[ch];
                double s = 0;
                double sx = 0;
                for (int i = at; i < at + m; i++) {
                    s += w[i];
                    sx += w[i] * (v[i] - mu);
                }
                sumG[ch] += s;
                sumGx[ch] += sx;
            }
        }
    }

    /** y = (x − μ)·γ/√(σ² + ε) + β in place, {@code scale} = γ/√(σ² + ε) and {@code meanF} = μ rounded to float. */
    private static void normalise(float[] v, int n, int c, int m, float[] meanF, float[] scale, float[] beta) {
        for (int e = 0; e < n; e++) {
            if (m == 1) {
                for (int ch = 0, at = e * c; ch < c; ch++) {
                    v[at + ch] = (v[at + ch] - meanF[ch]) * scale[ch] + beta[ch];
                }
                continue;
            }
            for (int ch = 0, at = e * c * m; ch < c; ch++, at += m) {
                float a = scale[ch];
                float mu = meanF[ch];
                float b = beta[ch];
                for (int i = at; i < at + m; i++) {
                    v[i] = (v[i] - mu) * a + b;
                }
            }
        }
    }

    /**
     * The dense case (M = 1), where a channel's values are C apart: per channel Σ over the rows, in row order (the
     * general loops' order and result), with the channel loop innermost so that it runs over consecutive floats.
     */
    private static void rowSums(float[] v, int n, int c, double[] sums) {
        for (int e = 0, at = 0; e < n; e++, at += c) {
            for (int ch = 0; ch < c; ch++) {
                sums[ch] += v[at + ch];
            }
        }
    }

    /** {@link #rowSums}' order for Σ (x − μ)² of the row starting at {@code at}. */
    private static void rowSquaredDeviations(float[] v, int at, int c, double[] mean, double[] sums) {
        for (int ch = 0; ch < c; ch++) {
            double d = v[at + ch] - mean[ch];
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

    private static float[] read(INDArray a) {
        float[] v = new float[(int) a.length()];
        a.data().asNioFloat().get((int) a.offset(), v, 0, v.length);
        return v;
    }

    private static void write(float[] v, INDArray a) {
        a.data().asNioFloat().put((int) a.offset(), v, 0, v.length);
    }
}
