package io.gan4j.core.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Kernel distance between real and generated features: KID (Bińkowski et al. 2018, "Demystifying MMD GANs")
 * computed on the domain classifier's features instead of Inception's.
 *
 * <p>KID is the squared maximum mean discrepancy under the cubic polynomial kernel
 * {@code k(x, y) = (x·y / F + 1)³}, F the feature dimension, estimated without bias on {@link #subsets()} random
 * pairs of subsets: each draws {@link #subsetSize()} real and as many generated samples without replacement,
 * independently of the other subsets, from a {@link SplittableRandom} seeded with {@link #seed()}. For subsets X
 * and Y of size m
 * <pre>  MMD²ᵤ = Σ_{i≠j} k(xᵢ,xⱼ) / (m(m−1)) + Σ_{i≠j} k(yᵢ,yⱼ) / (m(m−1)) − 2 Σ_{i,j} k(xᵢ,yⱼ) / m²</pre>
 * (the reference implementation's default "unbiased" estimator). Being unbiased, it has expectation 0 when both
 * sets come from the same distribution, so single subsets can be negative; unlike FID its expectation does not
 * depend on the sample size, so values from different sample sizes can be compared.
 *
 * @param mean       mean of the per-subset estimates, in (−∞, ∞), around 0 for equal distributions
 * @param std        standard deviation of the per-subset estimates (population, as numpy's {@code std} in the
 *                   reference), in [0, ∞); the subsets overlap, so it is not the standard error of the mean
 * @param nReal      real samples available
 * @param nFake      generated samples available
 * @param subsets    subsets averaged, at least 1
 * @param subsetSize samples drawn per subset from each set, in [2, min(nReal, nFake)]
 * @param seed       seed of the subset draws
 */
public record KernelInceptionDistance(double mean, double std, int nReal, int nFake, int subsets, int subsetSize,
                                      long seed) {

    /** Subsets averaged by default, as in the reference implementation. */
    public static final int DEFAULT_SUBSETS = 100;

    /** The default subset size is this or the smaller sample size, whichever is less. */
    public static final int MAX_DEFAULT_SUBSET_SIZE = 1000;

    /**
     * KID with {@value #DEFAULT_SUBSETS} subsets of size {@code min(1000, nReal, nFake)}.
     *
     * @param real {@code [nReal, F]} of any floating-point type, at least 2 rows
     * @param fake {@code [nFake, F]}, same F, at least 2 rows
     * @param seed seed of the subset draws
     */
    public static KernelInceptionDistance of(INDArray real, INDArray fake, long seed) {
        long size = Math.min(MAX_DEFAULT_SUBSET_SIZE, Math.min(real.size(0), fake.size(0)));
        return of(real, fake, DEFAULT_SUBSETS, (int) size, seed);
    }

    /**
     * KID with explicit subsets.
     *
     * @param real       {@code [nReal, F]} of any floating-point type
     * @param fake       {@code [nFake, F]}, same F
     * @param subsets    number of subset pairs, at least 1
     * @param subsetSize samples per subset, in [2, min(nReal, nFake)]
     * @param seed       seed of the subset draws
     */
    public static KernelInceptionDistance of(INDArray real, INDArray fake, int subsets, int subsetSize, long seed) {
        if (subsets < 1) {
            throw new IllegalArgumentException("subsets must be at least 1, got " + subsets);
        }
        if (subsetSize < 2) {
            throw new IllegalArgumentException("subsetSize must be at least 2, got " + subsetSize);
        }
        INDArray x = Inputs.features(real, "real", 2);
        INDArray y = Inputs.features(fake, "fake", 2);
        Inputs.sameWidth(x, y);
        int nReal = (int) x.size(0);
        int nFake = (int) y.size(0);
        if (subsetSize > Math.min(nReal, nFake)) {
            throw new IllegalArgumentException("subsetSize " + subsetSize + " exceeds the samples available ("
                    + nReal + " real, " + nFake + " fake)");
        }
        double dim = x.size(1);
        // One gather and one Gram matrix per subset: for the small subsets of tests and quick evaluations the
        // per-call overhead of ND4J outweighs the extra quarter of arithmetic this spends on the unused block.
        INDArray both = Nd4j.vstack(x, y);
        SplittableRandom random = new SplittableRandom(seed);
        int[] realOrder = identity(nReal);
        int[] fakeOrder = identity(nFake);
        int[] rows = new int[2 * subsetSize];
        double[] estimates = new double[subsets];
        for (int s = 0; s < subsets; s++) {
            drawWithoutReplacement(realOrder, subsetSize, random);
            drawWithoutReplacement(fakeOrder, subsetSize, random);
            for (int i = 0; i < subsetSize; i++) {
                rows[i] = realOrder[i];
                rows[subsetSize + i] = nReal + fakeOrder[i];
            }
            INDArray z = Nd4j.pullRows(both, 1, rows);
            INDArray gram = Nd4j.gemm(z, z, false, true);
            if (gram.ordering() != 'c' || gram.isView()) {
                gram = gram.dup('c');
            }
            estimates[s] = unbiasedMmd2(gram.data().asDouble(), subsetSize, dim);
        }
        double[] ms = Inputs.meanAndStd(estimates);
        return new KernelInceptionDistance(ms[0], ms[1], nReal, nFake, subsets, subsetSize, seed);
    }

    /**
     * The unbiased MMD² under the cubic kernel from the row-major Gram matrix of {@code [X; Y]}, X and Y of m rows
     * each.
     */
    private static double unbiasedMmd2(double[] gram, int m, double dim) {
        int width = 2 * m;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < m; i++) {
            int xRow = i * width;
            int yRow = (m + i) * width;
            for (int j = 0; j < m; j++) {
                if (j != i) {
                    xx += cube(gram[xRow + j] / dim + 1);
                    yy += cube(gram[yRow + m + j] / dim + 1);
                }
                xy += cube(gram[xRow + m + j] / dim + 1);
            }
        }
        return (xx + yy) / ((double) m * (m - 1)) - 2 * xy / ((double) m * m);
    }

    private static double cube(double v) {
        return v * v * v;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /**
     * Moves a uniform sample without replacement into the first {@code m} entries, by a partial Fisher–Yates
     * shuffle. The permutation is carried over between calls, which keeps each draw uniform and saves resetting it.
     */
    private static void drawWithoutReplacement(int[] order, int m, SplittableRandom random) {
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** E.g. {@code KID 0.0123 ± 0.0045 (100 subsets of 1000; 10000 real, 10000 fake, seed 7)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "KID %.4g ± %.2g (%d subsets of %d; %d real, %d fake, seed %d)", mean, std,
                subsets, subsetSize, nReal, nFake, seed);
    }
}
