package io.gan4j.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The optimizers' updates against PyTorch's formulas ({@code torch.optim.Adam}, {@code torch.optim.RMSprop}), written
 * out here by hand, in double precision, for gradients that change from step to step and span 1e-2 down to 1e-9
 * (where ε matters): DL4J's own Adam adds ε before the bias correction and DL4J's own RMSProp starts its average at ε,
 * both far off PyTorch at the small end. The parity suite checks the same against PyTorch itself.
 */
class OptimizerConfigTest {
    private static final double[] SCALES = {1e-2, 1e-4, 1e-6, 1e-8, 1e-9};
    private static final int STEPS = 30;

    /** Gradient of parameter j at step t: varying sign and size around {@code scale}. */
    private static double gradient(double scale, int j, int t) {
        return scale * Math.sin(1.7 * t + 0.9 * j + 0.3) * (1 + 0.5 * j);
    }

    /** Applies {@link #STEPS} updates to 3 parameters and returns the update of each step, [t][j]. */
    private static double[][] updates(OptimizerConfig config, double scale) {
        org.nd4j.linalg.learning.config.IUpdater dl4j = config.toUpdater();
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, dl4j.stateSize(3));
        GradientUpdater<?> updater = dl4j.instantiate(state, true);
        double[][] out = new double[STEPS][3];
        for (int t = 0; t < STEPS; t++) {
            INDArray g = Nd4j.create(new double[] {gradient(scale, 0, t), gradient(scale, 1, t), gradient(scale, 2, t)},
                    new long[] {1, 3}, DataType.DOUBLE);
            updater.applyUpdater(g, t, 0);
            out[t] = g.toDoubleVector();
        }
        return out;
    }

    @Test
    void rmsPropIsPyTorchsRmsProp() {
        OptimizerConfig.RmsProp config = new OptimizerConfig.RmsProp(5e-5, 0.99, 1e-8);
        for (double scale : SCALES) {
            double[][] actual = updates(config, scale);
            double[] v = new double[3];
            for (int t = 0; t < STEPS; t++) {
                for (int j = 0; j < 3; j++) {
                    double g = gradient(scale, j, t);
                    v[j] = config.decay() * v[j] + (1 - config.decay()) * g * g;
                    double expected = config.lr() * g / (Math.sqrt(v[j]) + config.epsilon());
                    assertEquals(expected, actual[t][j], 1e-12 * Math.abs(expected) + 1e-300,
                            "scale " + scale + ", step " + (t + 1) + ", parameter " + j);
                }
            }
        }
    }

    @Test
    void adamIsPyTorchsAdam() {
        OptimizerConfig.Adam config = new OptimizerConfig.Adam(1e-4, 0.5, 0.9, 1e-8);
        for (double scale : SCALES) {
            double[][] actual = updates(config, scale);
            double[] m = new double[3];
            double[] v = new double[3];
            for (int t = 0; t < STEPS; t++) {
                int step = t + 1;
                for (int j = 0; j < 3; j++) {
                    double g = gradient(scale, j, t);
                    m[j] = config.beta1() * m[j] + (1 - config.beta1()) * g;
                    v[j] = config.beta2() * v[j] + (1 - config.beta2()) * g * g;
                    double mHat = m[j] / (1 - Math.pow(config.beta1(), step));
                    double vHat = v[j] / (1 - Math.pow(config.beta2(), step));
                    double expected = config.lr() * mHat / (Math.sqrt(vHat) + config.epsilon());
                    assertEquals(expected, actual[t][j], 1e-12 * Math.abs(expected) + 1e-300,
                            "scale " + scale + ", step " + step + ", parameter " + j);
                }
            }
        }
    }

    @Test
    void aZeroLearningRateMovesNothingButStillAveragesTheGradients() {
        PyTorchAdam adam = new PyTorchAdam(0, 0.5, 0.9, 1e-8);
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, adam.stateSize(2));
        GradientUpdater<?> updater = adam.instantiate(state, true);
        INDArray g = Nd4j.create(new double[] {1e-3, -2e-3}, new long[] {1, 2}, DataType.DOUBLE);
        updater.applyUpdater(g, 0, 0);
        assertEquals(0, g.getDouble(0), 0);
        assertEquals(0, g.getDouble(1), 0);
        assertEquals(0.5e-3, state.getDouble(0), 1e-18, "m = (1 - beta1) g");
        assertEquals(0.1 * 4e-6, state.getDouble(3), 1e-20, "v = (1 - beta2) g^2");
    }
}
