package io.gan4j.pix2pix;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.nn.InitName;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.Normalization;
import io.gan4j.core.nn.PatchGanConfig;
import io.gan4j.core.nn.UNetConfig;
import io.gan4j.core.testing.GradientCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Random;

/**
 * pix2pix's networks in double precision against central finite differences: the U-Net alone (strided
 * convolutions, transpose convolutions, skip concatenations, batch norm, zero padding and cropping of a size that is
 * not a multiple of 2^depth), the conditional PatchGAN alone, and G's full objective λ_GAN·ℓ_G(D(x, G(x))) +
 * λ_L1·|G(x) − y| back-propagated through D's input slice into G; with batch norm and with instance norm. Dropout is
 * off here: its mask is random, and DL4J's own layer applies it.
 */
class Pix2pixGradientTest {
    /** 14 px is padded to 16 for a 3-level U-Net, so padding and cropping are inside the check. */
    private static final long[] IMAGE = {1, 14, 14};

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static Pix2pixModel tinyModel(double lambdaGan) {
        return tinyModel(lambdaGan, Normalization.BATCH);
    }

    private static Pix2pixModel tinyModel(double lambdaGan, Normalization norm) {
        return tinyModel(lambdaGan, norm, UNetConfig.paper(2).weightInit());
    }

    private static Pix2pixModel tinyModel(double lambdaGan, Normalization norm, InitName init) {
        Pix2pixConfig d = Pix2pixConfig.defaults();
        UNetConfig u = UNetConfig.paper(2);
        UNetConfig unet = new UNetConfig(2, 3, norm, 0.0, 0, u.leakySlope(), u.batchNormMomentum(),
                u.batchNormEpsilon(), init);
        PatchGanConfig p = PatchGanConfig.paper(2);
        PatchGanConfig patch = new PatchGanConfig(2, 1, norm, p.leakySlope(), p.batchNormMomentum(),
                p.batchNormEpsilon(), init);
        // λ_L1 = 1, not 100: a loss of ~60 would put the differences' rounding error (~1e-7) above the tolerance.
        Pix2pixConfig c = new Pix2pixConfig(unet, patch, true, d.loss(), lambdaGan, 1, d.reconstruction(),
                d.discriminatorLossScale(), d.testMode(), d.generatorOptimizer(), d.discriminatorOptimizer());
        DataSpec spec = new DataSpec(IMAGE, 0, DataKind.PAIRED, "test");
        return new Pix2pixModel(new ModelContext(c, spec, new Seeds(7), DataType.DOUBLE));
    }

    @Test
    void uNetGradientsMatchFiniteDifferences() {
        GradientCheck.check(tinyModel(1).networks().get("generator"), 25,
                GradientCheck.random(new Random(1), 3, 1, 14, 14));
    }

    @Test
    void conditionalPatchGanGradientsMatchFiniteDifferences() {
        GradientCheck.check(tinyModel(1).networks().get("discriminator"), 25,
                GradientCheck.random(new Random(2), 3, 2, 14, 14));
    }

    /** dL_G/dθ_G from the model's own G step against differences of L_G = λ_GAN·ℓ_G + λ_L1·L1. */
    @Test
    void generatorObjectiveThroughTheDiscriminatorMatchesFiniteDifferences() {
        checkGeneratorObjective(tinyModel(1));
    }

    /**
     * Xavier weights here: with N(0, 0.02) weights at width 2 the deep maps have variances near instance norm's ε,
     * where 1/sqrt(σ² + ε) bends so sharply that central differences with h = 1e-6 are off by ~1%.
     */
    @Test
    void instanceNormNetworksMatchFiniteDifferences() {
        Pix2pixModel model = tinyModel(1, Normalization.INSTANCE, InitName.XAVIER_NORMAL);
        GradientCheck.check(model.networks().get("generator"), 25, GradientCheck.random(new Random(5), 3, 1, 14, 14));
        GradientCheck.check(model.networks().get("discriminator"), 25, GradientCheck.random(new Random(6), 3, 2, 14, 14));
        checkGeneratorObjective(model);
    }

    @Test
    void l1OnlyObjectiveMatchesFiniteDifferences() {
        checkGeneratorObjective(tinyModel(0));
    }

    private static void checkGeneratorObjective(Pix2pixModel model) {
        Net g = model.networks().get("generator");
        INDArray x = GradientCheck.random(new Random(3), 4, 1, 14, 14);
        INDArray fake = g.forward(x);
        // |G(x) − y| is kept at least 0.5 from L1's kink at 0, where a difference quotient would straddle it.
        INDArray offset = GradientCheck.random(new Random(4), 4, 1, 14, 14);
        INDArray y = fake.add(Transforms.sign(offset, true).muli(0.5).addi(offset.mul(0.1)));
        model.backwardGenerator(x, y, fake);
        INDArray analytic = g.lastGradient().dup();
        g.discardGradient();
        GradientCheck.checkParameters(g, analytic, 10, () -> model.generatorLoss(x, y));
    }
}
