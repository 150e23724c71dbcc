package io.gan4j.core.metrics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Locale;

/**
 * The Fréchet distance between Gaussians fitted to real and generated features: FID (Heusel et al. 2017, "GANs
 * Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium") computed on the domain
 * classifier's features instead of Inception's.
 *
 * <p>With each feature set summarized by its mean μ and covariance Σ,
 * <pre>  d² = ||μ1 − μ2||² + tr(Σ1) + tr(Σ2) − 2 tr((Σ1^½ Σ2 Σ1^½)^½)</pre>
 * The last trace equals {@code tr((Σ1 Σ2)^½)} of the paper (the two matrices are similar), but
 * {@code Σ1^½ Σ2 Σ1^½} is symmetric positive semi-definite, so both square roots come from symmetric
 * eigendecompositions with real eigenvalues instead of the general {@code sqrtm} of a non-symmetric product, which
 * can turn complex from round-off. Eigenvalues slightly below zero from round-off are clamped to 0.
 *
 * <p>{@link #value()} is d², the number FID reports; it is 0 for identical statistics and has the squared units of
 * the features. Like FID it is biased upwards for small samples (by about {@code (tr Σ1)/n1 + (tr Σ2)/n2} in the
 * mean term alone), so only compare values computed with the same sample sizes.
 *
 * @param value          d², in [0, ∞); the sum of the two terms, clamped at 0 against round-off
 * @param meanTerm       {@code ||μ1 − μ2||²}, in [0, ∞)
 * @param covarianceTerm {@code tr Σ1 + tr Σ2 − 2 tr((Σ1^½ Σ2 Σ1^½)^½)}, in [0, ∞) up to round-off
 * @param nReal          samples behind the first Gaussian
 * @param nFake          samples behind the second Gaussian
 * @param features       feature dimension F
 */
public record FrechetDistance(double value, double meanTerm, double covarianceTerm, int nReal, int nFake,
                              int features) {

    /**
     * A multivariate Gaussian fitted to a feature set: the statistics FID compares, kept separately so the real
     * data's can be computed once and cached.
     *
     * @param mean length F
     * @param cov  F x F, symmetric, with the unbiased {@code n − 1} denominator (as {@code numpy.cov} in the
     *             reference implementation)
     * @param n    number of samples it was fitted to, at least 2
     */
    public record Gaussian(double[] mean, double[][] cov, int n) {
        /** Checks the shapes and copies the arrays, so the record stays immutable. */
        public Gaussian {
            if (n < 2) {
                throw new IllegalArgumentException("a covariance needs at least 2 samples, got " + n);
            }
            if (mean.length == 0 || cov.length != mean.length) {
                throw new IllegalArgumentException("mean of length " + mean.length + " needs a square covariance"
                        + " of the same size, got " + cov.length + " rows");
            }
            mean = mean.clone();
            double[][] c = new double[cov.length][];
            for (int i = 0; i < cov.length; i++) {
                if (cov[i].length != mean.length) {
                    throw new IllegalArgumentException("covariance row " + i + " has length " + cov[i].length
                            + ", expected " + mean.length);
                }
                c[i] = cov[i].clone();
            }
            cov = c;
        }

        /**
         * Fits mean and unbiased covariance to features, in double precision whatever their type.
         *
         * @param features {@code [n, F]} of any floating-point type, n at least 2, all finite
         */
        public static Gaussian fit(INDArray features) {
            INDArray x = Inputs.features(features, "features", 2);
            int n = (int) x.size(0);
            INDArray mean = x.mean(0);
            // Centering first (two passes) keeps the covariance accurate when the mean is large next to the spread.
            x.subiRowVector(mean);
            double[][] cov = x.transpose().mmul(x).divi(n - 1).toDoubleMatrix();
            for (int i = 0; i < cov.length; i++) {
                for (int j = 0; j < i; j++) {
                    double s = 0.5 * (cov[i][j] + cov[j][i]);
                    cov[i][j] = s;
                    cov[j][i] = s;
                }
            }
            return new Gaussian(mean.toDoubleVector(), cov, n);
        }

        /** The feature dimension F. */
        public int dimension() {
            return mean.length;
        }

        /** The mean, length F (a copy). */
        @Override
        public double[] mean() {
            return mean.clone();
        }

        /** The covariance, F x F (a copy). */
        @Override
        public double[][] cov() {
            double[][] c = new double[cov.length][];
            for (int i = 0; i < cov.length; i++) {
                c[i] = cov[i].clone();
            }
            return c;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Gaussian g && n == g.n && Arrays.equals(mean, g.mean)
                    && Arrays.deepEquals(cov, g.cov);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(mean) + Arrays.deepHashCode(cov)) + n;
        }

        /** E.g. {@code Gaussian[F=64, n=10000]}; the statistics themselves are too long to print. */
        @Override
        public String toString() {
            return "Gaussian[F=" + mean.length + ", n=" + n + "]";
        }
    }

    /**
     * Fits a Gaussian to each feature set and measures the distance between them.
     *
     * @param real {@code [n1, F]}, n1 at least 2, any floating-point type
     * @param fake {@code [n2, F]}, n2 at least 2, same F
     */
    public static FrechetDistance of(INDArray real, INDArray fake) {
        return of(Gaussian.fit(real), Gaussian.fit(fake));
    }

    /**
     * The distance between two fitted (for example cached) Gaussians.
     *
     * @param real statistics of the real features
     * @param fake statistics of the generated features, same dimension
     */
    public static FrechetDistance of(Gaussian real, Gaussian fake) {
        int f = real.dimension();
        if (fake.dimension() != f) {
            throw new IllegalArgumentException("feature dimensions differ: " + f + " and " + fake.dimension());
        }
        double meanTerm = 0;
        for (int i = 0; i < f; i++) {
            double d = real.mean[i] - fake.mean[i];
            meanTerm += d * d;
        }
        double covTerm = trace(real.cov) + trace(fake.cov) - 2 * traceSqrtProduct(real.cov, fake.cov);
        return new FrechetDistance(Math.max(0, meanTerm + covTerm), meanTerm, covTerm, real.n, fake.n, f);
    }

    /**
     * {@code tr((A^½ B A^½)^½)} for symmetric positive semi-definite A and B, which equals the sum of the square
     * roots of the (real, non-negative) eigenvalues of {@code A B}.
     */
    static double traceSqrtProduct(double[][] a, double[][] b) {
        INDArray sqrtA = Nd4j.createFromArray(sqrtSymmetric(a));
        double[][] m = sqrtA.mmul(Nd4j.createFromArray(b)).mmul(sqrtA).toDoubleMatrix();
        symmetrize(m);
        double trace = 0;
        for (double lambda : new EigenDecomposition(new Array2DRowRealMatrix(m, false)).getRealEigenvalues()) {
            trace += Math.sqrt(Math.max(0, lambda));
        }
        return trace;
    }

    /** The symmetric square root {@code V diag(√λ) Vᵀ} of a symmetric positive semi-definite matrix. */
    static double[][] sqrtSymmetric(double[][] a) {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        symmetrize(copy);
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(copy, false));
        double[] lambda = eig.getRealEigenvalues();
        double[][] v = eig.getV().getData();
        int n = a.length;
        // Scale the columns of V by the fourth root so that (V D^¼)(V D^¼)ᵀ = V D^½ Vᵀ is one product.
        double[][] scaled = new double[n][n];
        for (int j = 0; j < n; j++) {
            double s = Math.sqrt(Math.sqrt(Math.max(0, lambda[j])));
            for (int i = 0; i < n; i++) {
                scaled[i][j] = v[i][j] * s;
            }
        }
        INDArray w = Nd4j.createFromArray(scaled);
        double[][] root = w.mmul(w.transpose()).toDoubleMatrix();
        symmetrize(root);
        return root;
    }

    /**
     * Makes a matrix exactly symmetric, which round-off in products breaks and which commons-math's eigensolver
     * needs to take its symmetric (real eigenvalue) path.
     */
    private static void symmetrize(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (m[i][j] + m[j][i]);
                m[i][j] = s;
                m[j][i] = s;
            }
        }
    }

    private static double trace(double[][] m) {
        double t = 0;
        for (int i = 0; i < m.length; i++) {
            t += m[i][i];
        }
        return t;
    }

    /** E.g. {@code FD 12.345 (mean 2.100 + covariance 10.245; 10000 real, 10000 fake, F=64)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FD %.4g (mean %.4g + covariance %.4g; %d real, %d fake, F=%d)", value,
                meanTerm, covarianceTerm, nReal, nFake, features);
    }
}
