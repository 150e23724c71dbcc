package io.gan4j.core.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConditionalAccuracyTest {

    /** Probabilities whose most probable class is {@code predicted[i]}, not one-hot. */
    private static INDArray predicted(int classes, int... predicted) {
        double[][] p = new double[predicted.length][classes];
        for (int i = 0; i < predicted.length; i++) {
            java.util.Arrays.fill(p[i], 0.4 / (classes - 1));
            p[i][predicted[i]] = 0.6;
        }
        return Nd4j.createFromArray(p);
    }

    @Test
    void handComputedCase() {
        ConditionalAccuracy a = ConditionalAccuracy.of(predicted(3, 0, 1, 1, 1, 0, 2), new int[] {0, 0, 1, 1, 2, 2});
        assertEquals(4.0 / 6, a.accuracy(), 1e-15);
        assertEquals(6, a.samples());
        assertEquals(4, a.correct());
        assertEquals(3, a.classes());
        assertArrayEquals(new int[] {2, 2, 2}, a.perClassRequested());
        assertArrayEquals(new int[] {1, 2, 1}, a.perClassCorrect());
        assertArrayEquals(new double[] {0.5, 1, 0.5}, a.perClassAccuracy(), 1e-15);
        assertEquals(2.0 / 3, a.balancedAccuracy(), 1e-15);
        assertEquals("accuracy 0.667 (4/6), balanced 0.667, per class [0.50, 1.00, 0.50]", a.toString());
    }

    @Test
    void unbalancedRequestsAndANeverRequestedClass() {
        ConditionalAccuracy a = ConditionalAccuracy.of(predicted(3, 0, 0, 0, 0), new int[] {0, 0, 0, 1});
        assertEquals(0.75, a.accuracy());
        double[] per = a.perClassAccuracy();
        assertEquals(1.0, per[0]);
        assertEquals(0.0, per[1]);
        assertEquals(Double.NaN, per[2]);
        assertEquals(0.5, a.balancedAccuracy());
    }

    @Test
    void labelsAsIndicesOrOneHotArraysAgree() {
        INDArray p = predicted(3, 0, 1, 1, 2, 2).castTo(DataType.FLOAT);
        int[] labels = {0, 1, 2, 2, 0};
        ConditionalAccuracy expected = ConditionalAccuracy.of(p, labels);
        assertEquals(0.6, expected.accuracy(), 1e-15);
        assertEquals(expected, ConditionalAccuracy.of(p, Nd4j.createFromArray(labels)));
        assertEquals(expected, ConditionalAccuracy.of(p, Nd4j.createFromArray(new float[] {0, 1, 2, 2, 0})
                .reshape(5, 1)));
        float[][] oneHot = new float[5][3];
        for (int i = 0; i < 5; i++) {
            oneHot[i][labels[i]] = 1;
        }
        assertEquals(expected, ConditionalAccuracy.of(p, Nd4j.createFromArray(oneHot)));
    }

    @Test
    void rejectsBadLabels() {
        INDArray p = predicted(3, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> ConditionalAccuracy.of(p, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> ConditionalAccuracy.of(p, new int[] {0, 3}));
        assertThrows(IllegalArgumentException.class, () -> ConditionalAccuracy.of(p, new int[] {-1, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> ConditionalAccuracy.of(p, Nd4j.createFromArray(0.0, 1.5)));
        assertThrows(IllegalArgumentException.class,
                () -> ConditionalAccuracy.of(p, Nd4j.createFromArray(new double[][] {{1, 1, 0}, {0, 1, 0}})));
        assertThrows(IllegalArgumentException.class,
                () -> ConditionalAccuracy.of(p, Nd4j.createFromArray(new double[][] {{0.9, 0.1, 0}, {0, 1, 0}})));
        assertThrows(IllegalArgumentException.class,
                () -> ConditionalAccuracy.of(p, Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}})));
        assertThrows(IllegalArgumentException.class, () -> ConditionalAccuracy.of(p, Nd4j.createFromArray(0, 1, 2)));
    }
}
