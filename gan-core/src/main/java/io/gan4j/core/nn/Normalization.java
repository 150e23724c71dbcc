package io.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;

/** The feature normalisation of the image-to-image networks ({@link UNet}, {@link PatchGan}). */
public enum Normalization {
    /** Batch normalisation (Ioffe &amp; Szegedy 2015): batch statistics in training, running averages otherwise. */
    @JsonProperty("batch") BATCH,
    /** {@link InstanceNormalization}: every example and channel normalised over its own pixels. */
    @JsonProperty("instance") INSTANCE,
    /** None. */
    @JsonProperty("none") NONE;

    /**
     * The layer for {@code channels} channels, or null for {@link #NONE}.
     *
     * @param momentum batch norm's running-average momentum, Keras convention (ignored by instance norm)
     * @param epsilon  added to the variance
     */
    Layer layer(int channels, double momentum, double epsilon) {
        return switch (this) {
            case BATCH -> JavaBatchNormalization.of(
                    new BatchNormalization.Builder().nOut(channels).decay(momentum).eps(epsilon));
            case INSTANCE -> new InstanceNormalization(channels, epsilon);
            case NONE -> null;
        };
    }

    /** Whether a convolution followed by this normalisation can drop its bias (the shift β replaces it). */
    boolean replacesBias() {
        return this != NONE;
    }
}
