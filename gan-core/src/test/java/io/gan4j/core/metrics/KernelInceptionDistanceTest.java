package io.gan4j.core.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelInceptionDistanceTest {

    private static INDArray normal(int n, int f, double shift, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                x[i][j] = (float) (r.nextGaussian() + shift);
            }
        }
        return Nd4j.createFromArray(x);
    }

    @Test
    void handComputedOneDimensionalCase() {
        // k(x, y) = (xy + 1)^3. Within real {0, 1}: k(0, 1) = 1, twice over 2*1 pairs -> 1. Within fake {1, 2}:
        // k(1, 2) = 27 -> 27. Across: k(0,1) + k(0,2) + k(1,1) + k(1,2) = 1 + 1 + 8 + 27 = 37, times 2 / 4 -> 18.5.
        INDArray real = Nd4j.createFromArray(new double[][] {{0}, {1}});
        INDArray fake = Nd4j.createFromArray(new double[][] {{1}, {2}});
        KernelInceptionDistance kid = KernelInceptionDistance.of(real, fake, 5, 2, 3);
        assertEquals(1 + 27 - 18.5, kid.mean(), 1e-12);
        assertEquals(0, kid.std(), 1e-12);
        assertEquals(2, kid.nReal());
        assertEquals(2, kid.nFake());
        assertEquals(5, kid.subsets());
        assertEquals(2, kid.subsetSize());
        assertEquals(3, kid.seed());
    }

    @Test
    void handComputedCaseDividesTheDotProductByTheDimension() {
        // F = 2, k = (x.y / 2 + 1)^3. Real (1,0), (0,1): k = 1 -> 1. Fake (1,1), (0,0): k = 1 -> 1. Across:
        // 1.5^3 + 1 + 1.5^3 + 1 = 8.75, times 2 / 4 -> 4.375. The unbiased estimate can be negative.
        INDArray real = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}});
        INDArray fake = Nd4j.createFromArray(new float[][] {{1, 1}, {0, 0}});
        assertEquals(2 - 4.375, KernelInceptionDistance.of(real, fake, 1, 2, 0).mean(), 1e-12);
    }

    @Test
    void subsetsOfTheWholeSetAreDrawnWithoutReplacement() {
        // With subsetSize equal to both sample sizes every subset is a permutation of the whole set, and the
        // estimator does not depend on the order; a draw with replacement would repeat points and vary.
        INDArray real = normal(40, 5, 0, 1);
        INDArray fake = normal(40, 5, 0.3, 2);
        KernelInceptionDistance kid = KernelInceptionDistance.of(real, fake, 20, 40, 9);
        assertEquals(0, kid.std(), 1e-12 * Math.abs(kid.mean()));
        assertEquals(kid.mean(), KernelInceptionDistance.of(real, fake, 1, 40, 1234).mean(),
                1e-12 * Math.abs(kid.mean()));
    }

    @Test
    void sameDistributionGivesAboutZeroAndAShiftGivesClearlyPositive() {
        INDArray real = normal(1000, 16, 0, 11);
        KernelInceptionDistance same = KernelInceptionDistance.of(real, normal(1000, 16, 0, 12), 50, 200, 5);
        KernelInceptionDistance shifted = KernelInceptionDistance.of(real, normal(1000, 16, 0.25, 13), 50, 200, 5);
        assertTrue(Math.abs(same.mean()) < same.std(), same.toString());
        // The std is the spread of single subsets of 200, not the (much smaller) error of the mean over 50.
        assertTrue(shifted.mean() > 4 * shifted.std(), shifted.toString());
        assertTrue(shifted.mean() > 20 * Math.abs(same.mean()), shifted + " vs " + same);
    }

    @Test
    void defaultsAndSeeds() {
        INDArray real = normal(80, 4, 0, 21);
        INDArray fake = normal(60, 4, 0.5, 22);
        KernelInceptionDistance kid = KernelInceptionDistance.of(real, fake, 7);
        assertEquals(100, kid.subsets());
        assertEquals(60, kid.subsetSize());
        assertEquals(80, kid.nReal());
        assertEquals(60, kid.nFake());
        assertEquals(kid, KernelInceptionDistance.of(real, fake, 7));
        assertEquals(kid, KernelInceptionDistance.of(real.castTo(DataType.DOUBLE), fake, 7));
        KernelInceptionDistance other = KernelInceptionDistance.of(real, fake, 8);
        assertNotEquals(kid.mean(), other.mean());
        assertEquals(kid.mean(), other.mean(), 0.1 * kid.mean());
        assertTrue(kid.toString().startsWith("KID "), kid.toString());
    }

    @Test
    void rejectsBadArguments() {
        INDArray a = normal(10, 3, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> KernelInceptionDistance.of(a, normal(10, 4, 0, 2), 1));
        assertThrows(IllegalArgumentException.class, () -> KernelInceptionDistance.of(a, a, 0, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> KernelInceptionDistance.of(a, a, 3, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> KernelInceptionDistance.of(a, normal(8, 3, 0, 2), 3, 9, 1));
        assertThrows(IllegalArgumentException.class, () -> KernelInceptionDistance.of(a, normal(1, 3, 0, 2), 1));
    }
}
