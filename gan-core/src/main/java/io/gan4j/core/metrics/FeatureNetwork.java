package io.gan4j.core.metrics;

import io.gan4j.core.api.ImageClassifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fixed, trained network that embeds images for sample-quality metrics: its feature vectors feed Fréchet-style
 * distances (FID, Heusel et al. 2017) and its class probabilities feed Inception-style scores (Salimans et al. 2016).
 *
 * <p>A metric computed with a feature network must name it, e.g. "FID (gan4j-mnist features)", because values from
 * different feature networks (in particular from Inception-v3) are not comparable. {@link #id()} and
 * {@link #sha256()} identify the exact weights in reports.
 *
 * <p>Implementations run in inference mode (no dropout, no batch statistics), so the same images always give the
 * same outputs, and process large inputs in batches to bound memory. As an {@link ImageClassifier} it is what a
 * model's own metrics get ({@link io.gan4j.core.api.MetricContext}).
 */
public interface FeatureNetwork extends ImageClassifier {

    /** Stable identifier of the network and its weights' version, e.g. {@code gan4j-mnist-lenet-v1}. */
    @Override
    String id();

    /** Name for metric labels, e.g. {@code gan4j-mnist features}: "FID (gan4j-mnist features)". */
    String displayName();

    /** Length of one feature vector, D. */
    int featureDim();

    /** Number of classes the network predicts, C. */
    @Override
    int numClasses();

    /**
     * Feature vectors of a set of images.
     *
     * @param images {@code [N, 1, 28, 28]} (or flattened {@code [N, 784]}), any floating-point type, values in
     *               [-1, 1] as gan4j's data and generators produce them; N at least 1
     * @return a new {@code [N, featureDim()]} FLOAT array, row i the features of image i
     * @throws IllegalArgumentException when the images have another shape
     */
    INDArray features(INDArray images);

    /**
     * Class probabilities of a set of images.
     *
     * @param images as for {@link #features(INDArray)}
     * @return a new {@code [N, numClasses()]} FLOAT array whose rows are softmax outputs: each entry in [0, 1], each
     *         row summing to 1 (up to float rounding)
     * @throws IllegalArgumentException when the images have another shape
     */
    @Override
    INDArray probabilities(INDArray images);

    /** Lower-case hex SHA-256 of the weight file these outputs come from (64 characters). */
    String sha256();
}
