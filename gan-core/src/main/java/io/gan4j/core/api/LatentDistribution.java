package io.gan4j.core.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The prior p(z) latent codes are drawn from. */
public enum LatentDistribution {
    /** Standard normal N(0, 1) per dimension. */
    @JsonProperty("normal") NORMAL,
    /** Uniform U(-1, 1) per dimension (the original GAN and DCGAN papers). */
    @JsonProperty("uniform") UNIFORM;

    /** {@code n} codes of {@code dim} values: {@code [n, dim]}. */
    public INDArray sample(StepRandom random, DataType type, long n, long dim) {
        return switch (this) {
            case NORMAL -> random.gaussian(type, n, dim);
            case UNIFORM -> random.uniform(type, -1, 1, n, dim);
        };
    }
}
