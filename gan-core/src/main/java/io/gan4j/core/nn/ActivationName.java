package io.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** Activation functions a config can name. */
public enum ActivationName {
    @JsonProperty("relu") RELU,
    /** max(x, αx) with the config's {@code leakySlope} α. */
    @JsonProperty("leakyrelu") LEAKY_RELU,
    @JsonProperty("elu") ELU,
    @JsonProperty("selu") SELU,
    /** Output in (-1, 1): the generator's output for images scaled to [-1, 1]. */
    @JsonProperty("tanh") TANH,
    @JsonProperty("sigmoid") SIGMOID,
    /** No activation: logits, or unbounded outputs such as 2-D points. */
    @JsonProperty("identity") IDENTITY;

    /** The DL4J activation; {@code leakySlope} is used by {@link #LEAKY_RELU} only. */
    public IActivation toDl4j(double leakySlope) {
        return switch (this) {
            case RELU -> new ActivationReLU();
            case LEAKY_RELU -> new LeakyReluActivation(leakySlope);
            case ELU -> new ActivationELU();
            case SELU -> new ActivationSELU();
            case TANH -> new ActivationTanH();
            case SIGMOID -> new ActivationSigmoid();
            case IDENTITY -> new ActivationIdentity();
        };
    }

    /** The interval the activation's outputs lie in, as {lo, hi} (infinite where unbounded). */
    public double[] range() {
        return switch (this) {
            case TANH -> new double[] {-1, 1};
            case SIGMOID -> new double[] {0, 1};
            case RELU -> new double[] {0, Double.POSITIVE_INFINITY};
            case ELU -> new double[] {-1, Double.POSITIVE_INFINITY};
            default -> new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        };
    }
}
