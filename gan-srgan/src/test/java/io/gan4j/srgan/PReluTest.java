package io.gan4j.srgan;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import io.gan4j.core.nn.KernelThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link PRelu} against values worked out by hand: two examples of two channels of 1×3, slopes 0.25 and −0.5, the
 * second example the first negated. x = 0 takes the slope, as in PyTorch ({@code x > 0 ? g : α·g}).
 */
class PReluTest {
    private static final double[] X = {1, -2, 0, -4, 3, -0.5, -1, 2, 0, 4, -3, 0.5};
    private static final double[] G = {2, 3, 5, 7, -1, 4, 2, 3, 5, 7, -1, 4};

    private static MultiLayerNetwork layer(DataType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(type)
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE).list()
                .layer(new PRelu(0.25)).setInputType(InputType.convolutional(1, 3, 2)).build());
        net.init();
        net.getLayer(0).getParam(PRelu.ALPHA).assign(Nd4j.createFromArray(0.25, -0.5).castTo(type).reshape(1, 1, 2, 1));
        return net;
    }

    private static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void forwardInputAndSlopeGradientsAreTheFormula(DataType type) {
        MultiLayerNetwork net = layer(type);
        INDArray x = Nd4j.createFromArray(X).castTo(type).reshape(2, 2, 1, 3);
        assertArrayEquals(new double[] {1, -0.5, 0, 2, 3, 0.25, -0.25, 2, 0, 4, 1.5, 0.5},
                values(net.output(x, false)), 0, "y = x where x > 0, else α·x");
        net.setInput(x);
        net.feedForward(true, false);
        Pair<Gradient, INDArray> p = net.backpropGradient(Nd4j.createFromArray(G).castTo(type).reshape(2, 2, 1, 3),
                LayerWorkspaceMgr.noWorkspaces());
        assertArrayEquals(new double[] {2, 0.75, 1.25, -3.5, -1, -2, 0.5, 3, 1.25, 7, 0.5, 4},
                values(p.getSecond()), 0, "dL/dx = g where x > 0, else α·g");
        // Channel 0: 3·(−2) + 5·0 + 2·(−1) + 5·0 = −8; channel 1: 7·(−4) + 4·(−0.5) + (−1)·(−3) = −27.
        assertArrayEquals(new double[] {-8, -27}, values(p.getFirst().getGradientFor("0_" + PRelu.ALPHA)), 0,
                "dL/dα_c = Σ g·x over x ≤ 0");
    }

    /** One pass on 3 threads gives the bits of 1 thread (the input is large enough to be split). */
    @Test
    void threadsGiveTheSameBits() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 8, 32, 32).subi(0.5);
        INDArray g = Nd4j.rand(DataType.FLOAT, 4, 8, 32, 32).subi(0.5);
        int before = KernelThreads.get();
        INDArray[][] results = new INDArray[2][];
        try {
            for (int t = 0; t < 2; t++) {
                KernelThreads.set(t == 0 ? 1 : 3);
                MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                        .dataType(DataType.FLOAT).list().layer(new PRelu(0.25))
                        .setInputType(InputType.convolutional(32, 32, 8)).build());
                net.init();
                net.setInput(x);
                INDArray y = net.feedForward(true, false).get(1).dup();
                Pair<Gradient, INDArray> p = net.backpropGradient(g, LayerWorkspaceMgr.noWorkspaces());
                results[t] = new INDArray[] {y, p.getSecond().dup(), p.getFirst().getGradientFor("0_W").dup()};
            }
        } finally {
            KernelThreads.set(before);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(0, results[0][i].sub(results[1][i]).amaxNumber().doubleValue(), "result " + i);
        }
    }
}
