package io.gan4j.core.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fixed, trained image classifier as a model's own metrics see it ({@link MetricContext#classifier()}): gan4j's
 * shipped classifier of the run's data domain (MNIST digits, Fashion-MNIST), the network behind FID. Runs in
 * inference mode: the same images always give the same probabilities.
 */
public interface ImageClassifier {

    /** Stable identifier of the network and its weights' version, e.g. {@code gan4j-mnist-lenet-v1}. */
    String id();

    /** Number of classes C the classifier predicts. */
    int numClasses();

    /**
     * Class probabilities of a set of images.
     *
     * @param images {@code [N, C, H, W]} of the classifier's input shape ({@code [N, 1, 28, 28]} for the shipped
     *               ones), any floating-point type, values in [-1, 1]; N at least 1
     * @return a new {@code [N, numClasses()]} FLOAT array whose rows are softmax outputs (each in [0, 1], summing to 1)
     * @throws IllegalArgumentException when the images have another shape
     */
    INDArray probabilities(INDArray images);
}
