package io.gan4j.core.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InceptionScoreTest {

    private static INDArray oneHot(int classes, int... labels) {
        float[][] p = new float[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            p[i][labels[i]] = 1;
        }
        return Nd4j.createFromArray(p);
    }

    @Test
    void identicalPredictionsScoreOne() {
        InceptionScore is = InceptionScore.of(oneHot(10, new int[50]));
        assertEquals(1.0, is.mean(), 1e-12);
        assertEquals(0.0, is.std(), 1e-12);
        assertEquals(50, is.samples());
        assertEquals(10, is.splits());
        assertEquals(10, is.classes());
        double[][] same = new double[20][];
        for (int i = 0; i < 20; i++) {
            same[i] = new double[] {0.2, 0.5, 0.3};
        }
        assertEquals(1.0, InceptionScore.of(Nd4j.createFromArray(same), 4).mean(), 1e-12);
    }

    @Test
    void confidentPredictionsSpreadEvenlyScoreTheNumberOfClasses() {
        int[] labels = new int[100];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        // Each of the 10 splits holds every class once.
        InceptionScore is = InceptionScore.of(oneHot(10, labels));
        assertEquals(10.0, is.mean(), 1e-9);
        assertEquals(0.0, is.std(), 1e-9);
    }

    @Test
    void handComputedCase() {
        // p(y) = (0.75, 0.25). KL of (0.5, 0.5) is 0.5 log(0.5/0.75) + 0.5 log(0.5/0.25) = 0.5 log(4/3); KL of
        // (1, 0) is log(1/0.75) = log(4/3), its zero term contributing nothing. Mean 0.75 log(4/3).
        INDArray p = Nd4j.createFromArray(new double[][] {{0.5, 0.5}, {1, 0}});
        InceptionScore is = InceptionScore.of(p, 1);
        assertEquals(Math.pow(4.0 / 3, 0.75), is.mean(), 1e-12);
        assertEquals(0.0, is.std());
    }

    @Test
    void splitsAreConsecutiveAndUnevenSizesDropNothing() {
        // 5 samples in 2 splits: [0, 2) holds classes 0, 1 (score 2), [2, 5) holds 0, 1, 2 (score 3).
        InceptionScore is = InceptionScore.of(oneHot(3, 0, 1, 0, 1, 2), 2);
        assertEquals(2.5, is.mean(), 1e-12);
        assertEquals(0.5, is.std(), 1e-12);
        // One split sees all five samples: p(y) = (0.4, 0.4, 0.2).
        double expected = Math.exp((4 * Math.log(1 / 0.4) + Math.log(1 / 0.2)) / 5);
        assertEquals(expected, InceptionScore.of(oneHot(3, 0, 1, 0, 1, 2), 1).mean(), 1e-12);
    }

    @Test
    void floatAndDoubleInputAgree() {
        float[][] p = new float[30][];
        for (int i = 0; i < 30; i++) {
            float a = (i % 7) / 10f;
            p[i] = new float[] {a, 0.25f, 0.75f - a};
        }
        INDArray f = Nd4j.createFromArray(p);
        assertEquals(InceptionScore.of(f), InceptionScore.of(f.castTo(DataType.DOUBLE)));
    }

    @Test
    void rejectsWhatAreNotProbabilities() {
        assertThrows(IllegalArgumentException.class,
                () -> InceptionScore.of(Nd4j.createFromArray(new double[][] {{2.0, -1.0}, {0.5, 0.5}}), 1));
        assertThrows(IllegalArgumentException.class,
                () -> InceptionScore.of(Nd4j.createFromArray(new double[][] {{0.6, 0.6}, {0.5, 0.5}}), 1));
        assertThrows(IllegalArgumentException.class,
                () -> InceptionScore.of(Nd4j.createFromArray(new double[][] {{Double.NaN, 1}, {0.5, 0.5}}), 1));
        assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(oneHot(3, 0, 1), 3));
        assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(oneHot(3, 0, 1), 0));
        assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(Nd4j.createFromArray(0.5, 0.5)));
    }
}
