package io.gan4j.core.nn;

import io.gan4j.core.testing.DoublePrecision;
import io.gan4j.core.testing.GradientCheck;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * gan4j's instance normalisation layer: its output against the formula computed by hand, independence from the
 * rest of the batch, its gradients (input, γ, β) against finite differences, and a save/load round trip.
 */
@ExtendWith(DoublePrecision.class)
class InstanceNormalizationTest {
    /** Instance norm alone; the check loss's random weights give γ and β non-trivial gradients. */
    private static Net net(int channels) {
        return net(channels, false);
    }

    private static Net net(int channels, boolean relu) {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list()
                .layer(new InstanceNormalization(0, 1e-5, relu))
                .setInputType(InputType.convolutional(4, 5, channels)).build());
        n.init();
        return Net.of(n);
    }

    @Test
    void normalisesEachExampleAndChannelOverItsOwnPixels() {
        Net n = net(2);
        n.paramTable().get("0_" + InstanceNormalization.GAMMA).assign(Nd4j.createFromArray(2.0, 0.5).reshape(1, 2));
        n.paramTable().get("0_" + InstanceNormalization.BETA).assign(Nd4j.createFromArray(0.3, -1.0).reshape(1, 2));
        INDArray t = GradientCheck.random(new Random(1), 3, 2, 4, 5);
        INDArray x = t.dup();
        INDArray y = n.output(x);
        double[] gamma = {2.0, 0.5};
        double[] beta = {0.3, -1.0};
        for (int e = 0; e < 3; e++) {
            for (int c = 0; c < 2; c++) {
                double mean = 0;
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 5; j++) {
                        mean += t.getDouble(e, c, i, j) / 20;
                    }
                }
                double var = 0;
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 5; j++) {
                        var += Math.pow(t.getDouble(e, c, i, j) - mean, 2) / 20;
                    }
                }
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 5; j++) {
                        double expected = gamma[c] * (t.getDouble(e, c, i, j) - mean) / Math.sqrt(var + 1e-5) + beta[c];
                        assertEquals(expected, y.getDouble(e, c, i, j), 1e-10, "example " + e + " channel " + c);
                    }
                }
            }
        }
        // No batch statistics: an example's output does not depend on the others.
        INDArray alone = n.output(t.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)).dup());
        assertEquals(y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)), alone);
        assertEquals(y, n.forward(t.dup()), "training and inference compute the same");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "relu {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void gradientsMatchFiniteDifferences(boolean relu) {
        Net n = net(3, relu);
        // Move γ and β off their initial 1 and 0 so a wrong gradient for either cannot hide.
        n.paramTable().get("0_" + InstanceNormalization.GAMMA).assign(Nd4j.createFromArray(1.5, -0.7, 0.9).reshape(1, 3));
        n.paramTable().get("0_" + InstanceNormalization.BETA).assign(Nd4j.createFromArray(0.2, 0.1, -0.4).reshape(1, 3));
        GradientCheck.check(n, GradientCheck.random(new Random(2), 2, 3, 4, 5));
    }

    @Test
    void savesAndLoadsWithItsChannelsAndParameters(@TempDir Path dir) throws Exception {
        Net n = net(2, true);
        n.paramTable().get("0_" + InstanceNormalization.GAMMA).assign(3);
        Path file = dir.resolve("net.zip");
        ModelSerializer.writeModel(n.multiLayer(), file.toFile(), true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        INDArray x = GradientCheck.random(new Random(3), 2, 2, 4, 5);
        assertEquals(n.output(x.dup()), Net.of(loaded).output(x.dup()));
        assertArrayEquals(new long[] {1, 2}, loaded.getParam("0_" + InstanceNormalization.GAMMA).shape());
        org.junit.jupiter.api.Assertions.assertTrue(((InstanceNormalization) loaded.getLayer(0).conf().getLayer()).isRelu(),
                "the fused ReLU is saved");
    }
}
