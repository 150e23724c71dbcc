package io.gan4j.cyclegan;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.nn.InitName;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.Normalization;
import io.gan4j.core.nn.PatchGanConfig;
import io.gan4j.core.nn.ResNetGeneratorConfig;
import io.gan4j.core.testing.DoublePrecision;
import io.gan4j.core.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

/**
 * CycleGAN's generator objective in double precision against central finite differences: the analytic gradients
 * the model's own step computes for G and for F — through the other generator (cycle terms), through D_A and D_B's
 * inputs (adversarial terms) and on the other domain's images (identity terms) — against differences of L_G itself.
 * Instance norm with Xavier weights (with N(0, 0.02) at width 2 the variances sit near ε, where differences are off).
 */
@ExtendWith(DoublePrecision.class)
class CycleGanGradientTest {
    private static final long[] IMAGE = {1, 12, 12};

    private static CycleGanModel tinyModel(double lambdaIdentity, CycleGanConfig.GeneratorArchitecture architecture) {
        CycleGanConfig d = CycleGanConfig.defaults();
        ResNetGeneratorConfig resnet = new ResNetGeneratorConfig(2, 1, Normalization.INSTANCE, 1e-5, InitName.XAVIER_NORMAL);
        io.gan4j.core.nn.UNetConfig u = d.unet();
        io.gan4j.core.nn.UNetConfig unet = new io.gan4j.core.nn.UNetConfig(2, 2, Normalization.INSTANCE, 0.0, 0,
                u.leakySlope(), u.batchNormMomentum(), u.batchNormEpsilon(), InitName.XAVIER_NORMAL);
        PatchGanConfig p = d.discriminator();
        PatchGanConfig patch = new PatchGanConfig(2, 1, Normalization.INSTANCE, p.leakySlope(), p.batchNormMomentum(),
                p.batchNormEpsilon(), InitName.XAVIER_NORMAL);
        // λ_cyc = 1, not 10, keeps L_G small enough for the differences' rounding error.
        CycleGanConfig c = new CycleGanConfig(architecture, resnet, unet, patch, d.loss(), 1.0, lambdaIdentity,
                d.poolSize(), d.discriminatorLossScale(), 0, 0, d.generatorOptimizer(), d.discriminatorOptimizer());
        return new CycleGanModel(new ModelContext(c, new DataSpec(IMAGE, 0, DataKind.UNPAIRED, "test"), new Seeds(7),
                DataType.DOUBLE));
    }

    @Test
    void bothGeneratorsGradientsMatchFiniteDifferencesOfTheFullObjective() {
        check(tinyModel(0.5, CycleGanConfig.GeneratorArchitecture.RESNET));
    }

    @Test
    void withoutIdentityTermsTheGradientsStillMatch() {
        check(tinyModel(0, CycleGanConfig.GeneratorArchitecture.RESNET));
    }

    @Test
    void uNetGeneratorsMatchToo() {
        check(tinyModel(0.5, CycleGanConfig.GeneratorArchitecture.UNET));
    }

    /** Three parameters of every array of G and of F (each check runs all six passes of L_G twice). */
    private static void check(CycleGanModel model) {
        INDArray a = GradientCheck.random(new Random(1), 3, 1, 12, 12);
        INDArray b = GradientCheck.random(new Random(2), 3, 1, 12, 12);
        model.backwardGenerators(a, b);
        Net g = model.networks().get("generatorAB");
        Net f = model.networks().get("generatorBA");
        INDArray dG = g.lastGradient().dup();
        INDArray dF = f.lastGradient().dup();
        g.discardGradient();
        f.discardGradient();
        for (Net d : new Net[] {model.networks().get("discriminatorA"), model.networks().get("discriminatorB")}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, d::step,
                    "the discriminators get no gradient from the generators' objective");
        }
        GradientCheck.checkParameters(g, dG, 3, () -> model.generatorLoss(a, b));
        GradientCheck.checkParameters(f, dF, 3, () -> model.generatorLoss(a, b));
    }
}
