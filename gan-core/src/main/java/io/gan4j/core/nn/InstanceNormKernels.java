package io.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * Instance normalisation of float arrays {@code [N, C, H, W]} in one pass over each example's channel plane, written in
 * Java (see {@link FloatArrays} for the approach). The layer's textbook form in ND4J ops
 * ({@link InstanceNormalizationImpl}'s double path) walks every activation-sized array 8 times forward and about 20
 * times backward, each a separate native op with its own allocation and threads; in CycleGAN's 28-pixel ResNet
 * generators, where a plane is 49 to 784 floats, those ops took a quarter of the training step. Here each plane is
 * copied into a heap array once, its mean and variance summed in double, and the result written back once.
 *
 * <p>The statistics are those of PyTorch's {@code instance_norm}: mean μ and biased variance σ² per example and
 * channel over the m = H·W pixels, s = sqrt(σ² + ε); forward y = γ_c·(x − μ)/s + β_c; backward, with g = dL/dy and
 * x̂ = (x − μ)/s,
 * <pre>
 *   dL/dγ_c = Σ_{n,h,w} g·x̂    dL/dβ_c = Σ_{n,h,w} g    dL/dx = (γ_c/s)·(g − mean_{h,w}(g) − x̂·mean_{h,w}(g·x̂))
 * </pre>
 */
final class InstanceNormKernels {
    private InstanceNormKernels() {
    }

    /** Whether the kernels take {@code a}: float, rank 4, non-empty, its elements one c-ordered run of its buffer. */
    static boolean applies(INDArray a) {
        return FloatArrays.planesApply(a);
    }

    /**
     * y = γ·x̂ + β for every plane of {@code x}.
     *
     * @param x     input {@code [N, C, H, W]}, {@link #applies}
     * @param gamma γ, C floats
     * @param beta  β, C floats
     * @param eps   ε added to the variance
     * @param relu  whether to write max(0, y) (a fused ReLU)
     * @param y     output of x's shape, {@link #applies}; may not be x
     */
    static void forward(INDArray x, float[] gamma, float[] beta, double eps, boolean relu, INDArray y) {
        Planes p = new Planes(x);
        KernelThreads.forRanges(p.count, x.length(), (from, to) -> {
            FloatBuffer in = x.data().asNioFloat();
            FloatBuffer out = y.data().asNioFloat();
            float[] v = FloatArrays.planeBuffers(p.size, p.size)[0];
            for (int plane = from; plane < to; plane++) {
                in.get(p.start(x, plane), v, 0, p.size);
                int c = plane % p.channels;
                Statistics st = statistics(v, p.size, eps);
                float scale = gamma[c] / st.s;
                for (int i = 0; i < p.size; i++) {
                    v[i] = (v[i] - st.mean) * scale + beta[c];
                }
                if (relu) {
                    for (int i = 0; i < p.size; i++) {
                        v[i] = Math.max(v[i], 0f);
                    }
                }
                out.put(p.start(y, plane), v, 0, p.size);
            }
        });
    }

    /**
     * dL/dx into {@code dx}, and dL/dγ, dL/dβ summed over the batch into {@code gammaGrad} and {@code betaGrad}
     * (overwritten). The planes may run on several threads; each plane's sums are kept apart and added in plane
     * order afterwards, so the result does not depend on the threads.
     *
     * @param x         the forward pass's input {@code [N, C, H, W]}, {@link #applies}
     * @param g         dL/dy, x's shape, {@link #applies}
     * @param gamma     γ, C floats
     * @param beta      β, C floats (read only with the fused ReLU, whose gradient is kept where y &gt; 0)
     * @param eps       ε added to the variance
     * @param relu      whether the forward pass applied a fused ReLU
     * @param dx        dL/dx, x's shape, {@link #applies}; may be g (written plane by plane after g's plane is read)
     * @param gammaGrad C floats, dL/dγ
     * @param betaGrad  C floats, dL/dβ
     */
    static void backward(INDArray x, INDArray g, float[] gamma, float[] beta, double eps, boolean relu, INDArray dx,
                         float[] gammaGrad, float[] betaGrad) {
        Planes p = new Planes(x);
        double[] sumsGx = new double[p.count];
        double[] sumsG = new double[p.count];
        KernelThreads.forRanges(p.count, 3 * x.length(), (from, to) -> {
            FloatBuffer in = x.data().asNioFloat();
            FloatBuffer up = g.data().asNioFloat();
            FloatBuffer down = dx.data().asNioFloat();
            float[][] b = FloatArrays.planeBuffers(p.size, p.size);
            float[] v = b[0];
            float[] w = b[1];
            for (int plane = from; plane < to; plane++) {
                in.get(p.start(x, plane), v, 0, p.size);
                up.get(p.start(g, plane), w, 0, p.size);
                int c = plane % p.channels;
                double[] sums = backwardPlane(v, w, p.size, gamma[c], beta[c], eps, relu);
                sumsG[plane] = sums[0];
                sumsGx[plane] = sums[1];
                down.put(p.start(dx, plane), w, 0, p.size);
            }
        });
        double[] gammaSums = new double[p.channels];
        double[] betaSums = new double[p.channels];
        for (int plane = 0; plane < p.count; plane++) {
            gammaSums[plane % p.channels] += sumsGx[plane];
            betaSums[plane % p.channels] += sumsG[plane];
        }
        for (int c = 0; c < p.channels; c++) {
            gammaGrad[c] = (float) gammaSums[c];
            betaGrad[c] = (float) betaSums[c];
        }
    }

    /**
     * One plane's backward pass in place: {@code v} holds x and is left holding x̂, {@code w} holds dL/dy and is left
     * holding dL/dx.
     *
     * @return {Σ g, Σ g·x̂} over the plane, g being dL/dy masked by the fused ReLU when there is one
     */
    private static double[] backwardPlane(float[] v, float[] w, int m, float gamma, float beta, double eps,
                                          boolean relu) {
        Statistics st = statistics(v, m, eps);
        if (relu) {
            // y computed exactly as forward computed it, so the mask is the forward pass's.
            float scale = gamma / st.s;
            for (int i = 0; i < m; i++) {
                if ((v[i] - st.mean) * scale + beta <= 0f) {
                    w[i] = 0f;
                }
            }
        }
        float inverse = 1f / st.s;
        double sumG = 0;
        double sumGx = 0;
        for (int i = 0; i < m; i++) {
            float xHat = (v[i] - st.mean) * inverse;
            v[i] = xHat;
            sumG += w[i];
            sumGx += w[i] * xHat;
        }
        float meanG = (float) (sumG / m);
        float meanGx = (float) (sumGx / m);
        float factor = gamma * inverse;
        for (int i = 0; i < m; i++) {
            w[i] = factor * (w[i] - meanG - v[i] * meanGx);
        }
        return new double[] {sumG, sumGx};
    }

    /** μ and s = sqrt(σ² + ε) of {@code v[0..m)}: the mean first, then the mean squared deviation from it. */
    private static Statistics statistics(float[] v, int m, double eps) {
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += v[i];
        }
        float mean = (float) (sum / m);
        double squares = 0;
        for (int i = 0; i < m; i++) {
            float d = v[i] - mean;
            squares += d * d;
        }
        return new Statistics(mean, (float) Math.sqrt(squares / m + eps));
    }

    private record Statistics(float mean, float s) {
    }


    /** The planes of an array {@code [N, C, H, W]}: N·C runs of H·W floats. */
    private record Planes(int count, int channels, int size) {
        Planes(INDArray x) {
            this((int) (x.size(0) * x.size(1)), (int) x.size(1), (int) (x.size(2) * x.size(3)));
        }

        int start(INDArray a, int plane) {
            return (int) a.offset() + plane * size;
        }
    }
}
