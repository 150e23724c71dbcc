package io.gan4j.core.data;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each derived task against values worked out by hand on tiny images. */
class PairTaskTest {
    private static final DerivedPairsData P = DerivedPairsData.defaults();

    private static DerivedPairsData with(double maskMin, double maskMax, int factor, PairTask.NoiseType noise,
                                         double std, double fraction, double threshold) {
        return new DerivedPairsData(P.images(), null, Split.TRAIN, 0, P.task(), maskMin, maskMax, 0.0, factor, noise,
                std, fraction, threshold);
    }

    @Test
    void superresIsABlockMeanThenBilinearBack() {
        // 1x4x4 with f = 2: block means 1, 2 (top) and 3, 4 (bottom).
        float[] src = {
                0, 2, 1, 3,
                2, 0, 3, 1,
                3, 3, 4, 4,
                3, 3, 4, 4};
        float[] out = new float[16];
        PairTask.downUp(src, 0, 1, 4, 4, 2, out, 0);
        // Output pixel x samples the small image at (x + 0.5)/2 - 0.5 = -0.25, 0.25, 0.75, 1.25 -> clamped 0, 0.25,
        // 0.75, 1: weights of the right block 0, 0.25, 0.75, 1.
        float[] expected = {
                1, 1.25f, 1.75f, 2,
                1.5f, 1.75f, 2.25f, 2.5f,
                2.5f, 2.75f, 3.25f, 3.5f,
                3, 3.25f, 3.75f, 4};
        assertArrayEquals(expected, out, 1e-6f);
    }

    @Test
    void edgesMarkAStepAndNothingElse() {
        // Left half black (-1), right half white (1): Sobel gx = 4 on both columns beside the step, 0 elsewhere.
        float[] src = new float[6 * 6];
        for (int y = 0; y < 6; y++) {
            for (int x = 3; x < 6; x++) {
                src[y * 6 + x] = 1;
            }
            for (int x = 0; x < 3; x++) {
                src[y * 6 + x] = -1;
            }
        }
        float[] out = new float[36];
        PairTask.edges(src, 0, 1, 6, 6, 0.5, out, 0);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                assertEquals(x == 2 || x == 3 ? 1f : -1f, out[y * 6 + x], "pixel " + x + "," + y);
            }
        }
        PairTask.edges(src, 0, 1, 6, 6, 1.0, out, 0);
        for (float v : out) {
            assertEquals(-1f, v, "magnitude 1 is not above threshold 1");
        }
    }

    @Test
    void inpaintSetsOneRectangleWithinTheSizeBoundsAndKeepsTheRest() {
        DerivedPairsData p = with(0.25, 0.5, 4, PairTask.NoiseType.GAUSSIAN, 0, 0, 0.3);
        float[] src = new float[28 * 28];
        java.util.Arrays.fill(src, -1f);
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            float[] out = new float[src.length];
            PairTask.INPAINT.derive(p, src, 0, 1, 28, 28, out, 0, random.split());
            int minX = 28, maxX = -1, minY = 28, maxY = -1, masked = 0;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    if (out[y * 28 + x] != -1f) {
                        assertEquals(0f, out[y * 28 + x], "masked pixels take maskValue");
                        masked++;
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                    }
                }
            }
            int w = maxX - minX + 1;
            int h = maxY - minY + 1;
            assertEquals(w * h, masked, "the mask is one full rectangle");
            assertTrue(w >= 7 && w <= 14 && h >= 7 && h <= 14, "sides 25-50% of 28, found " + w + "x" + h);
        }
    }

    /** The denoising task's input made from a 100 × 1000 image of zeros (mid-grey in [-1, 1]) with the given noise. */
    private static float[] denoisedZeros(PairTask.NoiseType noise, double std, double share, long seed) {
        DerivedPairsData p = with(0.25, 0.5, 4, noise, std, share, 0.3);
        float[] src = new float[100_000];
        float[] out = new float[src.length];
        PairTask.DENOISE.derive(p, src, 0, 1, 100, 1000, out, 0, new SplittableRandom(seed));
        return out;
    }

    @Test
    void gaussianNoiseHasTheConfiguredSpreadAndIsClipped() {
        float[] out = denoisedZeros(PairTask.NoiseType.GAUSSIAN, 0.1, 0, 1);
        double sum = 0;
        double sq = 0;
        for (float v : out) {
            sum += v;
            sq += v * v;
        }
        double mean = sum / out.length;
        assertEquals(0, mean, 0.002);
        assertEquals(0.1, Math.sqrt(sq / out.length - mean * mean), 0.002);

        for (float v : denoisedZeros(PairTask.NoiseType.GAUSSIAN, 5, 0, 1)) {
            assertTrue(v >= -1 && v <= 1, "clipped to [-1, 1]: " + v);
        }
    }

    @Test
    void saltAndPepperFlipsTheConfiguredShareToBlackOrWhite() {
        int white = 0;
        int black = 0;
        for (float v : denoisedZeros(PairTask.NoiseType.SALT_AND_PEPPER, 0, 0.2, 2)) {
            white += v == 1f ? 1 : 0;
            black += v == -1f ? 1 : 0;
            assertTrue(v == 0f || v == 1f || v == -1f);
        }
        assertEquals(0.1, white / 1e5, 0.005);
        assertEquals(0.1, black / 1e5, 0.005);
    }

    @Test
    void theSameRandomStreamGivesTheSameCorruption() {
        DerivedPairsData p = with(0.25, 0.5, 4, PairTask.NoiseType.GAUSSIAN, 0.5, 0, 0.3);
        float[] src = new float[28 * 28];
        float[] a = new float[src.length];
        float[] b = new float[src.length];
        float[] c = new float[src.length];
        PairTask.DENOISE.derive(p, src, 0, 1, 28, 28, a, 0, new SplittableRandom(9));
        PairTask.DENOISE.derive(p, src, 0, 1, 28, 28, b, 0, new SplittableRandom(9));
        PairTask.DENOISE.derive(p, src, 0, 1, 28, 28, c, 0, new SplittableRandom(10));
        assertArrayEquals(a, b);
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(c));
    }
}
