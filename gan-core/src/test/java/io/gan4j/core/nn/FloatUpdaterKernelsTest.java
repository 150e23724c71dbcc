package io.gan4j.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The float updaters (gan-core's Java kernels) against PyTorch's Adam and RMSprop formulas written out in double
 * precision, for 10,000 parameters whose gradients change every step and span 1e-2 down to 1e-9 (where ε matters).
 */
class FloatUpdaterKernelsTest {
    /** Over 8,192 (3 floats each), so the chunks are split over two threads (KernelThreads), with a short last one. */
    private static final int PARAMS = 20_003;
    private static final int STEPS = 40;
    /** Relative error allowed per update: float rounding carried through 40 steps of the moving averages. */
    private static final double TOLERANCE = 2e-6;

    private static double gradient(int j, int t) {
        double scale = Math.pow(10, -2 - 7.0 * (j % 8) / 7);
        return scale * Math.sin(1.7 * t + 0.9 * j + 0.3) * (1 + 0.5 * (j % 3));
    }

    /** Runs {@code config}'s updater in float through DL4J's updater interface; returns [t][j] updates. */
    private static float[][] floatUpdates(OptimizerConfig config) {
        org.nd4j.linalg.learning.config.IUpdater updater = config.toUpdater();
        // The state as DL4J hands it over: one [1, stateSize] row whose halves become the m and v views.
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, updater.stateSize(PARAMS));
        GradientUpdater<?> u = updater.instantiate(state, true);
        INDArray flatGradient = Nd4j.zeros(DataType.FLOAT, 1, PARAMS + 10);
        // A block of a larger flattened gradient, as DL4J passes it: a [1, N] view at an offset.
        INDArray g = flatGradient.get(NDArrayIndex.point(0), NDArrayIndex.interval(10, 10 + PARAMS)).reshape(1, PARAMS);
        float[][] out = new float[STEPS][];
        for (int t = 0; t < STEPS; t++) {
            for (int j = 0; j < PARAMS; j++) {
                g.putScalar(0, j, (float) gradient(j, t));
            }
            u.applyUpdater(g, t, 0);
            out[t] = g.toFloatVector();
        }
        return out;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.abs(expected) + 1e-30, what);
    }

    @Test
    void floatAdamIsPyTorchsAdam() {
        OptimizerConfig.Adam config = new OptimizerConfig.Adam(2e-4, 0.5, 0.999, 1e-8);
        float[][] actual = floatUpdates(config);
        double[] m = new double[PARAMS];
        double[] mMagnitude = new double[PARAMS];
        double[] v = new double[PARAMS];
        for (int t = 0; t < STEPS; t++) {
            int step = t + 1;
            for (int j = 0; j < PARAMS; j++) {
                // Float inputs, as the kernel sees them.
                double g = (float) gradient(j, t);
                m[j] = config.beta1() * m[j] + (1 - config.beta1()) * g;
                // m is a sum of terms of both signs: float rounding is relative to their magnitudes, not to m.
                mMagnitude[j] = config.beta1() * mMagnitude[j] + (1 - config.beta1()) * Math.abs(g);
                v[j] = config.beta2() * v[j] + (1 - config.beta2()) * g * g;
                double denominator = Math.sqrt(v[j]) / Math.sqrt(1 - Math.pow(config.beta2(), step)) + config.epsilon();
                double stepSize = config.lr() / (1 - Math.pow(config.beta1(), step));
                double expected = stepSize * m[j] / denominator;
                assertEquals(expected, actual[t][j], TOLERANCE * stepSize * mMagnitude[j] / denominator + 1e-30,
                        "step " + step + ", parameter " + j);
            }
        }
    }

    @Test
    void floatRmsPropIsPyTorchsRmsProp() {
        OptimizerConfig.RmsProp config = new OptimizerConfig.RmsProp(5e-5, 0.99, 1e-8);
        float[][] actual = floatUpdates(config);
        double[] v = new double[PARAMS];
        for (int t = 0; t < STEPS; t++) {
            for (int j = 0; j < PARAMS; j++) {
                double g = (float) gradient(j, t);
                v[j] = config.decay() * v[j] + (1 - config.decay()) * g * g;
                double expected = config.lr() * g / (Math.sqrt(v[j]) + config.epsilon());
                assertClose(expected, actual[t][j], "step " + (t + 1) + ", parameter " + j);
            }
        }
    }

    @Test
    void onlyContiguousFloatVectorsOfOneLength() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 1, 6);
        assertTrue(FloatUpdaterKernels.applies(a, a.dup(), Nd4j.zeros(DataType.FLOAT, 6, 1)));
        assertFalse(FloatUpdaterKernels.applies(a, Nd4j.zeros(DataType.FLOAT, 1, 5)));
        assertFalse(FloatUpdaterKernels.applies(a, Nd4j.zeros(DataType.DOUBLE, 1, 6)));
        assertFalse(FloatUpdaterKernels.applies(a, Nd4j.zeros(DataType.FLOAT, 2, 3)), "a matrix");
        INDArray column = Nd4j.zeros(DataType.FLOAT, 6, 6).getColumn(2);
        assertFalse(FloatUpdaterKernels.applies(a, column), "a strided column");
    }
}
