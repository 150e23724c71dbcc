package io.gan4j.core.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which part of a data set to use. */
public enum Split {
    /** The examples a model trains on. */
    @JsonProperty("train") TRAIN,
    /** Examples never trained on, kept for evaluation (Fashion-MNIST: the official test set). */
    @JsonProperty("heldout") HELDOUT
}
