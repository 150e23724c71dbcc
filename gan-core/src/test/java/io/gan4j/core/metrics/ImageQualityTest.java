package io.gan4j.core.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageQualityTest {

    /** Smooth blobs and stripes in [-1, 1]: textured, with local means away from 0. */
    private static double[][][][] pattern(int n, int c, int h, int w) {
        double[][][][] x = new double[n][c][h][w];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int r = 0; r < h; r++) {
                    for (int col = 0; col < w; col++) {
                        double v = 0.5 * Math.sin(0.7 * r + i) * Math.cos(0.45 * col - ch) + 0.4 * Math.sin(0.11 * (r
                                + 2 * col) + ch) + 0.1 * ((r / 4 + col / 4) % 2);
                        x[i][ch][r][col] = Math.max(-1, Math.min(1, v));
                    }
                }
            }
        }
        return x;
    }

    private static double[][][][] noisy(double[][][][] x, double std, long seed) {
        Random random = new Random(seed);
        double[][][][] y = new double[x.length][x[0].length][x[0][0].length][x[0][0][0].length];
        for (int i = 0; i < x.length; i++) {
            for (int ch = 0; ch < x[0].length; ch++) {
                for (int r = 0; r < x[0][0].length; r++) {
                    for (int col = 0; col < x[0][0][0].length; col++) {
                        y[i][ch][r][col] = x[i][ch][r][col] + std * random.nextGaussian();
                    }
                }
            }
        }
        return y;
    }

    private static double[][][][] map(double[][][][] x, java.util.function.DoubleUnaryOperator f) {
        double[][][][] y = new double[x.length][x[0].length][x[0][0].length][x[0][0][0].length];
        for (int i = 0; i < x.length; i++) {
            for (int ch = 0; ch < x[0].length; ch++) {
                for (int r = 0; r < x[0][0].length; r++) {
                    for (int col = 0; col < x[0][0][0].length; col++) {
                        y[i][ch][r][col] = f.applyAsDouble(x[i][ch][r][col]);
                    }
                }
            }
        }
        return y;
    }

    private static INDArray nd(double[][][][] x) {
        return Nd4j.createFromArray(x);
    }

    /**
     * SSIM of one channel written plainly: the 2-D window built directly, and at each position the weighted means
     * first and then the weighted variances and covariance of the deviations (two passes).
     */
    private static double straightforwardSsim(double[][] x, double[][] y, double low, double range) {
        double[][] g = new double[11][11];
        double total = 0;
        for (int i = 0; i < 11; i++) {
            for (int j = 0; j < 11; j++) {
                g[i][j] = Math.exp(-((i - 5) * (i - 5) + (j - 5) * (j - 5)) / (2 * 1.5 * 1.5));
                total += g[i][j];
            }
        }
        double c1 = Math.pow(0.01 * range, 2);
        double c2 = Math.pow(0.03 * range, 2);
        double sum = 0;
        int count = 0;
        for (int r = 0; r + 11 <= x.length; r++) {
            for (int col = 0; col + 11 <= x[0].length; col++) {
                double mx = 0;
                double my = 0;
                for (int i = 0; i < 11; i++) {
                    for (int j = 0; j < 11; j++) {
                        mx += g[i][j] / total * (x[r + i][col + j] - low);
                        my += g[i][j] / total * (y[r + i][col + j] - low);
                    }
                }
                double vx = 0;
                double vy = 0;
                double cxy = 0;
                for (int i = 0; i < 11; i++) {
                    for (int j = 0; j < 11; j++) {
                        double dx = x[r + i][col + j] - low - mx;
                        double dy = y[r + i][col + j] - low - my;
                        vx += g[i][j] / total * dx * dx;
                        vy += g[i][j] / total * dy * dy;
                        cxy += g[i][j] / total * dx * dy;
                    }
                }
                sum += (2 * mx * my + c1) * (2 * cxy + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                count++;
            }
        }
        return sum / count;
    }

    @Test
    void identicalImagesHaveInfinitePsnrAndSsimOne() {
        INDArray x = nd(pattern(3, 2, 16, 20));
        ImageQuality q = ImageQuality.of(x, x.dup(), -1, 1);
        assertEquals(Double.POSITIVE_INFINITY, q.psnr());
        assertEquals(1.0, q.ssim(), 1e-12);
        assertEquals(3, q.images());
        assertEquals(2, q.channels());
        assertEquals(16, q.height());
        assertEquals(20, q.width());
        assertEquals(2.0, q.dataRange());
    }

    @Test
    void handComputedPsnr() {
        // Range 2. Pair 1 differs by 0.1 everywhere: MSE 0.01, PSNR 10 log10(4 / 0.01) = 26.02 dB. Pair 2 differs
        // by 0.2: MSE 0.04, PSNR 20 dB. Mean 23.01 dB.
        INDArray a = Nd4j.zeros(DataType.FLOAT, 2, 1, 11, 11);
        INDArray b = Nd4j.zeros(DataType.FLOAT, 2, 1, 11, 11);
        b.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).assign(0.1);
        b.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)).assign(-0.2);
        ImageQuality q = ImageQuality.of(a, b, -1, 1);
        assertEquals((10 * Math.log10(400) + 20) / 2, q.psnr(), 1e-5);
        assertEquals(23.0103, q.psnr(), 1e-4);
        // Half the pixels of one 12x12 channel off by 1 in [0, 1]: MSE 0.5, PSNR 10 log10(2).
        double[][][][] half = new double[1][1][12][12];
        for (int r = 0; r < 6; r++) {
            java.util.Arrays.fill(half[0][0][r], 1.0);
        }
        assertEquals(10 * Math.log10(2), ImageQuality.of(nd(half), Nd4j.zeros(1, 1, 12, 12), 0, 1).psnr(), 1e-12);
    }

    @Test
    void ssimFallsAsNoiseGrows() {
        double[][][][] x = pattern(2, 3, 24, 24);
        double previous = 1;
        for (double std : new double[] {0.02, 0.05, 0.1, 0.2, 0.4}) {
            ImageQuality q = ImageQuality.of(nd(x), nd(noisy(x, std, 7)), -1, 1);
            assertTrue(q.ssim() < previous, "std " + std + ": " + q + " after " + previous);
            previous = q.ssim();
        }
        assertTrue(previous < 0.5, "SSIM at std 0.4: " + previous);
    }

    @Test
    void anImageAndItsNegativeAreDissimilar() {
        double[][][][] x = pattern(2, 1, 24, 24);
        INDArray negative = nd(map(x, v -> -v));
        ImageQuality q = ImageQuality.of(nd(x), negative, -1, 1);
        // Measured -0.81.
        assertTrue(q.ssim() < 0, q.toString());
        // Taken as raw values (range [0, 2] puts the origin at 0), opposite local means make the luminance and
        // structure terms both negative, and the pair looks similar (measured +0.84): the reason for both ends.
        ImageQuality raw = ImageQuality.of(nd(x), negative, 0, 2);
        assertTrue(raw.ssim() > 0.5, raw.toString());
    }

    @Test
    void unchangedByRescalingImagesWithTheirRange() {
        double[][][][] x = pattern(2, 2, 13, 15);
        double[][][][] y = noisy(x, 0.1, 3);
        ImageQuality signed = ImageQuality.of(nd(x), nd(y), -1, 1);
        ImageQuality unit = ImageQuality.of(nd(map(x, v -> (v + 1) / 2)), nd(map(y, v -> (v + 1) / 2)), 0, 1);
        ImageQuality bytes = ImageQuality.of(nd(map(x, v -> 127.5 * (v + 1))), nd(map(y, v -> 127.5 * (v + 1))), 0,
                255);
        assertEquals(signed.psnr(), unit.psnr(), 1e-9);
        assertEquals(signed.ssim(), unit.ssim(), 1e-12);
        assertEquals(signed.psnr(), bytes.psnr(), 1e-9);
        assertEquals(signed.ssim(), bytes.ssim(), 1e-12);
    }

    @Test
    void matchesAStraightforwardImplementation() {
        double[][][][] x = pattern(2, 2, 14, 13);
        double[][][][] y = noisy(map(x, v -> 0.8 * v + 0.1), 0.15, 11);
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            double perImage = 0;
            for (int ch = 0; ch < 2; ch++) {
                perImage += straightforwardSsim(x[i][ch], y[i][ch], -1, 2);
            }
            expected += perImage / 2 / 2;
        }
        ImageQuality q = ImageQuality.of(nd(x).castTo(DataType.FLOAT).castTo(DataType.DOUBLE), nd(y), -1, 1);
        double floatInput = ImageQuality.of(nd(x).castTo(DataType.FLOAT), nd(y), -1, 1).ssim();
        assertEquals(expected, ImageQuality.of(nd(x), nd(y), -1, 1).ssim(), 1e-12);
        assertEquals(q.ssim(), floatInput, 0);
        assertTrue(expected > 0.2 && expected < 0.9, "a case away from both ends: " + expected);
    }

    @Test
    void rejectsBadInput() {
        INDArray a = Nd4j.zeros(1, 1, 11, 11);
        assertThrows(IllegalArgumentException.class, () -> ImageQuality.of(a, Nd4j.zeros(1, 1, 11, 12), -1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> ImageQuality.of(Nd4j.zeros(1, 1, 10, 11), Nd4j.zeros(1, 1, 10, 11), -1, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageQuality.of(a, a, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageQuality.of(a, a, 1, -1));
        assertThrows(IllegalArgumentException.class,
                () -> ImageQuality.of(Nd4j.zeros(1, 11, 11), Nd4j.zeros(1, 11, 11), -1, 1));
        INDArray nan = a.dup();
        nan.putScalar(new long[] {0, 0, 3, 3}, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> ImageQuality.of(nan, a, -1, 1));
    }
}
