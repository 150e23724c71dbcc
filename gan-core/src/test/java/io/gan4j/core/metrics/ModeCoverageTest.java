package io.gan4j.core.metrics;

import io.gan4j.core.data.GaussianMixture2D;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModeCoverageTest {
    private final GaussianMixture2D grid = GaussianMixture2D.grid25(2.0, 0.05);
    private final GaussianMixture2D ring = GaussianMixture2D.ring8(2.0, 0.02);

    @Test
    void theMixtureItselfCoversEveryMode() {
        for (GaussianMixture2D m : new GaussianMixture2D[] {grid, ring}) {
            ModeCoverage c = ModeCoverage.of(m.sample(2500, 5), m);
            assertEquals(2500, c.samples());
            assertEquals(m.numModes(), c.numModes());
            assertEquals(m.numModes(), c.modesCovered(), c.toString());
            assertTrue(c.allCovered());
            // 3 sd in 2-D holds 1 - exp(-4.5) = 98.9% of a Gaussian; binomial sd over 2,500 points is 0.2%.
            assertEquals(0.989, c.highQualityShare(), 0.01, c.toString());
            assertEquals(Math.round(c.highQualityShare() * 2500), Arrays.stream(c.perModeCounts()).sum());
        }
    }

    @Test
    void aSingleModeCoversOne() {
        int mode = 17;
        GaussianMixture2D one = new GaussianMixture2D(new double[] {grid.centerX(mode), grid.centerY(mode)}, 0.05);
        ModeCoverage c = ModeCoverage.of(one.sample(2500, 9), grid);
        assertEquals(1, c.modesCovered());
        assertTrue(c.perModeCounts()[mode] > 2400, c.toString());
        assertEquals(c.perModeCounts()[mode], Arrays.stream(c.perModeCounts()).sum());
    }

    @Test
    void pointsAtTheOriginCoverNothingOfTheRing() {
        ModeCoverage c = ModeCoverage.of(new float[2 * 1000], ring);
        assertEquals(0, c.modesCovered());
        assertEquals(0.0, c.highQualityShare());
        assertArrayEquals(new int[8], c.perModeCounts());
    }

    @Test
    void handBuiltCase() {
        // Ring of radius 2, std 0.1: high quality within 0.3 of a center.
        GaussianMixture2D m = GaussianMixture2D.ring8(2.0, 0.1);
        float[] xy = new float[2 * 80];
        Arrays.fill(xy, 10f); // far from every center, nearest is mode 1 at (1.41, 1.41): not high quality
        float[] close = {2.1f, 0f, 1.9f, 0.1f, 2f, -0.2f, 0f, 2.25f, 0f, 2.35f};
        System.arraycopy(close, 0, xy, 0, close.length);

        // 20 samples: a mode needs 0.2 * 20 / 8 = 0.5 points, so one is enough.
        ModeCoverage twenty = ModeCoverage.of(Arrays.copyOf(xy, 40), m);
        assertArrayEquals(new int[] {3, 0, 1, 0, 0, 0, 0, 0}, twenty.perModeCounts());
        assertEquals(2, twenty.modesCovered());
        assertEquals(4.0 / 20, twenty.highQualityShare(), 1e-12);
        assertEquals("2/8 modes covered, 20.0% high quality (20 samples), per mode [3, 0, 1, 0, 0, 0, 0, 0]",
                twenty.toString());

        // 80 samples: 2 points needed, so mode 2 with its single point is no longer covered.
        ModeCoverage eighty = ModeCoverage.of(xy, m);
        assertEquals(1, eighty.modesCovered());
        assertEquals(4.0 / 80, eighty.highQualityShare(), 1e-12);
    }

    @Test
    void pacGanThresholdOfTwentyPointsIn2500() {
        float[] xy = new float[2 * 2500];
        Arrays.fill(xy, 100f);
        for (int i = 0; i < 20; i++) {
            xy[2 * i] = (float) grid.centerX(0);
            xy[2 * i + 1] = (float) grid.centerY(0);
        }
        for (int i = 20; i < 39; i++) {
            xy[2 * i] = (float) grid.centerX(1);
            xy[2 * i + 1] = (float) grid.centerY(1);
        }
        ModeCoverage c = ModeCoverage.of(xy, grid);
        assertEquals(20, c.perModeCounts()[0]);
        assertEquals(19, c.perModeCounts()[1]);
        assertEquals(1, c.modesCovered());
    }

    @Test
    void nonFinitePointsAreNeverHighQuality() {
        ModeCoverage c = ModeCoverage.of(new float[] {Float.NaN, 0f, Float.POSITIVE_INFINITY, 2f, 2f, 0f}, ring);
        assertEquals(1, Arrays.stream(c.perModeCounts()).sum());
        assertEquals(1.0 / 3, c.highQualityShare(), 1e-12);
    }

    @Test
    void acceptsAnNdArrayOfPoints() {
        float[] xy = grid.sample(500, 2);
        ModeCoverage fromArray = ModeCoverage.of(xy, grid);
        assertEquals(fromArray, ModeCoverage.of(Nd4j.create(xy, new long[] {500, 2}, DataType.FLOAT), grid));
        assertEquals(fromArray.modesCovered(),
                ModeCoverage.of(Nd4j.create(xy, new long[] {500, 2}, DataType.FLOAT).castTo(DataType.DOUBLE), grid)
                        .modesCovered());
        assertThrows(IllegalArgumentException.class,
                () -> ModeCoverage.of(Nd4j.create(xy, new long[] {250, 4}, DataType.FLOAT), grid));
    }

    @Test
    void rejectsEmptyOrOddInput() {
        assertThrows(IllegalArgumentException.class, () -> ModeCoverage.of(new float[0], grid));
        assertThrows(IllegalArgumentException.class, () -> ModeCoverage.of(new float[3], grid));
    }
}
