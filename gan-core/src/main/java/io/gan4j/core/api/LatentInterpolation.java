package io.gan4j.core.api;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Paths between latent codes. For a Gaussian prior, linear interpolation passes through codes of atypically small
 * norm (the midpoint of two independent N(0, I) codes has about 0.71 of their norm), which the generator rarely saw;
 * spherical interpolation (slerp, as recommended by White 2016, "Sampling Generative Networks") follows the great
 * circle instead. For a uniform prior on a cube, linear interpolation stays inside the support.
 */
public final class LatentInterpolation {
    /** Below this sine of the angle, the two codes are treated as parallel and slerp falls back to lerp. */
    private static final double PARALLEL = 1e-9;

    private LatentInterpolation() {
    }

    /** Linear interpolation {@code (1 - t) a + t b}; {@code a} and {@code b} have the same length. */
    public static double[] lerp(double[] a, double[] b, double t) {
        requireSameLength(a, b);
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (1 - t) * a[i] + t * b[i];
        }
        return r;
    }

    /**
     * Spherical interpolation: the direction moves along the great circle from a's to b's (Shoemake's slerp of the
     * unit vectors), the norm linearly from |a| to |b|. So the angle to {@code a} is exactly tΩ (Ω the angle between
     * a and b), endpoints of equal norm keep that norm all the way, and at t = 0 and t = 1 it returns copies of
     * {@code a} and {@code b} exactly. For equal norms this is the usual {@code sin((1-t)Ω)/sin Ω · a +
     * sin(tΩ)/sin Ω · b}. Codes that are (nearly) parallel, or zero, fall back to {@link #lerp}.
     *
     * @param t usually in [0, 1]; values outside extrapolate along the great circle
     */
    public static double[] slerp(double[] a, double[] b, double t) {
        requireSameLength(a, b);
        if (t == 0) {
            return a.clone();
        }
        if (t == 1) {
            return b.clone();
        }
        double na = norm(a);
        double nb = norm(b);
        if (na == 0 || nb == 0) {
            return lerp(a, b, t);
        }
        double cos = 0;
        for (int i = 0; i < a.length; i++) {
            cos += a[i] * b[i];
        }
        cos = Math.max(-1, Math.min(1, cos / (na * nb)));
        double omega = Math.acos(cos);
        double sin = Math.sin(omega);
        if (sin < PARALLEL) {
            return lerp(a, b, t);
        }
        double radius = (1 - t) * na + t * nb;
        double wa = radius * Math.sin((1 - t) * omega) / (sin * na);
        double wb = radius * Math.sin(t * omega) / (sin * nb);
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = wa * a[i] + wb * b[i];
        }
        return r;
    }

    /** The interpolation that suits {@code prior}: slerp for {@code normal}, lerp for {@code uniform}. */
    public static double[] interpolate(LatentDistribution prior, double[] a, double[] b, double t) {
        return prior == LatentDistribution.NORMAL ? slerp(a, b, t) : lerp(a, b, t);
    }

    /**
     * Rows of evenly spaced paths: row r goes from {@code from[r]} (t = 0) to {@code to[r]} (t = 1) in {@code steps}
     * points, interpolated as suits {@code prior}.
     *
     * @param from  {@code [rows, dim]} start codes
     * @param to    {@code [rows, dim]} end codes
     * @param steps points per row, at least 2
     * @return {@code [rows * steps, dim]} codes, row-major (all points of row 0 first), in {@code type}
     */
    public static INDArray paths(LatentDistribution prior, INDArray from, INDArray to, int steps, DataType type) {
        if (steps < 2) {
            throw new IllegalArgumentException("a path needs at least 2 steps, got " + steps);
        }
        if (from.rank() != 2 || !java.util.Arrays.equals(from.shape(), to.shape())) {
            throw new IllegalArgumentException("from and to must both be [rows, dim], got "
                    + java.util.Arrays.toString(from.shape()) + " and " + java.util.Arrays.toString(to.shape()));
        }
        int rows = (int) from.size(0);
        int dim = (int) from.size(1);
        double[][] a = from.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] b = to.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] out = new double[rows * steps * dim];
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < steps; s++) {
                double t = (double) s / (steps - 1);
                System.arraycopy(interpolate(prior, a[r], b[r], t), 0, out, (r * steps + s) * dim, dim);
            }
        }
        return Nd4j.create(out, new long[] {(long) rows * steps, dim}, type);
    }

    /**
     * {@link #paths(LatentDistribution, INDArray, INDArray, int, DataType)} for a structured code, part by part:
     * each {@link LatentCode.Noise} part is interpolated as suits its own distribution (slerp over a Gaussian part
     * alone, since the norm argument holds per part, not over the concatenation with one-hot columns);
     * {@link LatentCode.Continuous} parts linearly (their uniform box is convex); {@link LatentCode.Categorical}
     * parts keep the start code's value along the whole path, because a point between two one-hot vectors is no
     * value of the code (a path between categories would show codes the generator never saw).
     *
     * @param from  {@code [rows, code.width()]} start codes
     * @param to    {@code [rows, code.width()]} end codes
     * @return {@code [rows * steps, code.width()]} codes, row-major, in {@code type}
     */
    public static INDArray paths(LatentCode code, INDArray from, INDArray to, int steps, DataType type) {
        if (from.rank() != 2 || from.size(1) != code.width()) {
            throw new IllegalArgumentException("codes must be [rows, " + code.width() + "], got "
                    + java.util.Arrays.toString(from.shape()));
        }
        INDArray out = Nd4j.create(type, from.size(0) * steps, code.width());
        for (LatentCode.Part part : code.parts()) {
            INDArray a = code.slice(from, part.name());
            INDArray path;
            if (part instanceof LatentCode.Categorical) {
                // Each start row repeated steps times, exactly (a lerp of a row with itself may round).
                path = Nd4j.vstack(java.util.stream.LongStream.range(0, a.size(0) * steps)
                        .mapToObj(i -> a.getRow(i / steps, true)).toArray(INDArray[]::new));
            } else {
                LatentDistribution prior = part instanceof LatentCode.Noise noise ? noise.distribution()
                        : LatentDistribution.UNIFORM;
                path = paths(prior, a, code.slice(to, part.name()), steps, type);
            }
            code.slice(out, part.name()).assign(path);
        }
        return out;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static void requireSameLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("codes of different lengths: " + a.length + " and " + b.length);
        }
    }
}
