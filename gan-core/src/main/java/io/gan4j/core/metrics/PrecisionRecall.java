package io.gan4j.core.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Locale;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019, "Improved Precision and Recall Metric for Assessing
 * Generative Models") on the domain classifier's features.
 *
 * <p>Each set's manifold is estimated as the union of balls around its samples, each ball reaching to that
 * sample's k-th nearest neighbour among the <em>other</em> samples of the same set (the sample itself is excluded by
 * index, so duplicates count as neighbours at distance 0). <em>Precision</em> is the share of generated samples
 * inside at least one ball of the real manifold (are the samples realistic?); <em>recall</em> is the share of real
 * samples inside at least one ball of the generated manifold (is the real variety covered?). A point on a ball's
 * boundary is inside, as in the reference implementation.
 *
 * <p>Distances are Euclidean, compared squared: {@code ||a||² + ||b||² − 2 a·b} clamped at 0, with the products
 * taken by ND4J in blocks of about {@value #BLOCK_ELEMENTS} distances, so 10,000 x 10,000 samples need about 64 MB
 * beyond the features themselves and never the full distance matrix.
 *
 * @param precision share of generated samples inside the real manifold, in [0, 1]
 * @param recall    share of real samples inside the generated manifold, in [0, 1]
 * @param nReal     number of real samples
 * @param nFake     number of generated samples
 * @param k         neighbour that sets each ball's radius, at least 1
 */
public record PrecisionRecall(double precision, double recall, int nReal, int nFake, int k) {

    /** The neighbour used by default, as recommended by the paper. */
    public static final int DEFAULT_K = 3;

    /** Distances computed per block: 4M doubles, 32 MB, plus ND4J's copy of the block. */
    static final int BLOCK_ELEMENTS = KnnBalls.BLOCK_ELEMENTS;

    /**
     * Precision and recall with k = {@value #DEFAULT_K}.
     *
     * @param real {@code [nReal, F]} features of real samples, any floating-point type, more than k rows
     * @param fake {@code [nFake, F]} features of generated samples, same F, more than k rows
     */
    public static PrecisionRecall of(INDArray real, INDArray fake) {
        return of(real, fake, DEFAULT_K);
    }

    /**
     * Precision and recall with a given k.
     *
     * @param real {@code [nReal, F]}, more than k rows
     * @param fake {@code [nFake, F]}, same F, more than k rows
     * @param k    the neighbour that sets each radius, at least 1
     */
    public static PrecisionRecall of(INDArray real, INDArray fake, int k) {
        return of(real, fake, k, BLOCK_ELEMENTS);
    }

    /** As {@link #of(INDArray, INDArray, int)} with a chosen block size, so tests can cross block boundaries. */
    static PrecisionRecall of(INDArray real, INDArray fake, int k, int blockElements) {
        KnnBalls.RealBalls balls = KnnBalls.realBalls(real, fake, k, k + 1, blockElements);
        double[] realRadii = balls.realRadii();
        double[] fakeRadii = KnnBalls.kthNeighbour(balls.fake(), balls.fakeNorms(), k, blockElements);
        int nReal = balls.nReal();
        int nFake = balls.nFake();
        boolean[] realCovered = new boolean[nReal];
        int[] fakeInside = {0};
        // One pass over the fake x real distances answers both questions.
        balls.forEachFakeBlock(blockElements, (firstRow, rows, d) -> {
            for (int r = 0; r < rows; r++) {
                double fakeRadius = fakeRadii[firstRow + r];
                boolean inside = false;
                int offset = r * nReal;
                for (int i = 0; i < nReal; i++) {
                    double dist = d[offset + i];
                    if (dist <= realRadii[i]) {
                        inside = true;
                    }
                    if (dist <= fakeRadius) {
                        realCovered[i] = true;
                    }
                }
                if (inside) {
                    fakeInside[0]++;
                }
            }
        });
        int covered = KnnBalls.countSet(realCovered);
        return new PrecisionRecall((double) fakeInside[0] / nFake, (double) covered / nReal, nReal, nFake, k);
    }

    /** E.g. {@code precision 0.712, recall 0.534 (k=3; 10000 real, 10000 fake)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "precision %.3f, recall %.3f (k=%d; %d real, %d fake)", precision, recall,
                k, nReal, nFake);
    }
}
