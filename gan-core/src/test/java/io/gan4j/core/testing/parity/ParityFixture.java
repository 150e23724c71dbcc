package io.gan4j.core.testing.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fixture written by {@code benchmarks/parity/make_fixtures.py}: JSON whose arrays are {@code {shape, f64}}, the
 * values little-endian float64 in row-major order, base64.
 */
public final class ParityFixture {
    private final String resource;
    private final JsonNode root;

    private ParityFixture(String resource, JsonNode root) {
        this.resource = resource;
        this.root = root;
    }

    /** Reads {@code /parity/NAME.json} from the test class path (each module keeps its own fixtures). */
    public static ParityFixture load(String name) {
        String resource = "/parity/" + name + ".json";
        try (InputStream in = ParityFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource + " on the class path; run "
                        + "benchmarks/parity/make_fixtures.py");
            }
            return new ParityFixture(resource, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    public String resource() {
        return resource;
    }

    public JsonNode root() {
        return root;
    }

    /** An encoded array in the given type. */
    public static INDArray array(JsonNode node, DataType type) {
        JsonNode shapeNode = node.get("shape");
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
        }
        byte[] bytes = Base64.getDecoder().decode(node.get("f64").asText());
        double[] values = new double[bytes.length / 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
        return Nd4j.create(values, shape, 'c').castTo(type);
    }

    /** An object of encoded arrays, by name in file order. */
    public static Map<String, INDArray> arrays(JsonNode node, DataType type) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), array(e.getValue(), type)));
        return out;
    }
}
