package io.gan4j.core.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/** Checks and conversions shared by the metrics: every statistic is computed in double precision. */
final class Inputs {
    /**
     * How far a probability row may sum from 1: float softmax over a thousand classes is off by about 1e-6, while
     * logits or unnormalized scores are off by far more, and those are what this check is for.
     */
    static final double SUM_TOLERANCE = 1e-3;

    private Inputs() {
    }

    /**
     * A feature matrix as a double, c-ordered copy that callers may modify.
     *
     * @param minRows the fewest rows the metric can work with
     */
    static INDArray features(INDArray x, String name, int minRows) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException(name + " must be [n, features], got " + Arrays.toString(x.shape()));
        }
        if (x.size(0) < minRows || x.size(1) < 1) {
            throw new IllegalArgumentException(name + " needs at least " + minRows + " rows and one feature, got "
                    + Arrays.toString(x.shape()));
        }
        if (x.size(0) > Integer.MAX_VALUE || x.size(1) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is too large: " + Arrays.toString(x.shape()));
        }
        INDArray d = x.castTo(DataType.DOUBLE).dup('c');
        if (d.isNaN().any() || d.isInfinite().any()) {
            throw new IllegalArgumentException(name + " contains NaN or infinite values");
        }
        return d;
    }

    /** Rejects two feature matrices of different widths. */
    static void sameWidth(INDArray a, INDArray b) {
        if (a.size(1) != b.size(1)) {
            throw new IllegalArgumentException("feature dimensions differ: " + a.size(1) + " and " + b.size(1));
        }
    }

    /**
     * Class probabilities as rows of doubles, checked to be non-negative and to sum to 1 within
     * {@link #SUM_TOLERANCE}.
     */
    static double[][] probabilities(INDArray p, String name) {
        if (p.rank() != 2 || p.size(0) < 1 || p.size(1) < 1) {
            throw new IllegalArgumentException(name + " must be [n, classes] with n, classes >= 1, got "
                    + Arrays.toString(p.shape()));
        }
        double[][] rows = p.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < rows.length; i++) {
            double sum = 0;
            for (double v : rows[i]) {
                // !(v >= 0) also catches NaN.
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException(name + " row " + i + " has a value that is not a probability: "
                            + v);
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new IllegalArgumentException(name + " row " + i + " sums to " + sum
                        + ", not 1 (pass probabilities, not logits)");
            }
        }
        return rows;
    }

    /** The index of each row's largest value, the lowest index on ties. */
    static int[] argmax(double[][] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int best = 0;
            for (int c = 1; c < rows[i].length; c++) {
                if (rows[i][c] > rows[i][best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Mean and population standard deviation (denominator n, as numpy's default {@code std}). */
    static double[] meanAndStd(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(ss / v.length)};
    }
}
