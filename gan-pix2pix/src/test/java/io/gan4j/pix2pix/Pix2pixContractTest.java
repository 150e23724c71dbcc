package io.gan4j.pix2pix;

import io.gan4j.core.api.StepResult;
import io.gan4j.core.api.TranslationModel;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.Nets;
import io.gan4j.core.testing.VariantContractTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The variant contract for pix2pix on a tiny U-Net and PatchGAN, plus its translation behaviour. */
class Pix2pixContractTest extends VariantContractTest {

    Pix2pixContractTest() {
        super("pix2pix", "\"generator\": {\"width\": 4}, \"discriminator\": {\"width\": 4, \"layers\": 1}",
                pairedData("inpaint"), 8);
    }

    @Test
    void patchDiscriminatorSeesInputAndOutputAndEmitsAMapOfLogits() {
        Net d = Nets.of(train(1).model()).get("discriminator");
        // Conditional: [x, y] has 2 channels; 1 layer on 28 px: 28 -> 14 -> 13 -> 12.
        INDArray logits = d.output(org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 2, 28, 28));
        assertArrayEquals(new long[] {2, 1, 12, 12}, logits.shape());
    }

    @Test
    void lambdaGanZeroIsTheL1OnlyAblationWithoutADiscriminator() {
        Trained t = train(tinyConfigWith("\"lambdaGan\": 0", pairedData("superres")), 2);
        assertEquals(java.util.Set.of("generator"), t.model().networks().keySet());
        StepResult r = t.results().get(1);
        assertEquals(java.util.List.of("g_loss", "g_l1"), java.util.List.copyOf(r.values().keySet()));
        assertEquals(100 * r.get("g_l1"), r.get("g_loss"), 1e-9 * r.get("g_loss"), "G's loss is λ·L1 alone");
    }

    @Test
    void evalTestModeIsDeterministicAndLeavesTheNetworkUnchanged() {
        assertTranslationIgnoresTheSeed(train(tinyConfigWith("\"testMode\": \"eval\"", pairedData("denoise")), 1),
                "no dropout at test time: the seed does not matter");
    }

    @Test
    void trainTestModeKeepsDropoutButNeverChangesParameters() {
        Trained t = train(1);
        TranslationModel m = (TranslationModel) t.model();
        Net g = Nets.of(t.model()).get("generator");
        INDArray before = g.params().dup();
        INDArray x = pairs(t, 4).x();
        INDArray a = m.translate(x, 1);
        assertNotEquals(a, m.translate(x, 2), "the paper's test mode keeps dropout, drawn from the seed");
        assertEquals(before, g.params(), "translating (batch statistics, dropout) must not touch running averages");
        assertFalse(a.isAttached());
    }
}
