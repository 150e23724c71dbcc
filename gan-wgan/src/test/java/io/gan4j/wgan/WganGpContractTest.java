package io.gan4j.wgan;

import io.gan4j.core.api.StepResult;
import io.gan4j.core.testing.VariantContractTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WGAN-GP on the MLP backbone passes the variant contract and logs the penalty and the gradient norms. */
class WganGpContractTest extends VariantContractTest {

    WganGpContractTest() {
        super("wgan", """
                "lipschitz": "gradient-penalty", "latentDim": 8, "nCritic": 3,
                "generator": {"hidden": [16, 16]}, "critic": {"hidden": [16]},
                "generatorOptimizer": {"type": "adam", "lr": 1e-4, "beta1": 0, "beta2": 0.9},
                "criticOptimizer": {"type": "adam", "lr": 1e-4, "beta1": 0, "beta2": 0.9}""", 8);
    }

    /**
     * With a linear critic D(x) = W₀W₁·x + b its input gradient is w = W₀W₁ at every x, so the logged penalty must be
     * λ(‖w‖ − 1)² of the critic before its update, {@code gp_grad_norm} ‖w‖, and {@code grad_norm} (at G's step,
     * through the updated critic) ‖w'‖ of the updated weights: values derived here by hand from the weights.
     */
    @Test
    void logsThePenaltyAndGradientNormsOfALinearCriticExactly() {
        String json = tinyConfig().replace("\"nCritic\": 3", "\"nCritic\": 1")
                .replace("\"critic\": {\"hidden\": [16]}", "\"critic\": {\"hidden\": [16], \"activation\": \"identity\"}");
        double before = inputGradientNorm(train(json, 0));
        Trained trained = train(json, 1);
        double after = inputGradientNorm(trained);
        StepResult r = trained.results().get(0);
        assertTrue(Math.abs(before - 1) > 0.1, "the test needs a penalty clearly above 0: |w| = " + before);
        assertEquals(10 * (before - 1) * (before - 1), r.get("penalty"), 1e-4 * r.get("penalty"), r.values().toString());
        assertEquals(before, r.get("gp_grad_norm"), 1e-5 * before, r.values().toString());
        assertEquals(after, r.get("grad_norm"), 1e-5 * after, r.values().toString());
        assertTrue(Math.abs(after - before) > 1e-6, "the critic moved between the two norms");
        assertEquals(-r.get("wasserstein") + r.get("penalty"), r.get("critic_loss"), 1e-5, r.values().toString());
    }

    /** ‖W₀W₁‖ of the trained model's linear two-layer critic. */
    private static double inputGradientNorm(Trained t) {
        Map<String, INDArray> p = t.model().networks().get("critic").paramTable();
        return p.get("0_W").castTo(DataType.DOUBLE).mmul(p.get("1_W").castTo(DataType.DOUBLE)).norm2Number().doubleValue();
    }
}
