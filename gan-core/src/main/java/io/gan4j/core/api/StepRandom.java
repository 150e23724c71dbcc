package io.gan4j.core.api;

import io.gan4j.core.backend.NdArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * Random numbers for one purpose (one training step, or one fixed preview), generated in Java from a seed so the
 * same seed gives the same values on every backend and machine, independent of ND4J's native generator.
 * Gaussians use the Box–Muller transform with {@link StrictMath}, written out here so neither a JDK upgrade nor
 * another CPU can change them.
 *
 * <p>Not final: the parity tests replace the draws with those of a reference implementation, in the order a step
 * makes them, to run gan4j's real step code on the reference's exact noise.
 */
public class StepRandom {
    private final SplittableRandom random;

    public StepRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The generator for training step {@code step} of a run whose noise seed is {@code noiseSeed}. */
    public static StepRandom forStep(long noiseSeed, long step) {
        return new StepRandom(Seeds.derive(noiseSeed, step));
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public long nextLong() {
        return random.nextLong();
    }

    /** Standard normal. */
    public double nextGaussian() {
        double u1;
        do {
            u1 = random.nextDouble();
        } while (u1 <= Double.MIN_NORMAL);
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** An array of standard normal values. */
    public INDArray gaussian(DataType type, long... shape) {
        if (type == DataType.FLOAT) {
            // Nd4j.create(double[], shape, FLOAT) narrows element by element through the buffer's put(), which
            // showed in the WGAN step's profile; a float[] is copied in bulk. Same values: both round (float) v.
            float[] f = new float[checkedLength(shape)];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) nextGaussian();
            }
            return NdArrays.floats(f, shape);
        }
        double[] v = new double[checkedLength(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = nextGaussian();
        }
        return Nd4j.create(v, shape, type);
    }

    /** An array of values uniform in [lo, hi). */
    public INDArray uniform(DataType type, double lo, double hi, long... shape) {
        if (type == DataType.FLOAT) {
            // In bulk, as in gaussian().
            float[] f = new float[checkedLength(shape)];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) (lo + (hi - lo) * random.nextDouble());
            }
            return NdArrays.floats(f, shape);
        }
        double[] v = new double[checkedLength(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * random.nextDouble();
        }
        return Nd4j.create(v, shape, type);
    }

    private static int checkedLength(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension");
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many values: " + n);
        }
        return (int) n;
    }
}
