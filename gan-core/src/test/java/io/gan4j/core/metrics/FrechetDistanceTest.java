package io.gan4j.core.metrics;

import io.gan4j.core.metrics.FrechetDistance.Gaussian;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrechetDistanceTest {

    /** n points of N(mean, L Lᵀ), written out here so the test does not share the code under test. */
    static INDArray sample(int n, double[] mean, double[][] l, long seed) {
        Random random = new Random(seed);
        int f = mean.length;
        double[][] x = new double[n][f];
        double[] z = new double[f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                z[j] = random.nextGaussian();
            }
            for (int r = 0; r < f; r++) {
                double v = mean[r];
                for (int c = 0; c <= r; c++) {
                    v += l[r][c] * z[c];
                }
                x[i][r] = v;
            }
        }
        return Nd4j.createFromArray(x);
    }

    static double[][] lowerTimesTranspose(double[][] l) {
        RealMatrix m = MatrixUtils.createRealMatrix(l);
        return m.multiply(m.transpose()).getData();
    }

    /** tr(sqrtm(A B)) by the Denman–Beavers iteration on the non-symmetric product, for non-singular A and B. */
    static double traceSqrtDenmanBeavers(double[][] a, double[][] b) {
        RealMatrix y = MatrixUtils.createRealMatrix(a).multiply(MatrixUtils.createRealMatrix(b));
        RealMatrix z = MatrixUtils.createRealIdentityMatrix(a.length);
        for (int it = 0; it < 100; it++) {
            RealMatrix yInv = new LUDecomposition(y).getSolver().getInverse();
            RealMatrix zInv = new LUDecomposition(z).getSolver().getInverse();
            RealMatrix nextY = y.add(zInv).scalarMultiply(0.5);
            RealMatrix nextZ = z.add(yInv).scalarMultiply(0.5);
            double change = nextY.subtract(y).getFrobeniusNorm();
            y = nextY;
            z = nextZ;
            if (change < 1e-14 * y.getFrobeniusNorm()) {
                break;
            }
        }
        return y.getTrace();
    }

    /** d² from the statistics with tr(sqrtm(Σ1Σ2)) by Denman–Beavers. */
    static double referenceDistance(Gaussian g1, Gaussian g2) {
        double[] m1 = g1.mean();
        double[] m2 = g2.mean();
        double d = 0;
        for (int i = 0; i < m1.length; i++) {
            d += (m1[i] - m2[i]) * (m1[i] - m2[i]);
        }
        RealMatrix s1 = MatrixUtils.createRealMatrix(g1.cov());
        RealMatrix s2 = MatrixUtils.createRealMatrix(g2.cov());
        return d + s1.getTrace() + s2.getTrace() - 2 * traceSqrtDenmanBeavers(g1.cov(), g2.cov());
    }

    private static double[][] randomLower(int f, long seed) {
        Random r = new Random(seed);
        double[][] l = new double[f][f];
        for (int i = 0; i < f; i++) {
            for (int j = 0; j < i; j++) {
                l[i][j] = r.nextGaussian() * 0.5;
            }
            l[i][i] = 0.3 + r.nextDouble();
        }
        return l;
    }

    @Test
    void fitsMeanAndUnbiasedCovariance() {
        Gaussian g = Gaussian.fit(Nd4j.createFromArray(new float[][] {{1, 2}, {3, 6}, {5, 7}}));
        assertEquals(3, g.n());
        assertEquals(2, g.dimension());
        assertArrayEquals(new double[] {3, 5}, g.mean(), 1e-12);
        // Deviations x: -2, 0, 2 and y: -3, 1, 2, divided by n - 1 = 2.
        assertArrayEquals(new double[] {4, 5}, g.cov()[0], 1e-12);
        assertArrayEquals(new double[] {5, 7}, g.cov()[1], 1e-12);
    }

    @Test
    void commutingDiagonalCovariancesHaveTheExactClosedForm() {
        double[] a = {1.0, 4.0, 0.25, 9.0};
        double[] b = {2.0, 1.0, 0.25, 0.0};
        double[][] ca = new double[4][4];
        double[][] cb = new double[4][4];
        for (int i = 0; i < 4; i++) {
            ca[i][i] = a[i];
            cb[i][i] = b[i];
        }
        Gaussian g1 = new Gaussian(new double[] {0, 1, 2, 3}, ca, 100);
        Gaussian g2 = new Gaussian(new double[] {1, 1, 0, 3}, cb, 50);
        double expected = 1 + 4;
        for (int i = 0; i < 4; i++) {
            expected += Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
        }
        FrechetDistance fd = FrechetDistance.of(g1, g2);
        assertEquals(expected, fd.value(), 1e-12);
        assertEquals(5.0, fd.meanTerm(), 1e-15);
        assertEquals(100, fd.nReal());
        assertEquals(50, fd.nFake());
        assertEquals(4, fd.features());
    }

    @Test
    void oneDimension() {
        // N(0, 1) and N(1, 4): 1 + (1 - 2)^2 = 2.
        FrechetDistance fd = FrechetDistance.of(new Gaussian(new double[] {0}, new double[][] {{1}}, 2),
                new Gaussian(new double[] {1}, new double[][] {{4}}, 2));
        assertEquals(2.0, fd.value(), 1e-14);
        assertEquals(1, fd.features());
        // {0, 1, 2}: mean 1, variance 2/2 = 1; {0, 0, 0, 4}: mean 1, variance 12/3 = 4. Distance (1 - 2)^2.
        assertEquals(1.0, FrechetDistance.of(Nd4j.createFromArray(new double[][] {{0}, {1}, {2}}),
                Nd4j.createFromArray(new double[][] {{0}, {0}, {0}, {4}})).value(), 1e-12);
    }

    @Test
    void nonCommuting2x2CovariancesHaveTheExactClosedForm() {
        // For 2x2, tr sqrt(Σ1Σ2) = sqrt(tr(Σ1Σ2) + 2 sqrt(det Σ1 det Σ2)): the eigenvalues of Σ1Σ2 are real and
        // non-negative, their sum is the trace and their product the determinant.
        double[][] s1 = {{2.0, 0.8}, {0.8, 1.0}};
        double[][] s2 = {{0.5, -0.3}, {-0.3, 3.0}};
        double trProduct = s1[0][0] * s2[0][0] + s1[0][1] * s2[1][0] + s1[1][0] * s2[0][1] + s1[1][1] * s2[1][1];
        double det1 = s1[0][0] * s1[1][1] - s1[0][1] * s1[1][0];
        double det2 = s2[0][0] * s2[1][1] - s2[0][1] * s2[1][0];
        double traceSqrt = Math.sqrt(trProduct + 2 * Math.sqrt(det1 * det2));
        double expected = 0.5 * 0.5 + 2 * 2 + 3.0 + 3.5 - 2 * traceSqrt;

        FrechetDistance fd = FrechetDistance.of(new Gaussian(new double[] {0, 0}, s1, 10),
                new Gaussian(new double[] {0.5, -2}, s2, 10));
        assertEquals(expected, fd.value(), 1e-12);
        assertEquals(traceSqrt, FrechetDistance.traceSqrtProduct(s1, s2), 1e-13);
        assertEquals(traceSqrt, FrechetDistance.traceSqrtProduct(s2, s1), 1e-13);
    }

    @Test
    void agreesWithDenmanBeaversAndWithTheEigenvaluesOfTheProduct() {
        int f = 12;
        Gaussian g1 = Gaussian.fit(sample(200, new double[f], randomLower(f, 1), 11));
        double[] mean2 = new double[f];
        mean2[3] = 0.7;
        Gaussian g2 = Gaussian.fit(sample(300, mean2, randomLower(f, 2), 12));

        FrechetDistance fd = FrechetDistance.of(g1, g2);
        double reference = referenceDistance(g1, g2);
        assertEquals(reference, fd.value(), 1e-9 * Math.max(1, reference), fd + " vs " + reference);

        // The eigenvalues of the non-symmetric Σ1Σ2 (commons-math's Hessenberg–Schur path) are real and >= 0.
        RealMatrix product = MatrixUtils.createRealMatrix(g1.cov()).multiply(MatrixUtils.createRealMatrix(g2.cov()));
        EigenDecomposition eig = new EigenDecomposition(product);
        double traceSqrt = 0;
        for (int i = 0; i < f; i++) {
            assertEquals(0, eig.getImagEigenvalue(i), 1e-9);
            assertTrue(eig.getRealEigenvalue(i) > 0);
            traceSqrt += Math.sqrt(eig.getRealEigenvalue(i));
        }
        assertEquals(traceSqrt, FrechetDistance.traceSqrtProduct(g1.cov(), g2.cov()), 1e-9 * traceSqrt);
    }

    @Test
    void singularCovariancesFromFewerSamplesThanFeatures() {
        // 6 samples in 10 dimensions: rank-5 covariances, whose zero eigenvalues come out of round-off either side
        // of 0 and must be clamped. The product Σ1Σ2 has 5 non-zero eigenvalues at most.
        int f = 10;
        Gaussian g1 = Gaussian.fit(sample(6, new double[f], randomLower(f, 3), 21));
        Gaussian g2 = Gaussian.fit(sample(6, new double[f], randomLower(f, 4), 22));
        EigenDecomposition eig = new EigenDecomposition(
                MatrixUtils.createRealMatrix(g1.cov()).multiply(MatrixUtils.createRealMatrix(g2.cov())));
        double traceSqrt = 0;
        for (int i = 0; i < f; i++) {
            traceSqrt += Math.sqrt(Math.max(0, eig.getRealEigenvalue(i)));
        }
        double ours = FrechetDistance.traceSqrtProduct(g1.cov(), g2.cov());
        assertTrue(Double.isFinite(ours));
        assertEquals(traceSqrt, ours, 1e-6 * traceSqrt);
        FrechetDistance self = FrechetDistance.of(g1, g1);
        assertEquals(0, self.value(), 1e-9);
    }

    @Test
    void sampledGaussiansApproachTheDistanceOfTheirTrueParameters() {
        double[] mu1 = {0.0, 1.0, -0.5};
        double[] mu2 = {0.6, 0.2, -0.5};
        double[][] l1 = {{1.0, 0, 0}, {0.5, 0.8, 0}, {-0.3, 0.2, 0.6}};
        double[][] l2 = {{0.7, 0, 0}, {-0.4, 1.2, 0}, {0.1, 0.5, 0.9}};
        Gaussian true1 = new Gaussian(mu1, lowerTimesTranspose(l1), 2);
        Gaussian true2 = new Gaussian(mu2, lowerTimesTranspose(l2), 2);
        double exact = referenceDistance(true1, true2);
        assertEquals(exact, FrechetDistance.of(true1, true2).value(), 1e-10);

        int n = 20_000;
        FrechetDistance sampled = FrechetDistance.of(sample(n, mu1, l1, 31), sample(n, mu2, l2, 32));
        assertEquals(n, sampled.nReal());
        assertEquals(n, sampled.nFake());
        // Over 200 other seeds the estimate's error had mean 0.0016 (the small-sample bias) and standard
        // deviation 0.024 (this seed: -0.034); 0.1 is four standard deviations, while dropping the factor 2 on the
        // cross term would move the value by 2.3.
        assertEquals(exact, sampled.value(), 0.1, sampled + " vs exact " + exact);
    }

    @Test
    void aSetHasDistanceZeroToItselfAndAShiftAddsItsSquaredLength() {
        int f = 8;
        INDArray x = sample(500, new double[f], randomLower(f, 5), 41);
        FrechetDistance self = FrechetDistance.of(x, x);
        assertEquals(0, self.value(), 1e-10);
        assertEquals(0, self.meanTerm(), 0);

        INDArray shift = Nd4j.createFromArray(new double[] {1, -2, 0, 0, 0.5, 0, 0, 0});
        FrechetDistance shifted = FrechetDistance.of(x, x.addRowVector(shift));
        assertEquals(5.25, shifted.value(), 1e-9);
        assertEquals(5.25, shifted.meanTerm(), 1e-9);
        assertEquals(0, shifted.covarianceTerm(), 1e-9);
    }

    @Test
    void symmetricAndTypeIndependentAndCachedStatisticsGiveTheSameValue() {
        int f = 6;
        INDArray a = sample(400, new double[f], randomLower(f, 6), 51).castTo(DataType.FLOAT);
        INDArray b = sample(300, new double[] {0, 0, 1, 0, 0, 0}, randomLower(f, 7), 52).castTo(DataType.FLOAT);
        FrechetDistance ab = FrechetDistance.of(a, b);
        assertEquals(ab.value(), FrechetDistance.of(b, a).value(), 1e-10);
        assertEquals(ab, FrechetDistance.of(a.castTo(DataType.DOUBLE), b.castTo(DataType.DOUBLE)));
        Gaussian cached = FrechetDistance.Gaussian.fit(a);
        assertEquals(ab, FrechetDistance.of(cached, FrechetDistance.Gaussian.fit(b)));
        assertEquals(cached, Gaussian.fit(a));
        assertEquals(cached.hashCode(), Gaussian.fit(a).hashCode());
        assertTrue(ab.value() > 1, ab.toString());
    }

    @Test
    void gaussianIsImmutable() {
        double[] mean = {1, 2};
        double[][] cov = {{1, 0}, {0, 1}};
        Gaussian g = new Gaussian(mean, cov, 5);
        mean[0] = 9;
        cov[0][0] = 9;
        g.mean()[1] = 9;
        g.cov()[1][1] = 9;
        assertEquals(new Gaussian(new double[] {1, 2}, new double[][] {{1, 0}, {0, 1}}, 5), g);
        assertNotEquals(new Gaussian(new double[] {1, 2}, new double[][] {{1, 0}, {0, 1}}, 6), g);
    }

    @Test
    void rejectsBadInput() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 10, 3);
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.of(a, Nd4j.rand(DataType.DOUBLE, 10, 4)));
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.of(a, Nd4j.rand(DataType.DOUBLE, 1, 3)));
        assertThrows(IllegalArgumentException.class, () -> Gaussian.fit(Nd4j.rand(DataType.DOUBLE, 10)));
        INDArray nan = a.dup();
        nan.putScalar(3, 1, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> Gaussian.fit(nan));
        assertThrows(IllegalArgumentException.class,
                () -> new Gaussian(new double[] {0, 0}, new double[][] {{1, 0}}, 3));
        assertThrows(IllegalArgumentException.class,
                () -> new Gaussian(new double[] {0}, new double[][] {{1}}, 1));
    }
}
