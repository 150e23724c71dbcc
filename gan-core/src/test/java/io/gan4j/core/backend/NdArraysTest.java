package io.gan4j.core.backend;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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

    @Test
    void rowsPutThePartsOneAfterTheOther() {
        INDArray a = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});
        INDArray b = Nd4j.createFromArray(new float[][] {{7, 8, 9}});
        INDArray r = NdArrays.rows(a, b);
        assertEquals('c', r.ordering());
        assertEquals(DataType.FLOAT, r.dataType());
        assertArrayEquals(new long[] {3, 3}, r.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, r.reshape(9).toFloatVector());
    }

    @Test
    void rowsReadColumnMajorPartsViewsAndImagesByTheirIndices() {
        // A column-major part, a row-range view with an offset into a bigger array, and rank-4 images.
        INDArray f = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}).dup('f');
        INDArray big = Nd4j.createFromArray(new double[][] {{9, 9}, {5, 6}, {7, 8}});
        INDArray view = big.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        INDArray r = NdArrays.rows(f, view);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, r.reshape(8).toDoubleVector());
        assertEquals(DataType.DOUBLE, r.dataType());

        INDArray x = Nd4j.linspace(DataType.FLOAT, 0, 24, 1).reshape(2, 3, 2, 2);
        INDArray y = Nd4j.linspace(DataType.FLOAT, 100, 12, 1).reshape(1, 3, 2, 2);
        INDArray images = NdArrays.rows(x, y, x);
        assertArrayEquals(new long[] {5, 3, 2, 2}, images.shape());
        assertEquals(x.getFloat(1, 2, 0, 1), images.getFloat(1, 2, 0, 1));
        assertEquals(y.getFloat(0, 1, 1, 0), images.getFloat(2, 1, 1, 0));
        assertEquals(x.getFloat(0, 0, 1, 1), images.getFloat(3, 0, 1, 1));
        assertEquals(x.getFloat(1, 2, 1, 1), images.getFloat(4, 2, 1, 1));
    }

    @Test
    void rowsRefuseDifferentTrailingShapesOrTypes() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdArrays.rows(a, Nd4j.zeros(DataType.FLOAT, 2, 4)));
        assertEquals("rows(): part 1 is FLOAT [2, 4], part 0 FLOAT [2, 3] (same type and shape after the first"
                + " axis needed)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NdArrays.rows(a, Nd4j.zeros(DataType.DOUBLE, 2, 3)));
        assertThrows(IllegalArgumentException.class, NdArrays::rows);
    }
}
