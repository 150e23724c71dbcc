package io.gan4j.core.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.gan4j.core.metrics.FeaturePoints.column;
import static io.gan4j.core.metrics.FeaturePoints.modes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DensityCoverageTest {

    @Test
    void handBuiltCase() {
        // Real {0, 1, 3, 10}, k = 1: radii {1, 1, 2, 7}, balls [-1, 1], [0, 2], [1, 5], [3, 17].
        // Fake 2 lies in [0, 2] and [1, 5]; 5 in [1, 5] (on the boundary, which counts) and [3, 17]; 21 and 30 in none.
        // Density = (2 + 2 + 0 + 0) / (k·M = 1·4) = 1. Coverage: balls holding a fake are those of 1, 3 and 10 -> 3/4.
        INDArray real = column(0, 1, 3, 10);
        INDArray fake = column(2, 5, 21, 30);
        assertEquals(new DensityCoverage(1.0, 0.75, 4, 4, 1), DensityCoverage.of(real, fake, 1));
        // k = 2: radii {3, 2, 3, 9}, balls [-3, 3], [-1, 3], [0, 6], [1, 19]. Fake 2 lies in all four, 5 in [0, 6] and
        // [1, 19], 21 and 30 in none: density (4 + 2) / (2·4) = 0.75; every ball holds a fake: coverage 1.
        DensityCoverage two = DensityCoverage.of(real, fake, 2);
        assertEquals(new DensityCoverage(0.75, 1.0, 4, 4, 2), two);
        assertEquals("density 0.750, coverage 1.000 (k=2; 4 real, 4 fake)", two.toString());
    }

    @Test
    void samplesCrowdedWhereBallsOverlapHaveDensityAboveOne() {
        // Real {0, 1, 2, 3}, k = 1: every radius is 1, balls [-1, 1], [0, 2], [1, 3], [2, 4]. Four fakes at 1.5 each
        // lie in [0, 2] and [1, 3]: density (4·2) / (1·4) = 2, coverage 2/4. Precision is 1 (every fake is inside a
        // ball); coverage says that half of the data has no sample near it.
        INDArray real = column(0, 1, 2, 3);
        INDArray fake = column(1.5, 1.5, 1.5, 1.5);
        assertEquals(new DensityCoverage(2.0, 0.5, 4, 4, 1), DensityCoverage.of(real, fake, 1));
        assertEquals(1.0, PrecisionRecall.of(real, fake, 1).precision());
    }

    @Test
    void anOutlierInTheRealSetVouchesForACollapsedGeneratorInPrecisionOnly() {
        // Real: 99 points on 0, 1, ..., 98 and an outlier at 1000, whose k = 3 ball (radius 1000 − 96 = 904) reaches
        // 96..1904. All 100 fakes sit at 1500, inside that one ball: precision 1, but each fake lies in 1 ball of the
        // k = 3 a typical sample would: density 100·1 / (3·100) = 1/3, and one ball of 100 is covered: coverage 0.01.
        double[] realValues = new double[100];
        for (int i = 0; i < 99; i++) {
            realValues[i] = i;
        }
        realValues[99] = 1000;
        double[] fakeValues = new double[100];
        java.util.Arrays.fill(fakeValues, 1500);
        INDArray real = column(realValues);
        INDArray fake = column(fakeValues);
        assertEquals(1.0, PrecisionRecall.of(real, fake).precision());
        DensityCoverage dc = DensityCoverage.of(real, fake);
        assertEquals(1.0 / 3, dc.density(), 1e-12);
        assertEquals(0.01, dc.coverage());
    }

    @Test
    void independentSamplesOfOneDistributionHaveDensityNearOneAndCoverageNearItsExpectation() {
        // Naeem et al.: for matching distributions E[density] = 1 and E[coverage] = 1 − 2^−k for equal large sets.
        int[] all = {0, 1, 2, 3, 4};
        DensityCoverage dc = DensityCoverage.of(modes(2000, 4, all, 8, 1), modes(2000, 4, all, 8, 2));
        assertEquals(3, dc.k());
        assertEquals(1.0, dc.density(), 0.1, dc.toString());
        assertEquals(0.875, dc.coverage(), 0.04, dc.toString());
    }

    @Test
    void oneModeOfFiveIsFaithfulButCoversAFifth() {
        // Density measures fidelity, not variety: a sample on the data falls in about k real balls wherever it is,
        // so dropping four modes leaves density near 1. Coverage counts the real balls reached: about a fifth.
        DensityCoverage dc = DensityCoverage.of(modes(1000, 4, new int[] {0, 1, 2, 3, 4}, 8, 3),
                modes(1000, 4, new int[] {2}, 8, 4));
        assertEquals(1.0, dc.density(), 0.15, dc.toString());
        assertTrue(dc.coverage() > 0.12 && dc.coverage() < 0.22, dc.toString());
    }

    @Test
    void blocksOfAnySizeGiveTheSameAnswer() {
        INDArray real = modes(120, 3, new int[] {0, 1}, 3, 5);
        INDArray fake = modes(100, 3, new int[] {1, 2}, 3, 6);
        DensityCoverage whole = DensityCoverage.of(real, fake, 3, KnnBalls.BLOCK_ELEMENTS);
        for (int block : new int[] {1, 600, 850}) {
            assertEquals(whole, DensityCoverage.of(real, fake, 3, block), "block " + block);
        }
        assertEquals(whole, DensityCoverage.of(real.castTo(DataType.DOUBLE), fake));
    }

    @Test
    void rejectsBadArguments() {
        INDArray four = column(0, 1, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> DensityCoverage.of(column(0, 1, 2), four));
        assertThrows(IllegalArgumentException.class, () -> DensityCoverage.of(four, four, 0));
        assertThrows(IllegalArgumentException.class,
                () -> DensityCoverage.of(four, Nd4j.createFromArray(new double[][] {{0, 0}, {1, 1}}), 1));
    }
}
