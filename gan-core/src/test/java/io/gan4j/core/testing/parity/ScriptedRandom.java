package io.gan4j.core.testing.parity;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.api.StepRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@link StepRandom} that hands out a reference implementation's draws in order and fails the test when the step
 * asks for a different kind or shape of draw than the reference made, or leaves draws unused.
 */
public final class ScriptedRandom extends StepRandom {
    private final List<JsonNode> draws = new ArrayList<>();
    private int next;

    public ScriptedRandom(JsonNode draws) {
        super(0);
        draws.forEach(this.draws::add);
    }

    private JsonNode take(String kind) {
        if (next >= draws.size()) {
            fail("the step drew a " + kind + " value after the reference's " + draws.size() + " draws");
        }
        JsonNode d = draws.get(next++);
        assertEquals(d.get("kind").asText(), kind, "draw " + next + " of the step");
        return d;
    }

    @Override
    public INDArray gaussian(DataType type, long... shape) {
        INDArray v = ParityFixture.array(take("gaussian").get("values"), type);
        assertArrayEquals(v.shape(), shape, "shape of gaussian draw " + next);
        return v;
    }

    @Override
    public INDArray uniform(DataType type, double lo, double hi, long... shape) {
        JsonNode d = take("uniform");
        assertEquals(d.get("lo").asDouble(), lo, "lower bound of uniform draw " + next);
        assertEquals(d.get("hi").asDouble(), hi, "upper bound of uniform draw " + next);
        INDArray v = ParityFixture.array(d.get("values"), type);
        assertArrayEquals(v.shape(), shape, "shape of uniform draw " + next + ": " + Arrays.toString(shape));
        return v;
    }

    @Override
    public double nextDouble() {
        return take("double").get("value").asDouble();
    }

    @Override
    public int nextInt(int bound) {
        JsonNode d = take("int");
        assertEquals(d.get("bound").asInt(), bound, "bound of integer draw " + next);
        return d.get("value").asInt();
    }

    @Override
    public double nextGaussian() {
        throw new AssertionError("the reference makes no scalar Gaussian draws");
    }

    @Override
    public long nextLong() {
        throw new AssertionError("the reference makes no long draws");
    }

    /** Fails unless the step used every draw of the reference. */
    public void assertAllUsed() {
        assertTrue(next == draws.size(), "the step used " + next + " of the reference's " + draws.size() + " draws");
    }
}
