package io.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nd4j.linalg.api.buffer.DataType;

/** Floating-point type of parameters and activations. */
public enum Precision {
    @JsonProperty("float") FLOAT(DataType.FLOAT),
    @JsonProperty("double") DOUBLE(DataType.DOUBLE);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** The ND4J data type. */
    public DataType dataType() {
        return dataType;
    }
}
