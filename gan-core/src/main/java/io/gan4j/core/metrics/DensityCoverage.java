package io.gan4j.core.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Locale;

/**
 * Density and coverage (Naeem et al. 2020, "Reliable Fidelity and Diversity Metrics for Generative Models") on the
 * domain classifier's features: the fidelity and diversity counterparts of {@link PrecisionRecall} that only use the
 * real set's k-NN balls, so outlying real samples with wide balls cannot vouch for a collapsed generator.
 *
 * <p>The balls are those of {@link PrecisionRecall}: around each real sample, reaching to its k-th nearest other
 * real sample (a duplicate is a neighbour at distance 0), boundary included. With N real and M generated samples:
 * <ul>
 *   <li><em>density</em> = (1 / kM) · Σ over generated samples of the number of real balls containing it. About 1
 *   when the generated samples are distributed like the real ones; above 1 when they crowd where real samples are
 *   dense; near 0 when they sit in few balls, however large those are. Unbounded above, so not a share.</li>
 *   <li><em>coverage</em> = the share of real balls that contain at least one generated sample, in [0, 1]. A
 *   generator that covers every mode of the data scores near 1 (about 1 − 2^−k for matching distributions with
 *   equal set sizes); a generator stuck on one output covers the few balls around that output.</li>
 * </ul>
 *
 * @param density  mean number of real balls per generated sample, divided by k; at least 0, about 1 for matching
 *                 distributions
 * @param coverage share of real balls holding at least one generated sample, in [0, 1]
 * @param nReal    number of real samples
 * @param nFake    number of generated samples
 * @param k        neighbour that sets each real ball's radius, at least 1
 */
public record DensityCoverage(double density, double coverage, int nReal, int nFake, int k) {

    /**
     * Density and coverage with k = {@value PrecisionRecall#DEFAULT_K}, the k of {@link PrecisionRecall#of}.
     *
     * @param real {@code [nReal, F]} features of real samples, any floating-point type, more than k rows
     * @param fake {@code [nFake, F]} features of generated samples, same F, at least one row
     */
    public static DensityCoverage of(INDArray real, INDArray fake) {
        return of(real, fake, PrecisionRecall.DEFAULT_K);
    }

    /**
     * Density and coverage with a given k.
     *
     * @param real {@code [nReal, F]}, more than k rows
     * @param fake {@code [nFake, F]}, same F, at least one row
     * @param k    the neighbour that sets each real ball's radius, at least 1
     */
    public static DensityCoverage of(INDArray real, INDArray fake, int k) {
        return of(real, fake, k, KnnBalls.BLOCK_ELEMENTS);
    }

    /** As {@link #of(INDArray, INDArray, int)} with a chosen block size, so tests can cross block boundaries. */
    static DensityCoverage of(INDArray real, INDArray fake, int k, int blockElements) {
        KnnBalls.RealBalls balls = KnnBalls.realBalls(real, fake, k, 1, blockElements);
        double[] realRadii = balls.realRadii();
        int nReal = balls.nReal();
        int nFake = balls.nFake();
        boolean[] ballHit = new boolean[nReal];
        long[] ballsPerFake = {0};
        balls.forEachFakeBlock(blockElements, (firstRow, rows, d) -> {
            for (int r = 0; r < rows; r++) {
                int offset = r * nReal;
                for (int i = 0; i < nReal; i++) {
                    if (d[offset + i] <= realRadii[i]) {
                        ballsPerFake[0]++;
                        ballHit[i] = true;
                    }
                }
            }
        });
        int hit = KnnBalls.countSet(ballHit);
        return new DensityCoverage((double) ballsPerFake[0] / ((double) k * nFake), (double) hit / nReal, nReal,
                nFake, k);
    }

    /** E.g. {@code density 0.981, coverage 0.874 (k=3; 10000 real, 10000 fake)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "density %.3f, coverage %.3f (k=%d; %d real, %d fake)", density, coverage,
                k, nReal, nFake);
    }
}
