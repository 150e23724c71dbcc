package io.gan4j.wgan;

import io.gan4j.core.testing.parity.VariantParityTest;

import java.util.List;

/**
 * One WGAN iteration equals PyTorch's: three critic updates, each on its own real batch and a fresh G(z), then one
 * generator update. Weight clipping: RMSProp and clipping after each critic update (MLP). Gradient penalty: the
 * penalty on interpolates with the given ε, its exact gradient (PyTorch's double backward) for LeakyReLU critics,
 * MLP and convolutional, Adam(β 0, 0.9). Compared: every logged scalar (Wasserstein estimate, penalty, gradient
 * norms), every update's gradient, the parameters and the optimizers' state (fixtures from
 * {@code benchmarks/parity/make_fixtures.py}).
 */
class WganParityTest extends VariantParityTest {

    WganParityTest() {
        super(List.of("wgan-clip", "wgan-gp-mlp", "wgan-gp-conv"), "wgan-gp-conv",
                detects("model.penaltyWeight=10.1", "critic gradient"),
                detects("model.criticOptimizer.beta2=0.909", "optimizer state critic"));
    }
}
