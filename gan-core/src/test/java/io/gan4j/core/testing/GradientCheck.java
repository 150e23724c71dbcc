package io.gan4j.core.testing;

import io.gan4j.core.nn.Net;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Checks a {@link Net}'s input and parameter gradients against central finite differences, for networks built in
 * double precision. The loss is {@code L = Σ output ⊙ W} with fixed random weights W, so dL/dOutput = W; every
 * input value and every trainable parameter (batch-norm running statistics excluded) is perturbed by ±h.
 * Shared through gan-core's test-jar so each network builder's test can use it.
 */
public final class GradientCheck {
    /** Step of the central differences; suits double precision. */
    public static final double H = 1e-6;
    /** Allowed difference relative to max(|numeric|, |analytic|). */
    public static final double RELATIVE_TOLERANCE = 1e-5;
    /** Allowed difference added to the relative part, for entries near zero (rounding of the loss / 2h). */
    public static final double ABSOLUTE_TOLERANCE = 1e-8;

    private GradientCheck() {
    }

    /** A double array of the given shape filled with N(0, 1) draws from {@code rnd}. */
    public static INDArray random(Random rnd, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, rnd.nextGaussian());
        }
        return a;
    }

    /** Checks every input and parameter gradient of {@code net} on {@code inputs} (one per network input). */
    public static void check(Net net, INDArray... inputs) {
        check(net, Long.MAX_VALUE, inputs);
    }

    /**
     * Like {@link #check(Net, INDArray...)} but checks at most {@code maxPerArray} evenly spread entries of each
     * input and of each parameter array, to keep large networks fast.
     */
    public static void check(Net net, long maxPerArray, INDArray... inputs) {
        Random rnd = new Random(42);
        INDArray[] out = net.forward(inputs);
        INDArray[] w = new INDArray[out.length];
        for (int i = 0; i < out.length; i++) {
            w[i] = random(rnd, out[i].shape());
        }
        INDArray[] inputGrads = net.backward(w);
        INDArray paramGrad = net.lastGradient().dup();
        net.discardGradient();
        Supplier<Double> loss = () -> weightedSum(net.forward(inputs), w);

        for (int k = 0; k < inputs.length; k++) {
            assertNotNull(inputGrads[k], "input gradient " + k);
            INDArray x = inputs[k];
            long stride = stride(x.length(), maxPerArray);
            for (long i = 0; i < x.length(); i += stride) {
                assertClose(centralDifference(x, i, loss), inputGrads[k].getDouble(i), "dL/dinput" + k + "[" + i + "]");
            }
        }

        checkParameters(net, paramGrad, maxPerArray, loss);
    }

    /**
     * Checks a parameter gradient computed by any route (e.g. a generator's loss back-propagated through a
     * discriminator) against central differences of {@code loss}, at most {@code maxPerArray} evenly spread entries
     * of each trainable parameter array.
     *
     * @param analytic the flat gradient in {@link Net#params()} order
     * @param loss     recomputes the scalar loss from the current parameters
     */
    public static void checkParameters(Net net, INDArray analytic, long maxPerArray, Supplier<Double> loss) {
        INDArray params = net.params();
        long offset = 0;
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            long len = e.getValue().length();
            boolean trainable = isTrainable(e.getKey());
            long stride = stride(len, maxPerArray);
            for (long i = 0; trainable && i < len; i += stride) {
                assertClose(centralDifference(params, offset + i, loss), analytic.getDouble(offset + i),
                        "dL/d" + e.getKey() + "[" + i + "]");
            }
            offset += len;
        }
        assertEquals(params.length(), offset, "paramTable covers params() in order");
    }

    /**
     * Whether a parameter (by its {@link Net#paramTable()} name) is trained by gradient. Batch-norm running
     * statistics are stored as parameters, and their "gradient" entries hold DL4J's running-average updates.
     */
    public static boolean isTrainable(String paramName) {
        return Net.isLearned(paramName);
    }

    private static long stride(long length, long max) {
        return Math.max(1, (length + max - 1) / max);
    }

    /** Central differences of {@code loss} with respect to every entry of {@code a} (changed and restored in place). */
    public static INDArray numericGradient(INDArray a, Supplier<Double> loss) {
        INDArray numeric = a.ulike();
        for (long i = 0; i < a.length(); i++) {
            numeric.putScalar(i, centralDifference(a, i, loss));
        }
        return numeric;
    }

    private static double centralDifference(INDArray a, long i, Supplier<Double> loss) {
        double v = a.getDouble(i);
        a.putScalar(i, v + H);
        double up = loss.get();
        a.putScalar(i, v - H);
        double down = loss.get();
        a.putScalar(i, v);
        return (up - down) / (2 * H);
    }

    private static double weightedSum(INDArray[] outputs, INDArray[] weights) {
        double s = 0;
        for (int i = 0; i < outputs.length; i++) {
            s += outputs[i].mul(weights[i]).sumNumber().doubleValue();
        }
        return s;
    }

    /**
     * Relative agreement with a small absolute floor. A purely absolute tolerance would pass any error in the many
     * small entries (an input gradient of 1e-5 could be 10% off), which is how a systematic error shows up.
     */
    public static void assertClose(double numeric, double analytic, String what) {
        double scale = Math.max(Math.abs(numeric), Math.abs(analytic));
        assertEquals(numeric, analytic, RELATIVE_TOLERANCE * scale + ABSOLUTE_TOLERANCE, what);
    }
}
