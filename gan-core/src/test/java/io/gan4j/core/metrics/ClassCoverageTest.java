package io.gan4j.core.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassCoverageTest {

    private static INDArray predictions(int classes, int... perClass) {
        int n = 0;
        for (int count : perClass) {
            n += count;
        }
        float[][] p = new float[n][classes];
        int row = 0;
        for (int c = 0; c < perClass.length; c++) {
            for (int i = 0; i < perClass[c]; i++) {
                // Confident but not one-hot: the rest of the mass spread over the other classes.
                java.util.Arrays.fill(p[row], 0.2f / (classes - 1));
                p[row++][c] = 0.8f;
            }
        }
        return Nd4j.createFromArray(p);
    }

    /** KL(P || Q) without smoothing, leaving out empty classes of P. */
    private static double plainKl(double[] p, double[] q) {
        double kl = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                kl += p[i] * Math.log(p[i] / q[i]);
            }
        }
        return kl;
    }

    @Test
    void handBuiltCaseAgainstUniform() {
        ClassCoverage c = ClassCoverage.of(predictions(4, 5, 3, 2, 0));
        assertEquals(10, c.samples());
        assertEquals(4, c.classes());
        assertArrayEquals(new int[] {5, 3, 2, 0}, c.perClassCounts());
        // 0.2 * 10 / 4 = 0.5 samples needed: three classes covered.
        assertEquals(3, c.classesCovered());
        assertEquals(4, c.classesExpected());
        assertFalse(c.allCovered());
        assertFalse(c.hasReference());
        assertTrue(Double.isNaN(c.klFromReference()));
        double[] quarter = {0.25, 0.25, 0.25, 0.25};
        assertArrayEquals(quarter, c.referenceShares(), 0);
        // 0.5 log 2 + 0.3 log 1.2 + 0.2 log 0.8; the smoothing moves it by about 1e-9.
        double expected = 0.5 * Math.log(2) + 0.3 * Math.log(1.2) + 0.2 * Math.log(0.8);
        assertEquals(expected, plainKl(new double[] {0.5, 0.3, 0.2, 0}, quarter), 1e-15);
        assertEquals(expected, c.klFromUniform(), 1e-8);
        assertEquals("3/4 classes covered (10 samples), KL from uniform " + String.format(java.util.Locale.ROOT,
                "%.4g", c.klFromUniform()) + ", per class [5, 3, 2, 0]", c.toString());
    }

    @Test
    void tiesGoToTheLowestClass() {
        INDArray p = Nd4j.createFromArray(new double[][] {{0.5, 0.5, 0}, {0, 0.5, 0.5}, {0.25, 0.25, 0.5}});
        assertArrayEquals(new int[] {1, 1, 1}, ClassCoverage.of(p).perClassCounts());
    }

    @Test
    void collapseOntoOneClassIsLogCFromUniform() {
        ClassCoverage c = ClassCoverage.of(predictions(10, 200));
        assertEquals(1, c.classesCovered());
        assertEquals(Math.log(10), c.klFromUniform(), 1e-7);
        assertEquals(0, ClassCoverage.of(predictions(10, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20)).klFromUniform(),
                1e-12);
    }

    @Test
    void sameTwentyPercentRuleAsModeCoverage() {
        // 2,500 samples over 25 classes: 20 are needed, as for the 25-mode grid.
        int[] counts = new int[25];
        counts[0] = 20;
        counts[1] = 19;
        counts[2] = 2500 - 39;
        ClassCoverage c = ClassCoverage.of(predictions(25, counts));
        assertEquals(2, c.classesCovered());
    }

    @Test
    void referenceHistogramSetsTheExpectedSharesAndTheSecondDivergence() {
        // Counts 50, 30, 20 normalize to the sample's own shares: divergence 0, every expected class covered; the
        // reference's empty class expects nothing.
        ClassCoverage same = ClassCoverage.of(predictions(4, 5, 3, 2, 0), new double[] {50, 30, 20, 0});
        assertTrue(same.hasReference());
        assertEquals(0, same.klFromReference(), 1e-12);
        assertEquals(3, same.classesExpected());
        assertEquals(3, same.classesCovered());
        assertTrue(same.allCovered());
        assertArrayEquals(new double[] {0.5, 0.3, 0.2, 0}, same.referenceShares(), 1e-15);
        assertEquals(ClassCoverage.of(predictions(4, 5, 3, 2, 0)).klFromUniform(), same.klFromUniform());

        // Samples in a class the reference never shows: large, finite.
        ClassCoverage missing = ClassCoverage.of(predictions(4, 5, 3, 2, 0), new double[] {1, 1, 0, 0});
        double finitePart = 0.5 * Math.log(0.5 / 0.5) + 0.3 * Math.log(0.3 / 0.5);
        assertTrue(Double.isFinite(missing.klFromReference()));
        assertEquals(finitePart + 0.2 * Math.log(0.2 / ClassCoverage.EPSILON), missing.klFromReference(), 1e-7);
        assertEquals(2, missing.classesCovered());
        assertEquals(2, missing.classesExpected());
    }

    @Test
    void referenceSharesSetTheThreshold() {
        // Reference 90/10 with 100 samples: 18 and 2 needed.
        double[] reference = {0.9, 0.1};
        assertEquals(2, ClassCoverage.of(predictions(2, 98, 2), reference).classesCovered());
        assertEquals(1, ClassCoverage.of(predictions(2, 99, 1), reference).classesCovered());
        assertEquals(1, ClassCoverage.of(predictions(2, 17, 83), reference).classesCovered());
        // Uniform needs 10 of each.
        assertEquals(1, ClassCoverage.of(predictions(2, 91, 9)).classesCovered());
    }

    @Test
    void immutableAndComparable() {
        ClassCoverage c = ClassCoverage.of(predictions(3, 4, 1, 0));
        c.perClassCounts()[0] = 99;
        c.referenceShares()[0] = 99;
        assertEquals(ClassCoverage.of(predictions(3, 4, 1, 0)), c);
        assertEquals(ClassCoverage.of(predictions(3, 4, 1, 0)).hashCode(), c.hashCode());
        assertNotEquals(ClassCoverage.of(predictions(3, 4, 1, 0), new double[] {1, 1, 1}), c);
    }

    @Test
    void rejectsBadReferences() {
        INDArray p = predictions(3, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> ClassCoverage.of(p, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> ClassCoverage.of(p, new double[] {1, -1, 1}));
        assertThrows(IllegalArgumentException.class, () -> ClassCoverage.of(p, new double[] {0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> ClassCoverage.of(p, new double[] {1, Double.NaN, 1}));
        assertThrows(IllegalArgumentException.class, () -> ClassCoverage.of(p, null));
        assertThrows(IllegalArgumentException.class,
                () -> ClassCoverage.of(Nd4j.createFromArray(new double[][] {{3, -2}})));
    }
}
