package io.gan4j.core.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scalar outcome of one training step: named losses and diagnostics (e.g. {@code d_loss}, {@code g_loss},
 * {@code d_real}, {@code d_fake}), in a stable order. Only plain doubles, so listeners never hold ND4J arrays.
 */
public final class StepResult {
    private final Map<String, Double> values;

    private StepResult(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Starts a result; keys keep insertion order, which becomes the metrics file's column order. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named values in insertion order. */
    public Map<String, Double> values() {
        return values;
    }

    /** The value of {@code name}; throws if absent. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no value '" + name + "' in " + values.keySet());
        }
        return v;
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Collects named scalars. */
    public static final class Builder {
        private final Map<String, Double> values = new LinkedHashMap<>();

        public Builder put(String name, double value) {
            values.put(name, value);
            return this;
        }

        public StepResult build() {
            return new StepResult(new LinkedHashMap<>(values));
        }
    }
}
