package io.gan4j.core.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/** Feature sets for the k-nearest-neighbour metrics' tests (precision/recall, density/coverage): rows are points. */
final class FeaturePoints {
    private FeaturePoints() {
    }

    /** One-dimensional points, one row each: [n, 1] doubles. */
    static INDArray column(double... values) {
        double[][] x = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            x[i][0] = values[i];
        }
        return Nd4j.createFromArray(x);
    }

    /**
     * [n, f] floats: n points from equal-weight unit Gaussians in f dimensions centred at
     * {@code spacing * (m, 0, ..., 0)} for each mode m of {@code which}.
     */
    static INDArray modes(int n, int f, int[] which, double spacing, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
            x[i][0] += (float) (spacing * which[r.nextInt(which.length)]);
        }
        return Nd4j.createFromArray(x);
    }
}
