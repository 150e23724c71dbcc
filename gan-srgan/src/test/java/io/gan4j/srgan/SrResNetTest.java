package io.gan4j.srgan;

import io.gan4j.core.nn.InitName;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.OptimizerConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SRResNet's shapes and its PReLU, in training and in inference mode, against the formula. */
class SrResNetTest {

    private static Net generator() {
        return SrResNet.generator(new SrResNetConfig(3, 1, 0.9, 1e-5, InitName.XAVIER_NORMAL), new long[] {2, 5, 6}, 2,
                OptimizerConfig.Adam.defaults(), 11, DataType.DOUBLE);
    }

    @Test
    void twoSubPixelStagesQuadrupleEachSideAndPreluStartsAtAQuarterPerChannel() {
        Net g = generator();
        assertArrayEquals(new long[] {4, 2, 20, 24}, g.output(Nd4j.rand(DataType.DOUBLE, 4, 2, 5, 6)).shape());
        // One slope per channel (shape [1, 1, C, 1], as the 1x1 depthwise kernel it replaced), 0.25 at the start, for the head, the block and each stage.
        for (String prelu : new String[] {"head", "res1a", "up1", "up2"}) {
            INDArray alpha = g.paramTable().get(prelu + "_alpha_W");
            assertEquals(3, alpha.length(), prelu);
            assertEquals(0.25, alpha.minNumber().doubleValue(), 1e-12, prelu);
            assertEquals(0.25, alpha.maxNumber().doubleValue(), 1e-12, prelu);
        }
        assertArrayEquals(new long[] {12, 3, 3, 3}, g.paramTable().get("up1_W").shape(), "conv to 4k channels");
    }

    /**
     * The head's PReLU output is {@code max(h, 0) + α_c·min(h, 0)} of the head convolution's output h, in training
     * and in inference mode, and h itself is left as it was (DL4J's ReLU layer rectifies its input in place outside
     * training, which turned the inference pass's PReLU into a ReLU).
     */
    @Test
    void preluIsTheFormulaInBothModesAndLeavesItsInputIntact() {
        Net g = generator();
        g.paramTable().get("head_alpha_W").assign(Nd4j.createFromArray(0.1, -0.3, 0.7).reshape(3, 1, 1, 1));
        INDArray lr = Nd4j.rand(DataType.DOUBLE, 2, 2, 5, 6).subi(0.5).muli(4);
        for (boolean training : new boolean[] {true, false}) {
            Map<String, INDArray> acts = g.computationGraph().feedForward(new INDArray[] {lr}, training, false);
            INDArray h = g.computationGraph().feedForward(new INDArray[] {lr}, true, false).get("head");
            assertEquals(h, acts.get("head"), "the convolution's output is intact, training " + training);
            INDArray alpha = Nd4j.createFromArray(0.1, -0.3, 0.7).reshape(1, 3, 1, 1);
            INDArray expected = Transforms.relu(h, true).add(Transforms.min(h, 0.0, true).mul(alpha));
            INDArray actual = acts.get("head_alpha");
            assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-12, "PReLU, training " + training);
        }
    }
}
