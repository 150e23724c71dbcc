package io.gan4j.cyclegan;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.Nets;
import io.gan4j.core.testing.VariantContractTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The variant contract for CycleGAN on tiny ResNet generators and PatchGANs, plus its two-way behaviour. */
class CycleGanContractTest extends VariantContractTest {

    CycleGanContractTest() {
        super("cyclegan", """
                "resnet": {"width": 2, "residualBlocks": 1}, "discriminator": {"width": 4, "layers": 1}""",
                "\"source\": \"unpaired\", \"images\": \"mnist\", \"transform\": \"bold\"", 4);
    }

    @Override
    protected String tinyConfig() {
        return tinyConfigWith("\"poolSize\": 6");
    }

    @Test
    void hasThePapersFourNetworksAndLogsEveryTerm() {
        Trained t = train(1);
        assertEquals(List.of("generatorAB", "generatorBA", "discriminatorA", "discriminatorB"),
                List.copyOf(t.model().networks().keySet()));
        StepResult r = t.results().get(0);
        assertEquals(Set.of("d_loss", "g_loss", "g_gan", "cycle_a", "cycle_b", "idt_a", "idt_b", "d_a_real",
                "d_a_fake", "d_b_real", "d_b_fake", "lr_factor"), r.values().keySet());
        double expected = r.get("g_gan") + 10 * (r.get("cycle_a") + r.get("cycle_b"))
                + 5 * (r.get("idt_a") + r.get("idt_b"));
        assertEquals(expected, r.get("g_loss"), 1e-6 * expected, "L_G = gan + 10 cycle + 0.5*10 identity");
        // 1 layer on 28 px: 28 -> 14 -> 13 -> 12 patch logits.
        Net d = Nets.of(t.model()).get("discriminatorB");
        assertArrayEquals(new long[] {2, 1, 12, 12}, d.output(Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28)).shape());
    }

    @Test
    void identityWeightZeroDropsTheIdentityTerms() {
        StepResult r = train(tinyConfigWith("\"lambdaIdentity\": 0"), 1).results().get(0);
        assertEquals(0.0, r.get("idt_a"));
        assertEquals(0.0, r.get("idt_b"));
        assertEquals(r.get("g_gan") + 10 * (r.get("cycle_a") + r.get("cycle_b")), r.get("g_loss"), 1e-6);
    }

    @Test
    void poolsFillWithPastFakesAndAreModelState() {
        Trained t = train(2);
        // Batch 4, pool 6: after two steps the pools hold 6 images each (4 from step 1, then 2 more to fill).
        INDArray poolA = t.model().state().get("poolA");
        assertNotNull(poolA);
        assertArrayEquals(new long[] {6, 1, 28, 28}, poolA.shape());
        assertArrayEquals(new long[] {6, 1, 28, 28}, t.model().state().get("poolB").shape());
        Trained none = train(tinyConfigWith("\"poolSize\": 0"), 1);
        assertNull(none.model().state().get("poolA"), "no pool: nothing to store");
    }

    @Test
    void configErrorsNameTheFieldAndValue() {
        io.gan4j.core.api.ConfigException loss = assertThrows(io.gan4j.core.api.ConfigException.class,
                () -> load(tinyConfigWith("\"loss\": \"wasserstein\"")));
        assertTrue(loss.getMessage().contains("$.model.loss") && loss.getMessage().contains("'wasserstein'"),
                loss.getMessage());
        io.gan4j.core.run.ExperimentRunner runner = new io.gan4j.core.run.ExperimentRunner(registry);
        io.gan4j.core.api.ConfigException layers = assertThrows(io.gan4j.core.api.ConfigException.class,
                () -> runner.checkData(load(tinyConfig().replace("\"layers\": 1", "\"layers\": 6"))));
        assertTrue(layers.getMessage().contains("$.model.discriminator.layers")
                && layers.getMessage().contains("6 layers need at least"), layers.getMessage());
        io.gan4j.core.api.ConfigException depth = assertThrows(io.gan4j.core.api.ConfigException.class,
                () -> runner.checkData(load(tinyConfigWith("\"generator\": \"unet\", \"unet\": {\"depth\": 8}"))));
        assertTrue(depth.getMessage().contains("$.model.unet.depth") && depth.getMessage().contains("too deep"),
                depth.getMessage());
    }

    @Test
    void learningRateDecaysLinearlyToZeroAfterTheConstantPhase() {
        CycleGanConfig c = new CycleGanConfig(null, null, null, null, null, 10, 0.5, 50, 0.5, 4, 3, null, null);
        assertEquals(1.0, c.learningRateFactor(1));
        assertEquals(1.0, c.learningRateFactor(4));
        assertEquals(0.75, c.learningRateFactor(5), 1e-12);
        assertEquals(0.25, c.learningRateFactor(7), 1e-12);
        assertEquals(0.0, c.learningRateFactor(8), 1e-12);
        assertEquals(0.0, c.learningRateFactor(100), "never negative");
        Trained t = train(tinyConfigWith("\"constantIterations\": 1, \"decayIterations\": 1"), 3);
        assertEquals(List.of(1.0, 0.5, 0.0), t.results().stream().map(s -> s.get("lr_factor")).toList());
    }
}
