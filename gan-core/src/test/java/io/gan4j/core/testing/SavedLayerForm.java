package io.gan4j.core.testing;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checks that a custom layer configuration keeps the JSON form DL4J saves networks with (the class name and the
 * fields its getters expose), so networks saved by an earlier build still load after its code is reorganised.
 */
public final class SavedLayerForm {
    private SavedLayerForm() {
    }

    /**
     * Asserts that {@code saved} (a layer's JSON as an earlier build wrote it) loads, and that {@code fresh}, the
     * same layer built now, saves as exactly that JSON.
     *
     * @return the layer loaded from {@code saved}, for the caller to check its fields
     */
    public static Layer assertSavesAs(String saved, Layer fresh) throws IOException {
        ObjectMapper json = NeuralNetConfiguration.mapper();
        Layer loaded = json.readValue(saved, Layer.class);
        assertEquals(json.readTree(saved), json.readTree(json.writeValueAsString(fresh)));
        return loaded;
    }
}
