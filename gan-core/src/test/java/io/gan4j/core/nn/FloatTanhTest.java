package io.gan4j.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FloatTanh against Java's double-precision {@code Math.tanh} rounded to float (the correctly rounded result). */
class FloatTanhTest {

    private static int ulps(float a, float b) {
        return Math.abs(Float.floatToIntBits(a) - Float.floatToIntBits(b));
    }

    @Test
    void withinOneUlpOfTheCorrectlyRoundedTanhOverEveryBinade() {
        // Every 37th positive float from the smallest subnormal to 9.5 (the clamp is at 9.1): ~30 million values,
        // all binades included; negative inputs are the same by symmetry (tested below).
        int end = Float.floatToIntBits(9.5f);
        long exact = 0;
        long total = 0;
        int worst = 0;
        float worstAt = 0;
        for (int bits = 1; bits <= end; bits += 37) {
            float x = Float.intBitsToFloat(bits);
            int d = ulps(FloatTanh.tanh(x), (float) Math.tanh(x));
            if (d > worst) {
                worst = d;
                worstAt = x;
            }
            exact += d == 0 ? 1 : 0;
            total++;
        }
        assertTrue(worst <= 1, "worst " + worst + " ulp at x = " + worstAt);
        assertTrue(exact >= 0.99 * total, exact + " of " + total + " correctly rounded");
    }

    @Test
    void specialValuesAndSymmetry() {
        assertTrue(Float.isNaN(FloatTanh.tanh(Float.NaN)));
        assertEquals(1f, FloatTanh.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, FloatTanh.tanh(Float.NEGATIVE_INFINITY));
        assertEquals(1f, FloatTanh.tanh(1e30f));
        assertEquals(1f, FloatTanh.tanh(9.05f));
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(FloatTanh.tanh(0f)));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(FloatTanh.tanh(-0f)));
        assertEquals(Float.MIN_VALUE, FloatTanh.tanh(Float.MIN_VALUE));
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 100_000; i++) {
            float x = (float) (r.nextGaussian() * 4);
            assertEquals(-FloatTanh.tanh(x), FloatTanh.tanh(-x), "odd at " + x);
        }
    }

    @Test
    void arraysInPlaceAndRowViewsOnly() {
        INDArray x = Nd4j.randn(DataType.FLOAT, 7L, 256L, 128L).muli(3).reshape(256 * 7, 128);
        INDArray expected = x.dup();
        for (int i = 0; i < expected.length(); i++) {
            expected.putScalar(i, (float) Math.tanh(expected.getFloat(i)));
        }
        INDArray a = x.dup();
        assertTrue(FloatTanh.applies(a));
        FloatTanh.applyInPlace(a);
        float maxUlps = 0;
        for (int i = 0; i < a.length(); i++) {
            maxUlps = Math.max(maxUlps, ulps(a.getFloat(i), expected.getFloat(i)));
        }
        assertTrue(maxUlps <= 1, maxUlps + " ulp");

        // A range of rows of a c-ordered array is one run of its buffer: only those rows change.
        INDArray b = x.dup('c');
        INDArray rows = b.get(NDArrayIndex.interval(10, 20), NDArrayIndex.all());
        assertTrue(FloatTanh.applies(rows));
        FloatTanh.applyInPlace(rows);
        assertEquals(x.get(NDArrayIndex.interval(0, 10), NDArrayIndex.all()), b.get(NDArrayIndex.interval(0, 10),
                NDArrayIndex.all()));
        assertEquals(x.get(NDArrayIndex.interval(20, 256 * 7), NDArrayIndex.all()),
                b.get(NDArrayIndex.interval(20, 256 * 7), NDArrayIndex.all()));
        assertTrue(expected.get(NDArrayIndex.interval(10, 20), NDArrayIndex.all()).equalsWithEps(rows, 1e-6));

        // A range of columns is not: refused, as are doubles (they keep libnd4j's op).
        INDArray columns = x.dup('c').get(NDArrayIndex.all(), NDArrayIndex.interval(3, 9));
        assertFalse(FloatTanh.applies(columns));
        assertThrows(IllegalArgumentException.class, () -> FloatTanh.applyInPlace(columns));
        assertFalse(FloatTanh.applies(x.castTo(DataType.DOUBLE)));
    }
}
