package io.gan4j.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * A network trained by Adam, its learning rate changed mid-run (CycleGAN's linear decay; DL4J rebuilds its updater
     * for this), then saved and loaded: each update still equals PyTorch's formula with the state carried over, and the
     * loaded copy continues exactly as the original.
     */
    @Test
    void adamKeepsItsStateThroughALearningRateChangeAndACheckpoint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        OptimizerConfig.Adam config = new OptimizerConfig.Adam(1e-2, 0.5, 0.9, 1e-8);
        Net net = ConvNets.discriminator(new ConvNetConfig(2, ActivationName.LEAKY_RELU, 0.2, false, 0.9, 1e-5,
                ActivationName.IDENTITY, InitName.NORMAL_002), new long[] {1, 8, 8}, config, 1, DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 1, 8, 8);
        INDArray[] gradient = new INDArray[1];
        net.setStepObserver((n, flat) -> gradient[0] = flat.dup());
        INDArray m = null;
        INDArray v = null;
        for (int t = 1; t <= 6; t++) {
            double lr = t <= 3 ? 1e-2 : 1e-2 * (1 - 0.1 * t);
            if (t > 3) {
                net.setLearningRate(lr);
            }
            if (t == 5) {
                net.save(tmp.resolve("net.zip"));
                net.load(tmp.resolve("net.zip"));
                net.setStepObserver((n, flat) -> gradient[0] = flat.dup());
                net.setLearningRate(lr);
            }
            INDArray before = net.params().dup();
            INDArray out = net.forward(x);
            net.backward(out.ulike().assign(1.0 / out.length()));
            net.step();
            INDArray g = gradient[0].reshape(before.shape());
            m = m == null ? g.mul(0.5) : m.muli(0.5).addi(g.mul(0.5));
            v = v == null ? g.mul(g).muli(0.1) : v.muli(0.9).addi(g.mul(g).muli(0.1));
            INDArray mHat = m.div(1 - Math.pow(0.5, t));
            INDArray vHat = v.div(1 - Math.pow(0.9, t));
            INDArray expected = before.sub(mHat.mul(lr).divi(org.nd4j.linalg.ops.transforms.Transforms.sqrt(vHat, true)
                    .addi(1e-8)));
            double error = net.params().sub(expected).norm2Number().doubleValue()
                    / before.sub(expected).norm2Number().doubleValue();
            assertEquals(0, error, 1e-12, "update " + t);
            assertEquals(t, net.iteration());
        }
        assertTrue(net.multiLayer().getLayer(0).conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b
                && b.getIUpdater() instanceof PyTorchAdam a && a.getBeta1() == 0.5 && a.getBeta2() == 0.9
                && a.getEpsilon() == 1e-8, "the loaded network keeps gan4j's Adam and its settings");
    }

    @Test
    void updaterConfigsAreValues() {
        PyTorchAdam adam = new PyTorchAdam(1e-3, 0.5, 0.999, 1e-8);
        assertEquals(adam, adam.clone());
        assertEquals(adam.hashCode(), adam.clone().hashCode());
        assertTrue(adam.hasLearningRate());
        for (PyTorchAdam other : List.of(new PyTorchAdam(2e-3, 0.5, 0.999, 1e-8), new PyTorchAdam(1e-3, 0.6, 0.999, 1e-8),
                new PyTorchAdam(1e-3, 0.5, 0.99, 1e-8), new PyTorchAdam(1e-3, 0.5, 0.999, 1e-7))) {
            assertTrue(!adam.equals(other) && !other.equals(adam), other + " differs from " + adam);
        }
        PyTorchRmsProp rms = new PyTorchRmsProp(5e-5, 0.99, 1e-8);
        assertEquals(rms, rms.clone());
        assertEquals(rms.hashCode(), rms.clone().hashCode());
        assertTrue(rms.hasLearningRate());
        for (PyTorchRmsProp other : List.of(new PyTorchRmsProp(6e-5, 0.99, 1e-8), new PyTorchRmsProp(5e-5, 0.9, 1e-8),
                new PyTorchRmsProp(5e-5, 0.99, 1e-7))) {
            assertTrue(!rms.equals(other) && !other.equals(rms), other + " differs from " + rms);
        }
        assertTrue(!adam.equals(rms) && !rms.equals(adam));
        assertEquals(adam.getLearningRate(), adam.clone().getLearningRate(0, 0));
        assertEquals(2 * 7L, adam.stateSize(7));
        assertEquals(7L, rms.stateSize(7));
    }

    /** State handed to an updater for an existing network (a checkpoint) is kept; a fresh one starts at 0. */
    @Test
    void existingStateIsKeptAndFreshStateStartsAtZero() {
        for (org.nd4j.linalg.learning.config.IUpdater u : List.of(new PyTorchAdam(1e-3, 0.5, 0.999, 1e-8),
                new PyTorchRmsProp(5e-5, 0.99, 1e-8))) {
            INDArray stored = Nd4j.valueArrayOf(new long[] {1, u.stateSize(4)}, 0.25, DataType.DOUBLE);
            u.instantiate(stored, false);
            assertEquals(0.25 * stored.length(), stored.sumNumber().doubleValue(), 0, u + " kept its state");
            u.instantiate(stored, true);
            assertEquals(0, stored.sumNumber().doubleValue(), 0, u + " started at 0");
            // The same by named state arrays (DL4J's other entry, used by SameDiff).
            GradientUpdater<?> fromStored = u.instantiate(Map.copyOf(u.instantiate(
                    Nd4j.valueArrayOf(new long[] {1, u.stateSize(4)}, 0.5, DataType.DOUBLE), false).getState()), false);
            fromStored.getState().values().forEach(a -> assertEquals(0.5 * a.length(), a.sumNumber().doubleValue(), 0));
            assertEquals(u, fromStored.getConfig());
        }
    }
}
