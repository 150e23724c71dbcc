package io.gan4j.core.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which shipped domain classifier provides features and class probabilities for the image metrics. */
public enum FeatureDomain {
    /** The classifier trained on the shipped MNIST digits. */
    @JsonProperty("mnist") MNIST("mnist"),
    /** The classifier trained on Fashion-MNIST. */
    @JsonProperty("fashion-mnist") FASHION_MNIST("fashion-mnist");

    private final String id;

    FeatureDomain(String id) {
        this.id = id;
    }

    /** The name the shipped classifier is stored under. */
    public String id() {
        return id;
    }
}
