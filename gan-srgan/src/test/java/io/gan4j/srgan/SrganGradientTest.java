package io.gan4j.srgan;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.loss.ReconstructionLoss;
import io.gan4j.core.nn.InitName;
import io.gan4j.core.nn.Net;
import io.gan4j.core.testing.GradientCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Random;

/**
 * SRGAN's gradients in double precision against central finite differences: the feature content loss's gradient
 * with respect to the generated image (back-propagated through the frozen classifier), SRResNet (PReLU built from
 * layers, sub-pixel stages, batch norm, skips) and the discriminator alone, and G's whole objective
 * {@code contentWeight · content + adversarialWeight · ℓ_G(D(G(lr)))} as G's update step applies it.
 */
class SrganGradientTest {
    private static final long[] IMAGE = {1, 28, 28};

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** A tiny model; adversarial weight 0.1, not 1e-3, so that the adversarial part is visible in the check. */
    private static SrganModel tinyModel(SrganConfig.Content content) {
        SrganConfig d = SrganConfig.defaults();
        SrResNetConfig g = new SrResNetConfig(2, 1, 0.9, 1e-5, InitName.XAVIER_NORMAL);
        SrganDiscriminatorConfig disc = new SrganDiscriminatorConfig(2, 0, 4, 0.2, 0.9, 1e-5, InitName.XAVIER_NORMAL);
        SrganConfig c = new SrganConfig(d.upsampler(), 4, g, disc, content, d.contentNetwork(), d.contentLayer(), 1.0,
                0.1, d.loss(), d.bicubicA(), d.generatorOptimizer(), d.discriminatorOptimizer());
        return new SrganModel(new ModelContext(c, new DataSpec(IMAGE, 0, DataKind.PAIRED, "test"), new Seeds(7),
                DataType.DOUBLE));
    }

    /** Images in (-1, 1): tanh of normal draws. */
    private static INDArray images(int seed, long... shape) {
        return Transforms.tanh(GradientCheck.random(new Random(seed), shape));
    }

    @Test
    void contentLossGradientWithRespectToTheImageMatchesFiniteDifferences() {
        FeatureContentLoss content = tinyModel(SrganConfig.Content.FEATURES).features();
        INDArray sr = images(1, 2, 1, 28, 28);
        INDArray hr = images(2, 2, 1, 28, 28);
        ReconstructionLoss.Value v = content.compute(sr, hr);
        GradientCheck.assertClose(content.value(sr, hr), v.value(), "content loss value");
        // 43 entries spread over both images (every 37th value): a full numeric gradient would take 3,136 passes.
        for (long i = 0; i < sr.length(); i += 37) {
            double x = sr.getDouble(i);
            sr.putScalar(i, x + GradientCheck.H);
            double up = content.value(sr, hr);
            sr.putScalar(i, x - GradientCheck.H);
            double down = content.value(sr, hr);
            sr.putScalar(i, x);
            GradientCheck.assertClose((up - down) / (2 * GradientCheck.H), v.gradient().getDouble(i),
                    "dContent/dSR[" + i + "]");
        }
    }

    @Test
    void srResNetGradientsMatchFiniteDifferences() {
        GradientCheck.check(tinyModel(SrganConfig.Content.MSE).networks().get("generator"), 20,
                GradientCheck.random(new Random(3), 3, 1, 7, 7));
    }

    @Test
    void discriminatorGradientsMatchFiniteDifferences() {
        GradientCheck.check(tinyModel(SrganConfig.Content.MSE).networks().get("discriminator"), 20,
                GradientCheck.random(new Random(4), 3, 1, 28, 28));
    }

    @Test
    void featureContentPlusAdversarialObjectiveMatchesFiniteDifferences() {
        checkGeneratorObjective(tinyModel(SrganConfig.Content.FEATURES));
    }

    @Test
    void mseContentPlusAdversarialObjectiveMatchesFiniteDifferences() {
        checkGeneratorObjective(tinyModel(SrganConfig.Content.MSE));
    }

    private static void checkGeneratorObjective(SrganModel model) {
        Net g = model.networks().get("generator");
        INDArray lr = images(5, 3, 1, 7, 7);
        INDArray hr = images(6, 3, 1, 28, 28);
        // The gradient the real update applies (gan-core's generatorStep), caught before the updater sees it; the
        // parameters are then put back, and the objective is differentiated at them (D is not updated by G's step).
        INDArray before = g.params().dup();
        INDArray[] applied = new INDArray[1];
        g.setStepObserver((net, gradient) -> applied[0] = gradient.dup());
        INDArray sr = g.forward(lr);
        model.generatorStep(hr, sr);
        g.setStepObserver(null);
        g.params().assign(before);
        GradientCheck.checkParameters(g, applied[0], 8, () -> model.generatorLoss(lr, hr));
    }
}
