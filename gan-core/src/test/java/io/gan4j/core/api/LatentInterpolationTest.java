package io.gan4j.core.api;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LatentInterpolationTest {

    private static double[] gaussian(Random rnd, int dim) {
        double[] v = new double[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double angle(double[] a, double[] b) {
        return Math.acos(Math.max(-1, Math.min(1, dot(a, b) / (norm(a) * norm(b)))));
    }

    private static double[] scaled(double[] v, double norm) {
        double f = norm / norm(v);
        double[] r = v.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] *= f;
        }
        return r;
    }

    @Test
    void endpointsAreExact() {
        Random rnd = new Random(1);
        double[] a = gaussian(rnd, 16);
        double[] b = gaussian(rnd, 16);
        assertArrayEquals(a, LatentInterpolation.slerp(a, b, 0), 0.0);
        assertArrayEquals(b, LatentInterpolation.slerp(a, b, 1), 0.0);
        assertArrayEquals(a, LatentInterpolation.lerp(a, b, 0), 0.0);
        assertArrayEquals(b, LatentInterpolation.lerp(a, b, 1), 0.0);
    }

    @Test
    void equalNormEndpointsKeepTheirNorm() {
        Random rnd = new Random(2);
        double[] a = scaled(gaussian(rnd, 32), 5.0);
        double[] b = scaled(gaussian(rnd, 32), 5.0);
        for (int s = 0; s <= 20; s++) {
            assertEquals(5.0, norm(LatentInterpolation.slerp(a, b, s / 20.0)), 1e-12, "t = " + s / 20.0);
        }
        // lerp, by contrast, cuts the corner
        assertEquals(true, norm(LatentInterpolation.lerp(a, b, 0.5)) < 4.5);
    }

    @Test
    void angleGrowsLinearlyInT() {
        Random rnd = new Random(3);
        double[] a = gaussian(rnd, 8);
        double[] b = gaussian(rnd, 8);
        double omega = angle(a, b);
        for (int s = 1; s < 10; s++) {
            double t = s / 10.0;
            double[] p = LatentInterpolation.slerp(a, b, t);
            assertEquals(t * omega, angle(a, p), 1e-9, "angle to a at t = " + t);
            assertEquals((1 - t) * omega, angle(p, b), 1e-9, "angle to b at t = " + t);
            assertEquals((1 - t) * norm(a) + t * norm(b), norm(p), 1e-9, "norm at t = " + t);
        }
    }

    @Test
    void parallelAndZeroCodesFallBackToLerp() {
        double[] a = {1, 2, 3};
        double[] b = {2, 4, 6};
        assertArrayEquals(LatentInterpolation.lerp(a, b, 0.25), LatentInterpolation.slerp(a, b, 0.25), 1e-12);
        double[] zero = {0, 0, 0};
        assertArrayEquals(LatentInterpolation.lerp(zero, b, 0.5), LatentInterpolation.slerp(zero, b, 0.5), 0.0);
    }

    @Test
    void pathsUseSlerpForNormalAndLerpForUniform() {
        Random rnd = new Random(4);
        double[] a0 = gaussian(rnd, 4);
        double[] b0 = gaussian(rnd, 4);
        double[] a1 = gaussian(rnd, 4);
        double[] b1 = gaussian(rnd, 4);
        INDArray from = Nd4j.create(new double[][] {a0, a1});
        INDArray to = Nd4j.create(new double[][] {b0, b1});
        INDArray normal = LatentInterpolation.paths(LatentDistribution.NORMAL, from, to, 5, DataType.DOUBLE);
        INDArray uniform = LatentInterpolation.paths(LatentDistribution.UNIFORM, from, to, 5, DataType.DOUBLE);
        assertArrayEquals(new long[] {10, 4}, normal.shape());
        assertArrayEquals(a0, normal.getRow(0).toDoubleVector(), 0.0);
        assertArrayEquals(b0, normal.getRow(4).toDoubleVector(), 0.0);
        assertArrayEquals(a1, normal.getRow(5).toDoubleVector(), 0.0);
        assertArrayEquals(LatentInterpolation.slerp(a1, b1, 0.75), normal.getRow(8).toDoubleVector(), 1e-12);
        assertArrayEquals(LatentInterpolation.lerp(a1, b1, 0.75), uniform.getRow(8).toDoubleVector(), 1e-12);
    }

    @Test
    void structuredPathsSlerpTheNoiseLerpContinuousCodesAndKeepTheStartCategory() {
        LatentCode code = LatentCode.of(new LatentCode.Noise("z", LatentDistribution.NORMAL, 3),
                new LatentCode.Categorical("c", 2), new LatentCode.Continuous("u", 1, -1, 1));
        INDArray from = Nd4j.createFromArray(new double[][] {{1, 0, 0, 1, 0, -1}});
        INDArray to = Nd4j.createFromArray(new double[][] {{0, 2, 0, 0, 1, 0.5}});
        INDArray path = LatentInterpolation.paths(code, from, to, 3, DataType.DOUBLE);
        assertArrayEquals(new long[] {3, 6}, path.shape());
        // Midpoint of the noise part alone: a quarter turn halved is 45°, norm (1 + 2) / 2 = 1.5.
        double h = 1.5 / Math.sqrt(2);
        double[][] expected = {{1, 0, 0, 1, 0, -1}, {h, h, 0, 1, 0, -0.25}, {0, 2, 0, 1, 0, 0.5}};
        for (int r = 0; r < 3; r++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(expected[r][j], path.getDouble(r, j), 1e-12, "step " + r + " column " + j);
            }
        }
    }
}
