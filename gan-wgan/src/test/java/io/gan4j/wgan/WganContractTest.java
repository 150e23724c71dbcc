package io.gan4j.wgan;

import io.gan4j.core.api.ConfigException;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.Nets;
import io.gan4j.core.testing.VariantContractTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WGAN with weight clipping, on the DCGAN backbone with batch norm in the critic, passes the variant contract. */
class WganContractTest extends VariantContractTest {

    WganContractTest() {
        super("wgan", """
                "backbone": "conv", "latentDim": 8, "nCritic": 2, "clipValue": 0.02,
                "convGenerator": {"width": 4}, "convCritic": {"width": 4, "batchNorm": true}""", 8);
    }

    @Test
    void noLearnedCriticParameterExceedsTheClipValueAfterAStepAndStatisticsAreNotClipped() {
        Trained t = train(2);
        Net critic = Nets.of(t.model()).get("critic");
        boolean statisticBeyond = false;
        for (Map.Entry<String, INDArray> e : critic.paramTable().entrySet()) {
            double max = e.getValue().amaxNumber().doubleValue();
            if (Net.isLearned(e.getKey())) {
                assertTrue(max <= 0.02 + 1e-7, e.getKey() + " reaches " + max);
            } else {
                statisticBeyond |= max > 0.02;
            }
        }
        // the running variance starts at 1: clipping it would have brought it to 0.02
        assertTrue(statisticBeyond, "batch-norm running statistics are left as they are");
        assertEquals(List.of("critic_loss", "g_loss", "wasserstein", "grad_norm"),
                List.copyOf(t.results().get(0).values().keySet()));
    }

    @Test
    void eachStepTakesNCriticBatches() {
        GanModel model = train(1).model();
        assertEquals(2, model.batchesPerStep());
    }

    @Test
    void gradientPenaltyRejectsABatchNormCritic() {
        String json = """
                {"model": {"type": "wgan", "lipschitz": "gradient-penalty", "critic": {"batchNorm": true}},
                 "data": {"source": "mnist", "limit": 64}}
                """;
        ConfigException e = refused(json);
        assertEquals("$.model.critic.batchNorm", e.problems().get(0).path(), e.getMessage());
        assertNotEquals(-1, e.getMessage().indexOf("must be false with lipschitz gradient-penalty"), e.getMessage());
    }

    @Test
    void gradientPenaltyRejectsADropoutCritic() {
        String json = """
                {"model": {"type": "wgan", "lipschitz": "gradient-penalty", "critic": {"dropout": 0.3}},
                 "data": {"source": "mnist", "limit": 64}}
                """;
        ConfigException e = refused(json);
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("$.model.critic.dropout", e.problems().get(0).path(), e.getMessage());
        assertNotEquals(-1, e.getMessage().indexOf("must be 0 with lipschitz gradient-penalty"), e.getMessage());
        assertNotEquals(-1, e.getMessage().indexOf("0.3"), e.getMessage());
        // Weight clipping has no second derivative to take: dropout is allowed there.
        new ConfigLoader(registry).load("clip.json", json.replace("gradient-penalty", "weight-clipping"), List.of());
    }
}
