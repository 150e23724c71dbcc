package io.gan4j.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Initial weights at the shipped sizes follow the reference code's recipes, checked on their statistics (bounds at
 * 5 standard errors, so a correct initialisation fails about once in two million runs):
 * <ul>
 *   <li>DCGAN's PyTorch {@code weights_init}, also pix2pix's and CycleGAN's {@code init_weights('normal', 0.02)}:
 *       convolution and transposed-convolution weights N(0, 0.02²), batch norm γ ~ N(1, 0.02²) and β = 0, biases 0;</li>
 *   <li>the Keras MLP recipe: Dense kernels Glorot-uniform U(±√(6/(fan_in + fan_out))), biases 0, batch norm γ = 1,
 *       β = 0.</li>
 * </ul>
 */
class ReferenceInitTest {
    private static final double Z = 5;

    private static List<Double> values(Map<String, INDArray> params, Predicate<String> names) {
        List<Double> out = new ArrayList<>();
        params.forEach((k, v) -> {
            if (names.test(k)) {
                for (double d : v.castTo(DataType.DOUBLE).reshape(v.length()).toDoubleVector()) {
                    out.add(d);
                }
            }
        });
        return out;
    }

    /** Mean and standard deviation of the values match N(mean, std²) within Z standard errors. */
    private static void assertNormal(String what, List<Double> v, double mean, double std) {
        int n = v.size();
        assertTrue(n > 100, what + ": only " + n + " values");
        double m = v.stream().mapToDouble(d -> d).average().orElseThrow();
        double s = Math.sqrt(v.stream().mapToDouble(d -> (d - m) * (d - m)).sum() / (n - 1));
        assertEquals(mean, m, Z * std / Math.sqrt(n), what + ": mean of " + n);
        assertEquals(std, s, Z * std / Math.sqrt(2.0 * n), what + ": standard deviation of " + n);
    }

    private static void assertAll(String what, List<Double> v, double value) {
        assertTrue(!v.isEmpty() && v.stream().allMatch(d -> d == value), what + " must all be " + value);
    }

    private static void checkDcganStyle(String what, Net net, long expectedGammas) {
        Map<String, INDArray> p = net.paramTable();
        assertNormal(what + " conv weights", values(p, k -> k.endsWith("_W") && !k.contains("instance")
                && p.get(k).rank() == 4), 0, 0.02);
        List<Double> gammas = values(p, k -> k.endsWith("_gamma"));
        assertEquals(expectedGammas, gammas.size(), what + " batch-norm scales");
        if (expectedGammas > 0) {
            // Few channels: the standard deviation check is loose, the mean check is tight.
            assertNormal(what + " batch-norm gamma", gammas, 1, 0.02);
            assertAll(what + " batch-norm beta", values(p, k -> k.endsWith("_beta")), 0);
            assertAll(what + " batch-norm running mean", values(p, k -> k.endsWith("_mean")), 0);
        }
        List<Double> biases = values(p, k -> k.endsWith("_b") && !k.contains("instance"));
        if (!biases.isEmpty()) {
            assertAll(what + " biases", biases, 0);
        }
    }

    @Test
    void dcganNetworksStartAsThePyTorchReferenceDoes() {
        OptimizerConfig adam = OptimizerConfig.Adam.of(2e-4, 0.5);
        Net g = ConvNets.generator(ConvNetConfig.dcganGenerator(64), 100, new long[] {3, 64, 64}, adam, 1, DataType.FLOAT);
        Net d = ConvNets.discriminator(ConvNetConfig.dcganDiscriminator(64), new long[] {3, 64, 64}, adam, 2,
                DataType.FLOAT);
        checkDcganStyle("DCGAN-64 G", g, 512 + 256 + 128 + 64);
        checkDcganStyle("DCGAN-64 D", d, 128 + 256 + 512);
        // Another seed draws other scales: the draw is seeded, not fixed.
        Net g2 = ConvNets.generator(ConvNetConfig.dcganGenerator(64), 100, new long[] {3, 64, 64}, adam, 7,
                DataType.FLOAT);
        assertTrue(!g.paramTable().get("1_gamma").equals(g2.paramTable().get("1_gamma")));
    }

    @Test
    void pix2pixAndCycleGanNetworksStartAsTheReferenceCodeDoes() {
        // The papers' networks at 64 px (256 px takes seconds to initialise and has the same recipe).
        OptimizerConfig adam = OptimizerConfig.Adam.of(2e-4, 0.5);
        Net u = UNet.generator(UNetConfig.paper(64), new long[] {3, 64, 64}, adam, 3, DataType.FLOAT);
        // Depth 6: batch norm after encoder levels 2-5 and decoder levels 6-2.
        checkDcganStyle("U-Net-64", u, 128 + 256 + 512 + 512 + 512 + 512 + 256 + 128 + 64);
        Net patch = PatchGan.discriminator(PatchGanConfig.paper(64), new long[] {6, 64, 64}, adam, 4, DataType.FLOAT);
        checkDcganStyle("70x70 PatchGAN", patch, 128 + 256 + 512);
        Net resnet = ResNetGenerator.generator(ResNetGeneratorConfig.paper(64), new long[] {3, 64, 64}, adam, 5,
                DataType.FLOAT);
        checkDcganStyle("ResNet-6 G", resnet, 0);
        // Instance norm as the reference's affine-free InstanceNorm2d acts at the start: scale 1, shift 0.
        Map<String, INDArray> p = resnet.paramTable();
        assertAll("instance-norm scales", values(p, k -> k.endsWith("_instance_W")), 1);
        assertAll("instance-norm shifts", values(p, k -> k.endsWith("_instance_b")), 0);
    }

    @Test
    void kerasMlpRecipeStartsGlorotUniform() {
        MlpConfig g = new MlpConfig(List.of(256, 512, 1024), ActivationName.LEAKY_RELU, 0.2, true, 0.8, 1e-3, 0.0,
                ActivationName.TANH, InitName.XAVIER_UNIFORM);
        Net net = Mlp.build(g, 100, 784, OptimizerConfig.Adam.of(2e-4, 0.5), 6, DataType.FLOAT);
        Map<String, INDArray> p = net.paramTable();
        for (Map.Entry<String, INDArray> e : p.entrySet()) {
            if (!e.getKey().endsWith("_W")) {
                continue;
            }
            INDArray w = e.getValue();
            double limit = Math.sqrt(6.0 / (w.size(0) + w.size(1)));
            // float32 rounds the bound itself up by up to 6e-8 of it.
            assertTrue(Transforms.abs(w, true).maxNumber().doubleValue() <= limit * (1 + 1e-7), e.getKey() + " within ±" + limit);
            // U(-a, a): standard deviation a/√3, and half the values within a/2.
            List<Double> v = values(p, k -> k.equals(e.getKey()));
            assertNormal(e.getKey(), v, 0, limit / Math.sqrt(3));
            long inner = v.stream().filter(d -> Math.abs(d) < limit / 2).count();
            assertEquals(0.5, inner / (double) v.size(), Z * 0.5 / Math.sqrt(v.size()), e.getKey() + " uniform");
        }
        assertAll("biases", values(p, k -> k.endsWith("_b")), 0);
        assertAll("batch-norm gamma (Keras: ones)", values(p, k -> k.endsWith("_gamma")), 1);
        assertAll("batch-norm beta", values(p, k -> k.endsWith("_beta")), 0);
    }
}
