package io.gan4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * In-place {@code tanh} of a float array, computed in Java in double precision from a rational function, because
 * libnd4j 1.0.0-M2.1's tanh kernel is scalar and slow: about 6 ns per float (200 µs for a {@code [256, 128]} hidden
 * layer, measured on this project's 2-core machine), which was a quarter of the ring-8 MLP GAN's step. This kernel
 * takes 58-61 µs for the same layer, copies included (benchmarks/RESULTS.md, "Speed, second round").
 *
 * <p>Accuracy: {@code tanh(x) ≈ x·P(x²)/Q(x²)} with P of degree 5 and Q of degree 4 in {@code x²}, fitted to
 * {@code tanh} on [0, 9.1] (relative error at most 1.5e-9 in exact arithmetic, {@code benchmarks/fit_tanh.py}),
 * evaluated in double and rounded once to float; inputs beyond ±9.1, where float {@code tanh} is ±1, are clamped
 * there. So the result is the correctly rounded float {@code tanh} or one ulp from it; PyTorch's vectorised float
 * tanh promises 1 ulp too, and libnd4j's differs from both by rounding. NaN stays NaN, ±∞ gives ±1, and
 * {@code tanh(−x) = −tanh(x)} exactly (the function is odd by construction).
 *
 * <p>Values range: any float in, [−1, 1] out. Works on any float array whose elements are one contiguous run of
 * its buffer (a fresh array, or a row-range view of a c-ordered one); others, and double arrays, are left to the
 * caller (libnd4j's op).
 */
final class FloatTanh {
    /** |x| above which float tanh rounds to ±1; R(9.1) = 1 − 2.6e-8 also rounds to 1. */
    static final double CLAMP = 9.1;
    private static final double P1 = 0.13677783540242905;
    private static final double P2 = 0.0038656277440746057;
    private static final double P3 = 2.795125295573404e-05;
    private static final double P4 = 3.044312070476147e-08;
    private static final double P5 = -1.2092347237578553e-11;
    private static final double Q1 = 0.4701111594461751;
    private static final double Q2 = 0.027236032130711758;
    private static final double Q3 = 0.0003933808860557984;
    private static final double Q4 = 1.283348883360891e-06;

    /**
     * The double scratch per thread. The values are widened, computed and narrowed in separate loops because that is
     * what HotSpot's C2 vectorises: one loop converting and computing runs 4-10x slower (measured: 47 µs for the
     * compute loop on 32,768 values, 170-560 µs fused).
     */
    private static final ThreadLocal<double[]> DOUBLES = ThreadLocal.withInitial(() -> new double[0]);

    private FloatTanh() {
    }

    /** Whether {@link #applyInPlace} can take {@code a}: float, its elements one contiguous run of the buffer. */
    static boolean applies(INDArray a) {
        return FloatArrays.applies(a);
    }

    /** {@code a = tanh(a)}; {@code a} must satisfy {@link #applies}. */
    static INDArray applyInPlace(INDArray a) {
        return FloatArrays.inPlace(a, "tanh", (v, n) -> {
            double[] d = DOUBLES.get();
            if (d.length < n) {
                d = new double[n];
                DOUBLES.set(d);
            }
            tanh(v, d, n);
        });
    }

    /** {@code v[i] = tanh(v[i])} for {@code i < n}, with {@code d} (at least n long) as the double scratch. */
    static void tanh(float[] v, double[] d, int n) {
        for (int i = 0; i < n; i++) {
            d[i] = v[i];
        }
        for (int i = 0; i < n; i++) {
            d[i] = tanh(d[i]);
        }
        for (int i = 0; i < n; i++) {
            v[i] = (float) d[i];
        }
    }

    /** One float's tanh (see the class comment for its accuracy). */
    static float tanh(float f) {
        return (float) tanh((double) f);
    }

    private static double tanh(double value) {
        double x = Math.max(-CLAMP, Math.min(CLAMP, value));
        double t = x * x;
        double p = 1 + t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
        double q = 1 + t * (Q1 + t * (Q2 + t * (Q3 + t * Q4)));
        return x * p / q;
    }
}
