package io.gan4j.core.data;

import java.util.SplittableRandom;

/**
 * An equal-weight mixture of isotropic 2-D Gaussians with a shared standard deviation: the geometry of the
 * mode-collapse benchmarks ({@link Ring8Data}, {@link Grid25Data}) and of their coverage metric.
 *
 * <p>Sampling uses {@link SplittableRandom} and a Box–Muller transform written out here, not ND4J's generator, so
 * the same seed gives the same points on every backend, machine and JDK ({@link StrictMath} throughout).
 */
public final class GaussianMixture2D {
    private final double[] centers;
    private final double std;

    /**
     * @param centers mode centers as {@code [x0, y0, x1, y1, ...]}, at least one mode
     * @param std     standard deviation of every mode, positive
     */
    public GaussianMixture2D(double[] centers, double std) {
        if (centers.length == 0 || centers.length % 2 != 0) {
            throw new IllegalArgumentException("centers must be x, y pairs, got " + centers.length + " values");
        }
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("std must be positive and finite, got " + std);
        }
        this.centers = centers.clone();
        this.std = std;
    }

    /** Eight modes on a circle: center k at {@code radius * (cos 2πk/8, sin 2πk/8)}. */
    public static GaussianMixture2D ring8(double radius, double std) {
        double[] c = new double[16];
        for (int k = 0; k < 8; k++) {
            double angle = 2 * StrictMath.PI * k / 8;
            c[2 * k] = radius * StrictMath.cos(angle);
            c[2 * k + 1] = radius * StrictMath.sin(angle);
        }
        return new GaussianMixture2D(c, std);
    }

    /** A 5x5 grid: centers at {@code spacing * (i, j)} for i, j in {-2, ..., 2}, row by row (y outer, x inner). */
    public static GaussianMixture2D grid25(double spacing, double std) {
        double[] c = new double[50];
        int k = 0;
        for (int j = -2; j <= 2; j++) {
            for (int i = -2; i <= 2; i++) {
                c[k++] = spacing * i;
                c[k++] = spacing * j;
            }
        }
        return new GaussianMixture2D(c, std);
    }

    /** Number of modes K. */
    public int numModes() {
        return centers.length / 2;
    }

    /** The centers as {@code [x0, y0, x1, y1, ...]}, length 2K (a copy). */
    public double[] centers() {
        return centers.clone();
    }

    /** x coordinate of center {@code k}. */
    public double centerX(int k) {
        return centers[2 * k];
    }

    /** y coordinate of center {@code k}. */
    public double centerY(int k) {
        return centers[2 * k + 1];
    }

    /** The standard deviation shared by all modes. */
    public double std() {
        return std;
    }

    /** The mode whose center is nearest to {@code (x, y)} (the lowest index on ties; 0 for NaN input). */
    public int nearestMode(double x, double y) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int k = 0; k < numModes(); k++) {
            double dx = x - centers[2 * k];
            double dy = y - centers[2 * k + 1];
            double d = dx * dx + dy * dy;
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /**
     * Draws points: each picks a mode uniformly at random, then adds isotropic Gaussian noise.
     *
     * @param n    number of points, at least 0
     * @param seed the same seed always gives the same points
     * @return {@code [x0, y0, x1, y1, ...]}, length 2n, i.e. a row-major {@code [n, 2]} array
     */
    public float[] sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be at least 0, got " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(numModes());
            // Box–Muller yields two independent normals from one pair of uniforms: exactly one 2-D offset.
            // StrictMath, because Math's log/sin/cos may differ in the last bit between CPUs and JIT intrinsics.
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double r = std * StrictMath.sqrt(-2.0 * StrictMath.log(u1));
            double angle = 2.0 * StrictMath.PI * u2;
            out[2 * i] = (float) (centers[2 * k] + r * StrictMath.cos(angle));
            out[2 * i + 1] = (float) (centers[2 * k + 1] + r * StrictMath.sin(angle));
        }
        return out;
    }
}
