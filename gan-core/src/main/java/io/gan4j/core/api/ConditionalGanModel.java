package io.gan4j.core.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A GAN whose generator (and usually discriminator) is conditioned on a class label y in {@code [0, numClasses)},
 * as in the conditional GAN of Mirza and Osindero (2014). Callers ask for a class with
 * {@link #sample(int, int[], long)}; the unconditional {@link #sample(int, long)} spreads its samples evenly over
 * the classes, so every tool written for {@link GanModel} still works.
 *
 * <p>Latent codes do not depend on the labels: {@code sample(n, labels, seed)} uses the same n codes for any
 * {@code labels}, so two calls that differ only in the labels show the same "style" in different classes.
 */
public interface ConditionalGanModel extends GanModel {

    /** Number of classes C the model is conditioned on, at least 1. */
    @Override
    int numClasses();

    /**
     * Generates {@code n} examples in inference mode, example i of class {@code labels[i]}, from latent codes drawn
     * with {@code seed} (the same codes as {@link #sample(int, long)} with that seed).
     *
     * @param labels length n, each in {@code [0, numClasses)}
     * @return {@code [n, ...sampleShape]}: images in [-1, 1], or points
     * @throws IllegalArgumentException when labels has the wrong length or a label is out of range
     */
    @Override
    INDArray sample(int n, int[] labels, long seed);

    /** Balanced over the classes: example i is of class {@code i % numClasses()}. */
    @Override
    default INDArray sample(int n, long seed) {
        return sample(n, balancedLabels(n, numClasses()), seed);
    }

    /**
     * One row per class: {@code numClasses()} rows (the {@code rows} argument is ignored) of {@code cols} samples,
     * row k showing class k, captioned with its class index. Row-major, like every {@link SampleGrid}.
     */
    @Override
    default SampleGrid sampleGrid(int rows, int cols, long seed) {
        int c = numClasses();
        int[] labels = new int[c * cols];
        String[] captions = new String[c];
        for (int k = 0; k < c; k++) {
            java.util.Arrays.fill(labels, k * cols, (k + 1) * cols, k);
            captions[k] = Integer.toString(k);
        }
        return new SampleGrid(sample(labels.length, labels, seed), c, cols, captions);
    }

    /**
     * Labels spread evenly over the classes: element i is {@code i % numClasses}, so every class gets
     * {@code n / numClasses} examples or one more.
     */
    static int[] balancedLabels(int n, int numClasses) {
        if (n < 0 || numClasses < 1) {
            throw new IllegalArgumentException("n must be >= 0 and numClasses >= 1, got " + n + " and " + numClasses);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % numClasses;
        }
        return labels;
    }

    /**
     * Checks requested labels.
     *
     * @throws IllegalArgumentException naming the first bad label, or the length mismatch
     */
    static void checkLabels(int[] labels, int n, int numClasses) {
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException((labels == null ? "no" : String.valueOf(labels.length))
                    + " labels for " + n + " examples");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is not in [0, "
                        + numClasses + ")");
            }
        }
    }
}
