package io.gan4j.core.api;

import io.gan4j.core.api.LatentCode.Categorical;
import io.gan4j.core.api.LatentCode.Continuous;
import io.gan4j.core.api.LatentCode.Noise;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** InfoGAN's MNIST code as the example: z (62, normal), c1 (categorical, 10), c2 (2 continuous in [-1, 1]). */
class LatentCodeTest {
    private static final LatentCode INFOGAN = LatentCode.of(new Noise("z", LatentDistribution.NORMAL, 62),
            new Categorical("c1", 10), new Continuous("c2", 2, -1, 1));

    @Test
    void widthsAndOffsetsAreTheSumsOfThePartsWidths() {
        assertEquals(74, INFOGAN.width());
        assertEquals(0, INFOGAN.offset("z"));
        assertEquals(62, INFOGAN.offset("c1"));
        assertEquals(72, INFOGAN.offset("c2"));
        assertEquals(10, INFOGAN.part("c1").width());
        assertThrows(IllegalArgumentException.class, () -> INFOGAN.part("c3"));
        assertThrows(IllegalArgumentException.class, () -> LatentCode.of(new Categorical("c", 2),
                new Continuous("c", 1, 0, 1)), "names are unique");
        assertThrows(IllegalArgumentException.class, () -> new Continuous("c", 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Categorical("c", 0));
    }

    @Test
    void aPlainCodeDrawsExactlyWhatItsDistributionDraws() {
        for (LatentDistribution d : LatentDistribution.values()) {
            INDArray viaCode = LatentCode.noise(d, 7).sample(new StepRandom(3), DataType.FLOAT, 5);
            INDArray direct = d.sample(new StepRandom(3), DataType.FLOAT, 5, 7);
            assertEquals(direct, viaCode, d.name());
        }
    }

    @Test
    void partsAreDrawnInTurnAllRowsOfAPartBeforeTheNext() {
        int n = 4;
        INDArray codes = INFOGAN.sample(new StepRandom(11), DataType.DOUBLE, n);
        assertArrayEquals(new long[] {n, 74}, codes.shape());
        // The same draws by hand: 62·n Gaussians, then n categories, then 2·n uniforms, row-major each.
        StepRandom r = new StepRandom(11);
        double[][] z = new double[n][62];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 62; j++) {
                z[i][j] = r.nextGaussian();
            }
        }
        int[] category = new int[n];
        for (int i = 0; i < n; i++) {
            category[i] = r.nextInt(10);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 62; j++) {
                assertEquals(z[i][j], codes.getDouble(i, j), 0.0);
            }
            for (int k = 0; k < 10; k++) {
                assertEquals(k == category[i] ? 1.0 : 0.0, codes.getDouble(i, 62 + k), 0.0, "one-hot row " + i);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(-1 + 2 * r.nextDouble(), codes.getDouble(i, 72 + j), 1e-15);
            }
        }
        assertArrayEquals(category, INFOGAN.categories(codes, "c1"));
        assertEquals(codes, INFOGAN.sample(new StepRandom(11), DataType.DOUBLE, n), "same seed, same codes");
        assertNotEquals(codes, INFOGAN.sample(new StepRandom(12), DataType.DOUBLE, n));
    }

    @Test
    void continuousCodesStayInTheirRangeAndCategoriesAreAllDrawn() {
        INDArray codes = INFOGAN.sample(new StepRandom(5), DataType.FLOAT, 2000);
        INDArray c2 = INFOGAN.slice(codes, "c2");
        assertArrayEquals(new long[] {2000, 2}, c2.shape());
        assertEquals(-1.0, c2.minNumber().doubleValue(), 0.01);
        assertEquals(1.0, c2.maxNumber().doubleValue(), 0.01);
        INDArray c1 = INFOGAN.slice(codes, "c1");
        assertEquals(2000.0, c1.sumNumber().doubleValue(), 0.0, "exactly one 1 per row");
        INDArray perCategory = c1.sum(0);
        for (int k = 0; k < 10; k++) {
            assertEquals(200.0, perCategory.getDouble(k), 60.0, "category " + k);
        }
    }

    @Test
    void oneHotSetCategoryAndSliceAreViewsOfTheSameColumns() {
        assertEquals(Nd4j.createFromArray(new double[][] {{0, 0, 1}, {1, 0, 0}}),
                LatentCode.oneHot(new int[] {2, 0}, 3, DataType.DOUBLE));
        assertThrows(IllegalArgumentException.class, () -> LatentCode.oneHot(new int[] {3}, 3, DataType.DOUBLE));
        INDArray codes = Nd4j.zeros(DataType.DOUBLE, 2, 74);
        INFOGAN.setCategory(codes, "c1", new int[] {9, 4});
        assertEquals(1.0, codes.getDouble(0, 71), 0.0);
        assertEquals(1.0, codes.getDouble(1, 66), 0.0);
        assertEquals(2.0, codes.sumNumber().doubleValue(), 0.0);
        INFOGAN.slice(codes, "c2").assign(0.5);
        assertEquals(0.5, codes.getDouble(1, 73), 0.0, "a slice writes through");
        INFOGAN.setContinuous(codes, "c2", 1, new double[] {-2, 3});
        assertEquals(-2.0, codes.getDouble(0, 73), 0.0);
        assertEquals(0.5, codes.getDouble(0, 72), 0.0);
        assertThrows(IllegalArgumentException.class, () -> INFOGAN.setCategory(codes, "c2", new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> INFOGAN.setContinuous(codes, "c2", 2, new double[2]));
    }

    @Test
    void aSweepHasOneRowPerCategoryAndColumnsSpanningTheContinuousRange() {
        LatentCode code = LatentCode.of(new Noise("z", LatentDistribution.UNIFORM, 2), new Categorical("c", 3),
                new Continuous("u", 2, -1, 1));
        INDArray base = Nd4j.createFromArray(new double[] {0.25, -0.5, 0, 0, 0, 0.3, 0.7});
        INDArray grid = code.sweep(base, "c", "u", 1, 3);
        double[][] expected = {
            {0.25, -0.5, 1, 0, 0, 0.3, -1}, {0.25, -0.5, 1, 0, 0, 0.3, 0}, {0.25, -0.5, 1, 0, 0, 0.3, 1},
            {0.25, -0.5, 0, 1, 0, 0.3, -1}, {0.25, -0.5, 0, 1, 0, 0.3, 0}, {0.25, -0.5, 0, 1, 0, 0.3, 1},
            {0.25, -0.5, 0, 0, 1, 0.3, -1}, {0.25, -0.5, 0, 0, 1, 0.3, 0}, {0.25, -0.5, 0, 0, 1, 0.3, 1}};
        assertEquals(Nd4j.createFromArray(expected), grid);
        assertEquals(0.7, base.getDouble(6), 0.0, "the base code is not changed");
    }
}
