package io.gan4j.core.backend;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NdArraysTest {
    @Test
    void floatsAreTheValuesRowMajorInTheShape() {
        float[] v = new float[2 * 3 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.5f - 3;
        }
        INDArray a = NdArrays.floats(v, 2, 3, 4);
        assertEquals(DataType.FLOAT, a.dataType());
        assertEquals('c', a.ordering());
        assertArrayEquals(new long[] {2, 3, 4}, a.shape());
        assertEquals(v[1 * 12 + 2 * 4 + 3], a.getFloat(1, 2, 3));
        assertArrayEquals(v, a.reshape(v.length).toFloatVector());
    }

    @Test
    void aShapeThatDoesNotFitTheValuesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdArrays.floats(new float[5], 2, 3));
        assertEquals("shape [2, 3] holds 6 values, got 5", e.getMessage());
    }
}
