package io.gan4j.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java leaky ReLU against libnd4j's op (equal values: the same float products) and the definition. */
class FloatArraysTest {

    @Test
    void leakyReluEqualsLibnd4jsOp() {
        for (double slope : new double[] {0.2, 0.01, 0.0, 1.0, 1.0 / 3}) {
            INDArray x = Nd4j.randn(DataType.FLOAT, 64, 1024).muli(3);
            x.putScalar(0, Float.NaN);
            x.putScalar(1, Float.NEGATIVE_INFINITY);
            x.putScalar(2, Float.POSITIVE_INFINITY);
            x.putScalar(3, 0f);
            x.putScalar(4, -Float.MIN_VALUE);
            INDArray expected = Transforms.leakyRelu(x.dup(), slope, false);
            INDArray actual = FloatArrays.leakyReluInPlace(x.dup(), slope);
            float[] e = expected.reshape(expected.length()).toFloatVector();
            float[] a = actual.reshape(actual.length()).toFloatVector();
            for (int i = 0; i < e.length; i++) {
                // Equal values (NaN where libnd4j gives NaN); a zero's sign may differ.
                assertTrue(Float.isNaN(e[i]) ? Float.isNaN(a[i]) : e[i] == a[i], "slope " + slope + ", element " + i
                        + " of input " + x.getFloat(i) + ": " + e[i] + " vs " + a[i]);
            }
            float[] in = x.reshape(x.length()).toFloatVector();
            for (int i = 5; i < in.length; i++) {
                float want = in[i] >= 0 ? in[i] : (float) slope * in[i];
                assertEquals(want, a[i], 0f, "definition at " + i);
            }
        }
    }

    @Test
    void rowRangesOnlyAndSlopesInTheUnitInterval() {
        INDArray x = Nd4j.randn(DataType.FLOAT, 50, 8);
        INDArray b = x.dup();
        FloatArrays.leakyReluInPlace(b.get(NDArrayIndex.interval(10, 20), NDArrayIndex.all()), 0.2);
        assertEquals(x.get(NDArrayIndex.interval(0, 10), NDArrayIndex.all()), b.get(NDArrayIndex.interval(0, 10),
                NDArrayIndex.all()));
        assertEquals(x.get(NDArrayIndex.interval(20, 50), NDArrayIndex.all()), b.get(NDArrayIndex.interval(20, 50),
                NDArrayIndex.all()));
        assertArrayEquals(Transforms.leakyRelu(x.get(NDArrayIndex.interval(10, 20), NDArrayIndex.all()).dup(), 0.2,
                false).toFloatMatrix(), b.get(NDArrayIndex.interval(10, 20), NDArrayIndex.all()).toFloatMatrix());
        INDArray column = x.dup().get(NDArrayIndex.all(), NDArrayIndex.point(3));
        assertThrows(IllegalArgumentException.class, () -> FloatArrays.leakyReluInPlace(column, 0.2));
        assertThrows(IllegalArgumentException.class, () -> FloatArrays.leakyReluInPlace(x.dup(), 1.5));
        // The dense pass falls back to libnd4j's op where the kernel does not apply.
        INDArray wide = x.dup();
        DenseStackPass.leakyReluInPlace(wide, 1.5);
        assertTrue(Transforms.leakyRelu(x.dup(), 1.5, false).equals(wide));
    }
}
