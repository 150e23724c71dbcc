package io.gan4j.core.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * The k-nearest-neighbour balls shared by {@link PrecisionRecall} and {@link DensityCoverage}: squared Euclidean
 * distances {@code ||a||² + ||b||² − 2 a·b} clamped at 0, computed by ND4J a block of rows at a time so the full
 * distance matrix is never held.
 */
final class KnnBalls {
    /** Distances computed per block: 4M doubles, 32 MB, plus ND4J's copy of the block. */
    static final int BLOCK_ELEMENTS = 1 << 22;

    private KnnBalls() {
    }

    /**
     * A k-NN metric's inputs, checked: real features {@code [nReal, F]} with their squared norms and the radius of
     * each real point's ball (its k-th neighbour's distance among the real points), and fake features
     * {@code [nFake, F]} with their squared norms.
     */
    record RealBalls(INDArray real, double[] realNorms, double[] realRadii, INDArray fake, double[] fakeNorms) {
        int nReal() {
            return realNorms.length;
        }

        int nFake() {
            return fakeNorms.length;
        }

        /** {@link KnnBalls#forEachBlock} over the fake × real distances: rows are fakes, columns real points. */
        void forEachFakeBlock(int blockElements, Block block) {
            forEachBlock(fake, fakeNorms, real, realNorms, blockElements, block);
        }
    }

    /**
     * Checks {@code k} (at least 1), the feature matrices (more than k real rows, at least {@code minFakeRows} fake
     * rows, the same width) and measures the real balls.
     */
    static RealBalls realBalls(INDArray real, INDArray fake, int k, int minFakeRows, int blockElements) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        INDArray x = Inputs.features(real, "real", k + 1);
        INDArray y = Inputs.features(fake, "fake", minFakeRows);
        Inputs.sameWidth(x, y);
        double[] xNorms = squaredNorms(x);
        return new RealBalls(x, xNorms, kthNeighbour(x, xNorms, k, blockElements), y, squaredNorms(y));
    }

    /** How many of {@code flags} are set. */
    static int countSet(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            if (f) {
                n++;
            }
        }
        return n;
    }

    /** Squared distance from each row to its k-th nearest other row. */
    static double[] kthNeighbour(INDArray a, double[] norms, int k, int blockElements) {
        int n = norms.length;
        double[] radii = new double[n];
        double[] nearest = new double[k];
        forEachBlock(a, norms, a, norms, blockElements, (firstRow, rows, d) -> {
            for (int r = 0; r < rows; r++) {
                int self = firstRow + r;
                Arrays.fill(nearest, Double.POSITIVE_INFINITY);
                int offset = r * n;
                for (int i = 0; i < n; i++) {
                    double v = d[offset + i];
                    if (i == self || v >= nearest[k - 1]) {
                        continue;
                    }
                    // Insertion into the k smallest so far, kept sorted: k is small.
                    int pos = k - 1;
                    while (pos > 0 && nearest[pos - 1] > v) {
                        nearest[pos] = nearest[pos - 1];
                        pos--;
                    }
                    nearest[pos] = v;
                }
                radii[self] = nearest[k - 1];
            }
        });
        return radii;
    }

    static double[] squaredNorms(INDArray x) {
        return x.mul(x).sum(1).toDoubleVector();
    }

    /** Receives the squared distances of {@code rows} consecutive rows of A to every row of B, row-major. */
    @FunctionalInterface
    interface Block {
        void accept(int firstRow, int rows, double[] distances);
    }

    /** Squared distances between the rows of A and B, handed over a block of A's rows at a time. */
    static void forEachBlock(INDArray a, double[] aNorms, INDArray b, double[] bNorms, int blockElements,
                                     Block block) {
        int nA = aNorms.length;
        int nB = bNorms.length;
        int step = Math.max(1, blockElements / nB);
        for (int first = 0; first < nA; first += step) {
            int rows = Math.min(step, nA - first);
            INDArray part = a.get(NDArrayIndex.interval(first, first + rows), NDArrayIndex.all()).dup('c');
            INDArray products = Nd4j.gemm(part, b, false, true);
            if (products.ordering() != 'c' || products.isView()) {
                products = products.dup('c');
            }
            double[] d = products.data().asDouble();
            for (int r = 0; r < rows; r++) {
                double an = aNorms[first + r];
                int offset = r * nB;
                for (int j = 0; j < nB; j++) {
                    d[offset + j] = Math.max(0, an + bNorms[j] - 2 * d[offset + j]);
                }
            }
            block.accept(first, rows, d);
        }
    }
}
