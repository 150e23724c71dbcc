package io.gan4j.core.data;

import io.gan4j.core.api.DataKind;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GaussianMixture2DTest {

    @Test
    void ringCenters() {
        GaussianMixture2D ring = GaussianMixture2D.ring8(2.0, 0.02);
        assertEquals(8, ring.numModes());
        assertEquals(0.02, ring.std());
        assertEquals(2.0, ring.centerX(0), 1e-12);
        assertEquals(0.0, ring.centerY(0), 1e-12);
        assertEquals(Math.sqrt(2), ring.centerX(1), 1e-12);
        assertEquals(Math.sqrt(2), ring.centerY(1), 1e-12);
        assertEquals(0.0, ring.centerX(2), 1e-12);
        assertEquals(2.0, ring.centerY(2), 1e-12);
        assertEquals(-2.0, ring.centerX(4), 1e-12);
        for (int k = 0; k < 8; k++) {
            assertEquals(2.0, Math.hypot(ring.centerX(k), ring.centerY(k)), 1e-12);
        }
    }

    @Test
    void gridCenters() {
        GaussianMixture2D grid = GaussianMixture2D.grid25(2.0, 0.05);
        assertEquals(25, grid.numModes());
        double[] c = grid.centers();
        assertEquals(50, c.length);
        for (int i = 0; i < 25; i++) {
            assertTrue(c[2 * i] % 2 == 0 && Math.abs(c[2 * i]) <= 4, "x " + c[2 * i]);
            assertTrue(c[2 * i + 1] % 2 == 0 && Math.abs(c[2 * i + 1]) <= 4, "y " + c[2 * i + 1]);
            for (int j = 0; j < i; j++) {
                assertFalse(c[2 * i] == c[2 * j] && c[2 * i + 1] == c[2 * j + 1], "duplicate center");
            }
        }
        assertEquals(-4.0, grid.centerX(0));
        assertEquals(-4.0, grid.centerY(0));
        assertEquals(4.0, grid.centerX(24));
        assertEquals(4.0, grid.centerY(24));
        assertEquals(12, grid.nearestMode(0.3, -0.2));
    }

    @Test
    void samplingIsDeterministicPerSeed() {
        GaussianMixture2D ring = GaussianMixture2D.ring8(2.0, 0.02);
        assertArrayEquals(ring.sample(1000, 7), ring.sample(1000, 7));
        assertFalse(Arrays.equals(ring.sample(1000, 7), ring.sample(1000, 8)));
        // A prefix of a larger draw: points are produced one after another from one stream.
        float[] small = ring.sample(10, 7);
        float[] large = ring.sample(1000, 7);
        assertArrayEquals(small, Arrays.copyOf(large, 20));
    }

    @Test
    void samplesFollowTheMixture() {
        GaussianMixture2D grid = GaussianMixture2D.grid25(2.0, 0.05);
        int n = 50_000;
        float[] xy = grid.sample(n, 3);
        int[] counts = new int[25];
        double[] sumSq = new double[2];
        double[] sum = new double[2];
        for (int i = 0; i < n; i++) {
            int k = grid.nearestMode(xy[2 * i], xy[2 * i + 1]);
            counts[k]++;
            double dx = xy[2 * i] - grid.centerX(k);
            double dy = xy[2 * i + 1] - grid.centerY(k);
            sum[0] += dx;
            sum[1] += dy;
            sumSq[0] += dx * dx;
            sumSq[1] += dy * dy;
        }
        // Binomial(50000, 1/25): mean 2000, sd 43.8; 5 sd either way.
        for (int c : counts) {
            assertTrue(Math.abs(c - 2000) < 220, "mode count " + c);
        }
        for (int d = 0; d < 2; d++) {
            assertEquals(0.0, sum[d] / n, 0.002);
            assertEquals(0.05, Math.sqrt(sumSq[d] / n), 0.001);
        }
    }

    @Test
    void ringAndGridConfigsDelegateToTheMixture() {
        Ring8Data ring = Ring8Data.defaults();
        ArrayDataset r = ring.load(11);
        assertEquals("ring8", r.name());
        assertEquals(50_000, r.size());
        assertArrayEquals(new long[] {2}, r.sampleShape());
        assertFalse(r.hasLabels());
        assertEquals(DataKind.UNLABELLED, r.spec().kind());
        assertArrayEquals(GaussianMixture2D.ring8(2.0, 0.02).sample(50_000, 11), r.values());

        ArrayDataset g = new Grid25Data(1.5, 0.1, 300).load(11);
        assertEquals("grid25", g.name());
        assertEquals(300, g.size());
        assertArrayEquals(GaussianMixture2D.grid25(1.5, 0.1).sample(300, 11), g.values());
        assertEquals(6.0, new Grid25Data(3, 0.1, 1).mixture().centerX(24));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new GaussianMixture2D(new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> new GaussianMixture2D(new double[0], 1));
        assertThrows(IllegalArgumentException.class, () -> new GaussianMixture2D(new double[] {0, 0}, 0));
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture2D.ring8(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture2D.ring8(1, 1).sample(-1, 0));
    }
}
