package io.gan4j.core.data;

/**
 * An image domain gan4j ships a classifier for, as a data source declares it ({@link DataConfig#imageDomain()}):
 * evaluation takes that classifier's features for FID and friends without being told. The classifiers themselves are
 * {@code io.gan4j.core.metrics.ClassifierDomain}, one per constant here.
 */
public enum ImageDomain {
    /** Handwritten digits, {@code [1, 28, 28]}: gan4j's shipped MNIST. */
    MNIST,
    /** Fashion-MNIST's clothing images, {@code [1, 28, 28]}. */
    FASHION_MNIST;

    /** Shape of one image, {@code [1, 28, 28]} for both: the shape the shipped classifiers take. */
    public long[] sampleShape() {
        return new long[] {1, 28, 28};
    }
}
