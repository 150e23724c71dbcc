package io.gan4j.wgan;

import io.gan4j.core.api.StepResult;
import io.gan4j.core.testing.VariantContractTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** WGAN-GP on the MLP backbone passes the variant contract and logs the penalty and the gradient norms. */
class WganGpContractTest extends VariantContractTest {

    @Override
    protected String variantName() {
        return "wgan";
    }

    @Override
    protected String tinyConfig() {
        return """
                {
                  "seed": 5,
                  "model": {"type": "wgan", "lipschitz": "gradient-penalty", "latentDim": 8, "nCritic": 3,
                            "generator": {"hidden": [16, 16]}, "critic": {"hidden": [16]},
                            "generatorOptimizer": {"type": "adam", "lr": 1e-4, "beta1": 0, "beta2": 0.9},
                            "criticOptimizer": {"type": "adam", "lr": 1e-4, "beta1": 0, "beta2": 0.9}},
                  "data": {"source": "mnist", "limit": 64},
                  "train": {"batchSize": 8}
                }
                """;
    }

    @Test
    void logsThePenaltyAndGradientNorms() {
        StepResult r = train(1).results().get(0);
        assertTrue(r.get("penalty") >= 0, r.values().toString());
        assertTrue(r.get("gp_grad_norm") > 0, r.values().toString());
        assertTrue(r.get("grad_norm") > 0, r.values().toString());
    }
}
