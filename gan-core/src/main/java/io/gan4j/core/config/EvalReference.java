package io.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The real examples generated samples are compared with. */
public enum EvalReference {
    /** The data set's held-out split (MNIST: the 2,000 held-out digits; Fashion-MNIST: the 10,000 test images). */
    @JsonProperty("heldout") HELDOUT,
    /** The training examples themselves. */
    @JsonProperty("train") TRAIN
}
