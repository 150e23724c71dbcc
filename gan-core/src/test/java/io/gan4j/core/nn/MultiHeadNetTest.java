package io.gan4j.core.nn;

import io.gan4j.core.testing.DoublePrecision;
import io.gan4j.core.testing.GradientCheck;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A discriminator with two heads (an adversarial logit and an auxiliary head, as InfoGAN's D with Q) trains through
 * {@link Net} without losing its second output: forward returns both, backward takes an error per head (null for a
 * head no loss reads), and the gradients match central finite differences.
 */
@ExtendWith(DoublePrecision.class)
class MultiHeadNetTest {

    /** x[3] → body: dense 5 tanh → batch norm → adv: dense 1 (logit) and q: dense 2, both identity. */
    static Net twoHeadGraph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.DOUBLE).updater(new Sgd(0.1))
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
                .graphBuilder()
                .addInputs("x")
                .addLayer("body", new DenseLayer.Builder().nOut(5).activation(new ActivationTanH()).build(), "x")
                .addLayer("bn", new BatchNormalization.Builder().build(), "body")
                .addLayer("adv", new DenseLayer.Builder().nOut(1).activation(new ActivationIdentity()).build(), "bn")
                .addLayer("q", new DenseLayer.Builder().nOut(2).activation(new ActivationIdentity()).build(), "bn")
                .setOutputs("adv", "q")
                .setInputTypes(InputType.feedForward(3))
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return Net.of(g);
    }

    @Test
    void forwardReturnsEveryHeadAndGradientsOfBothHeadsMatchFiniteDifferences() {
        Net net = twoHeadGraph(3);
        assertEquals(2, net.numOutputs());
        assertEquals(List.of("adv", "q"), net.outputNames());
        assertEquals(1, net.outputIndex("q"));
        INDArray x = GradientCheck.random(new Random(1), 6, 3);
        INDArray[] out = net.forwardAll(x);
        assertEquals(2, out.length);
        assertEquals(1, out[0].size(1));
        assertEquals(2, out[1].size(1));
        // L = Σ adv ⊙ W0 + Σ q ⊙ W1: every input and parameter gradient against central differences.
        GradientCheck.check(net, x);
    }

    @Test
    void aHeadWithoutErrorContributesNothingAndTheOtherHeadsGradientIsExact() {
        Net net = twoHeadGraph(4);
        INDArray x = GradientCheck.random(new Random(2), 6, 3);
        INDArray w = GradientCheck.random(new Random(5), 6, 2);
        net.forwardAll(x);
        INDArray dx = net.backward(null, w)[0];
        INDArray analytic = net.lastGradient().dup();
        net.discardGradient();
        java.util.function.Supplier<Double> loss = () -> net.forwardAll(x)[1].mul(w).sumNumber().doubleValue();
        INDArray numeric = GradientCheck.numericGradient(x, loss);
        assertTrue(numeric.equalsWithEps(dx, 1e-7), "dL/dx of the q head alone: " + numeric + " vs " + dx);
        GradientCheck.checkParameters(net, analytic, Long.MAX_VALUE, loss);
        // The adversarial head's weights get exactly nothing from a loss on q alone.
        INDArray advW = net.asParamTable(analytic).get("adv_W");
        assertEquals(0.0, advW.norm2Number().doubleValue(), 0.0);
    }

    @Test
    void singleOutputCallsOnATwoHeadNetworkFailInsteadOfDroppingAHead() {
        Net net = twoHeadGraph(5);
        INDArray x = GradientCheck.random(new Random(3), 4, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.forward(x));
        assertTrue(e.getMessage().contains("[adv, q]"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> net.output(x));
        net.forwardAll(x);
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> net.backward(GradientCheck.random(new Random(4), 4, 1)));
        assertTrue(one.getMessage().contains("1 errors for a network with 2 outputs"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.backward(null, null));
        assertEquals(2, net.outputs(x).length, "inference mode gives both heads too");
    }
}
