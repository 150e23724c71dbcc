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

class PrecisionRecallTest {

    /** Brute force with explicit coordinates, sorting each row's distances: the definition, written plainly. */
    private static double[] bruteForce(double[][] real, double[][] fake, int k) {
        double[] realRadii = radii(real, k);
        double[] fakeRadii = radii(fake, k);
        int inside = countInside(fake, real, realRadii);
        int covered = countInside(real, fake, fakeRadii);
        return new double[] {(double) inside / fake.length, (double) covered / real.length};
    }

    /** How many of {@code points} lie in at least one of the balls around {@code centres} with {@code radii}. */
    private static int countInside(double[][] points, double[][] centres, double[] radii) {
        int count = 0;
        for (double[] p : points) {
            for (int i = 0; i < centres.length; i++) {
                if (distance(p, centres[i]) <= radii[i]) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    private static double[] radii(double[][] x, int k) {
        double[] radii = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] d = new double[x.length - 1];
            int m = 0;
            for (int j = 0; j < x.length; j++) {
                if (j != i) {
                    d[m++] = distance(x[i], x[j]);
                }
            }
            java.util.Arrays.sort(d);
            radii[i] = d[k - 1];
        }
        return radii;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void handBuiltCase() {
        // k = 1 radii: real {0, 1, 3, 10} -> {1, 1, 2, 7}; fake {2, 5, 21, 30} -> {3, 3, 9, 9}.
        // Precision: 2 is within 1 of 1, 5 exactly 2 from 3 (the boundary counts), 21 and 30 are outside -> 1/2.
        // Recall: 0, 1, 3 lie within 3 of 2; 10 is 5 from 5, 8 from 2 and 11 from 21 -> 3/4.
        INDArray real = column(0, 1, 3, 10);
        INDArray fake = column(2, 5, 21, 30);
        assertEquals(new PrecisionRecall(0.5, 0.75, 4, 4, 1), PrecisionRecall.of(real, fake, 1));
        // k = 2: real radii {3, 2, 3, 9}, fake radii {19, 16, 16, 25}: 10 is now within 19 of 2, recall 1.
        PrecisionRecall two = PrecisionRecall.of(real, fake, 2);
        assertEquals(new PrecisionRecall(0.5, 1.0, 4, 4, 2), two);
        assertEquals("precision 0.500, recall 1.000 (k=2; 4 real, 4 fake)", two.toString());
    }

    @Test
    void aDuplicateIsANeighbourAtDistanceZero() {
        // The sample itself is left out by index, not every point at distance 0: the duplicates' radii are 0, so
        // only fakes exactly on them count (leaving out all zeros would give radii 5 and precision 1).
        PrecisionRecall pr = PrecisionRecall.of(column(0, 0, 5, 5), column(0, 1, 5, 7), 1);
        assertEquals(0.5, pr.precision());
        assertEquals(1.0, pr.recall());
    }

    @Test
    void independentSamplesOfOneDistributionHaveHighPrecisionAndRecall() {
        int[] all = {0, 1, 2, 3, 4};
        PrecisionRecall pr = PrecisionRecall.of(modes(2000, 4, all, 8, 1), modes(2000, 4, all, 8, 2));
        assertEquals(3, pr.k());
        assertTrue(pr.precision() > 0.9 && pr.recall() > 0.9, pr.toString());
    }

    @Test
    void oneModeOfFiveIsPreciseButRecallsAFifth() {
        INDArray real = modes(1000, 4, new int[] {0, 1, 2, 3, 4}, 8, 3);
        INDArray fake = modes(1000, 4, new int[] {2}, 8, 4);
        PrecisionRecall pr = PrecisionRecall.of(real, fake);
        assertTrue(pr.precision() > 0.9, pr.toString());
        assertTrue(pr.recall() > 0.15 && pr.recall() < 0.25, pr.toString());
    }

    @Test
    void blocksOfAnySizeMatchTheBruteForceDefinition() {
        INDArray real = modes(120, 3, new int[] {0, 1}, 3, 5);
        INDArray fake = modes(100, 3, new int[] {1, 2}, 3, 6);
        double[] expected = bruteForce(real.castTo(DataType.DOUBLE).toDoubleMatrix(),
                fake.castTo(DataType.DOUBLE).toDoubleMatrix(), 3);
        // One row per block, blocks of 5 to 8 rows with a shorter last one, and everything in one block.
        for (int block : new int[] {1, 600, 850, PrecisionRecall.BLOCK_ELEMENTS}) {
            PrecisionRecall pr = PrecisionRecall.of(real, fake, 3, block);
            assertEquals(expected[0], pr.precision(), 0, "block " + block);
            assertEquals(expected[1], pr.recall(), 0, "block " + block);
        }
        assertTrue(expected[0] > 0.3 && expected[0] < 0.9 && expected[1] > 0.3 && expected[1] < 0.9,
                java.util.Arrays.toString(expected));
        assertEquals(PrecisionRecall.of(real, fake), PrecisionRecall.of(real.castTo(DataType.DOUBLE), fake));
    }

    @Test
    void rejectsBadArguments() {
        INDArray four = column(0, 1, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.of(four, column(0, 1, 2)));
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.of(four, four, 0));
        assertThrows(IllegalArgumentException.class,
                () -> PrecisionRecall.of(four, Nd4j.createFromArray(new double[][] {{0, 0}, {1, 1}}), 1));
    }
}
