package io.gan4j.core.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Locale;

/**
 * How often a conditional generator produces the class it was asked for, judged by the domain classifier: the
 * share of samples whose most probable class (the lowest index on ties) equals the requested label, overall and per
 * requested class. This is the classification-accuracy measure of conditional GANs (as in Odena et al. 2017,
 * AC-GAN), with the shipped domain classifier as the judge.
 *
 * @param accuracy          correct / samples, in [0, 1]
 * @param samples           number of generated samples
 * @param correct           samples classified as their requested label
 * @param perClassRequested samples requested per class, length C (a copy is returned)
 * @param perClassCorrect   correct samples per requested class, length C (a copy is returned)
 */
public record ConditionalAccuracy(double accuracy, int samples, int correct, int[] perClassRequested,
                                  int[] perClassCorrect) {

    /** Copies the arrays, so the record stays immutable. */
    public ConditionalAccuracy {
        perClassRequested = perClassRequested.clone();
        perClassCorrect = perClassCorrect.clone();
    }

    /**
     * Scores samples against the labels they were generated for.
     *
     * @param probabilities {@code [n, C]} class probabilities of the generated samples, rows non-negative and
     *                      summing to 1 (within 1e-3), any floating-point type
     * @param requested     length n, the label each sample was generated for, in [0, C)
     */
    public static ConditionalAccuracy of(INDArray probabilities, int[] requested) {
        return score(Inputs.probabilities(probabilities, "probabilities"), requested);
    }

    /**
     * Scores samples against requested labels given as an array, as a conditional generator takes them.
     *
     * @param probabilities {@code [n, C]} class probabilities, as for {@link #of(INDArray, int[])}
     * @param requested     class indices {@code [n]} or {@code [n, 1]} (integer values of any type), or one-hot rows
     *                      {@code [n, C]} (exactly one 1, the rest 0)
     */
    public static ConditionalAccuracy of(INDArray probabilities, INDArray requested) {
        double[][] p = Inputs.probabilities(probabilities, "probabilities");
        int n = p.length;
        int c = p[0].length;
        boolean rightRows = requested.rank() >= 1 && requested.size(0) == n;
        boolean indices = rightRows && (requested.rank() == 1 || requested.rank() == 2 && requested.size(1) == 1);
        boolean oneHot = !indices && rightRows && requested.rank() == 2 && requested.size(1) == c;
        if (!indices && !oneHot) {
            throw new IllegalArgumentException("labels must be [" + n + "], [" + n + ", 1] or [" + n + ", " + c
                    + "], got " + Arrays.toString(requested.shape()));
        }
        double[][] rows = requested.castTo(DataType.DOUBLE).reshape(n, indices ? 1 : c).toDoubleMatrix();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = indices ? integer(rows[i][0], i) : hotIndex(rows[i], i);
        }
        return score(p, labels);
    }

    private static ConditionalAccuracy score(double[][] p, int[] requested) {
        int n = p.length;
        int c = p[0].length;
        if (requested.length != n) {
            throw new IllegalArgumentException(requested.length + " labels for " + n + " samples");
        }
        int[] predicted = Inputs.argmax(p);
        int[] perRequested = new int[c];
        int[] perCorrect = new int[c];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int label = requested[i];
            if (label < 0 || label >= c) {
                throw new IllegalArgumentException("label " + label + " of sample " + i + " is not in [0, " + c + ")");
            }
            perRequested[label]++;
            if (predicted[i] == label) {
                perCorrect[label]++;
                correct++;
            }
        }
        return new ConditionalAccuracy((double) correct / n, n, correct, perRequested, perCorrect);
    }

    private static int integer(double v, int row) {
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("label of sample " + row + " is not an integer: " + v);
        }
        return (int) v;
    }

    private static int hotIndex(double[] row, int i) {
        int hot = -1;
        for (int k = 0; k < row.length; k++) {
            if (row[k] == 1 && hot < 0) {
                hot = k;
            } else if (row[k] != 0) {
                hot = -2;
                break;
            }
        }
        if (hot < 0) {
            throw new IllegalArgumentException("label row " + i + " is not one-hot: " + Arrays.toString(row));
        }
        return hot;
    }

    /** Number of classes C. */
    public int classes() {
        return perClassRequested.length;
    }

    /** Accuracy per requested class, length C, in [0, 1]; NaN for a class that was never requested. */
    public double[] perClassAccuracy() {
        double[] a = new double[perClassRequested.length];
        for (int k = 0; k < a.length; k++) {
            a[k] = perClassRequested[k] == 0 ? Double.NaN : (double) perClassCorrect[k] / perClassRequested[k];
        }
        return a;
    }

    /**
     * The mean of the per-class accuracies over the classes that were requested, in [0, 1]: unlike
     * {@link #accuracy()} it weighs every class equally when the requests are unbalanced.
     */
    public double balancedAccuracy() {
        double sum = 0;
        int classes = 0;
        for (double a : perClassAccuracy()) {
            if (!Double.isNaN(a)) {
                sum += a;
                classes++;
            }
        }
        return sum / classes;
    }

    /** Samples requested per class, length C (a copy). */
    @Override
    public int[] perClassRequested() {
        return perClassRequested.clone();
    }

    /** Correct samples per requested class, length C (a copy). */
    @Override
    public int[] perClassCorrect() {
        return perClassCorrect.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConditionalAccuracy a && samples == a.samples && correct == a.correct
                && Arrays.equals(perClassRequested, a.perClassRequested)
                && Arrays.equals(perClassCorrect, a.perClassCorrect);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(perClassRequested) + Arrays.hashCode(perClassCorrect)) + correct;
    }

    /** E.g. {@code accuracy 0.912 (912/1000), balanced 0.905, per class [0.98, 0.85, ...]}. */
    @Override
    public String toString() {
        StringBuilder per = new StringBuilder("[");
        double[] a = perClassAccuracy();
        for (int k = 0; k < a.length; k++) {
            per.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", a[k]));
        }
        return String.format(Locale.ROOT, "accuracy %.3f (%d/%d), balanced %.3f, per class %s]", accuracy, correct,
                samples, balancedAccuracy(), per);
    }
}
