package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weight initialisations of an MLP, layer by layer: the bound of each uniform draw, its spread and the zero
 * biases. The bound matters to vanilla-mnist's result (benchmarks/fid-gap.md: gan4j with {@code uniform}, PyTorch's
 * U(±1/√fanIn), scored FID 18.8 ± 1.1 over 3 seeds where Glorot's U(±√(6/(fanIn+fanOut))), about twice as wide on
 * these layers, scored 23.9 ± 4.9 over 4), so a change that swaps one for the other must fail here.
 */
class MlpInitTest {

    private static Net build(InitName init) {
        MlpConfig c = new MlpConfig(List.of(256, 512), ActivationName.LEAKY_RELU, 0.2, true, 0.8, 1e-3, 0.0,
                ActivationName.TANH, init);
        return Mlp.build(c, 100, 784, OptimizerConfig.Adam.of(2e-4, 0.5), 7, DataType.FLOAT);
    }

    /** Checks every dense layer's weights against U(±bound(nIn, nOut)) and that its biases are 0. */
    private static void assertUniform(Net net, java.util.function.BiFunction<Long, Long, Double> bound) {
        int dense = 0;
        for (Layer layer : net.multiLayer().getLayers()) {
            if (!(layer.conf().getLayer() instanceof DenseLayer d)) {
                continue;
            }
            dense++;
            double a = bound.apply(d.getNIn(), d.getNOut());
            INDArray w = layer.getParam("W");
            double max = w.amaxNumber().doubleValue();
            assertTrue(max <= a * (1 + 1e-6), "layer " + dense + ": |w| " + max + " above the bound " + a);
            assertTrue(max >= 0.99 * a, "layer " + dense + ": |w| reaches only " + max + " of the bound " + a);
            // U(-a, a) has variance a²/3; over ≥ 25,600 draws the sample variance is within 3% of it.
            double var = w.varNumber().doubleValue();
            assertEquals(a * a / 3, var, 0.03 * a * a / 3, "layer " + dense + " variance");
            assertEquals(0.0, layer.getParam("b").amaxNumber().doubleValue(), "layer " + dense + " biases");
        }
        assertEquals(3, dense);
    }

    @Test
    void uniformIsPyTorchsWeightBoundOneOverRootFanIn() {
        assertUniform(build(InitName.UNIFORM), (in, out) -> 1 / Math.sqrt(in));
    }

    @Test
    void xavierUniformIsGlorotsBound() {
        assertUniform(build(InitName.XAVIER_UNIFORM), (in, out) -> Math.sqrt(6.0 / (in + out)));
    }

    /** PyTorch's nn.Linear default: weights and biases U(±1/√fanIn), the biases drawn once per seed. */
    @Test
    void pytorchDefaultDrawsTheBiasesToo() {
        Net net = build(InitName.PYTORCH_DEFAULT);
        int dense = 0;
        for (Layer layer : net.multiLayer().getLayers()) {
            if (!(layer.conf().getLayer() instanceof DenseLayer d)) {
                continue;
            }
            dense++;
            double a = 1 / Math.sqrt(d.getNIn());
            INDArray w = layer.getParam("W");
            INDArray b = layer.getParam("b");
            assertTrue(w.amaxNumber().doubleValue() <= a * (1 + 1e-6), "layer " + dense + " weights within " + a);
            assertTrue(b.amaxNumber().doubleValue() <= a * (1 + 1e-6), "layer " + dense + " biases within " + a);
            // n biases of U(-a, a): variance a²/3 within 5 standard errors (the variance of s² is about 4a⁴/(45n)).
            double n = b.length();
            assertEquals(a * a / 3, b.varNumber().doubleValue(), 5 * Math.sqrt(4 * a * a * a * a / (45 * n)),
                    "layer " + dense + " bias variance (" + (long) n + " biases)");
        }
        assertEquals(3, dense);
        assertTrue(!build(InitName.PYTORCH_DEFAULT).paramTable().get("0_b")
                .equals(Mlp.build(new MlpConfig(List.of(256, 512), ActivationName.LEAKY_RELU, 0.2, true, 0.8, 1e-3, 0.0,
                        ActivationName.TANH, InitName.PYTORCH_DEFAULT), 100, 784, OptimizerConfig.Adam.of(2e-4, 0.5), 8,
                        DataType.FLOAT).paramTable().get("0_b")), "another seed draws other biases");
    }
}
