package io.gan4j.wgan;

import io.gan4j.core.nn.ActivationName;
import io.gan4j.core.nn.ConvNetConfig;
import io.gan4j.core.nn.ConvNets;
import io.gan4j.core.nn.InitName;
import io.gan4j.core.nn.Mlp;
import io.gan4j.core.nn.MlpConfig;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.OptimizerConfig;
import io.gan4j.core.testing.GradientCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WGAN-GP critic gradient (double backpropagation) against central differences of the exact loss
 * mean D(x̃) − mean D(x) + λ·mean (‖∇D(x̂)‖ − 1)² over every parameter, in double precision, for MLP and DCGAN-style
 * critics with every activation a config can name. The "exact loss" takes ∇D(x̂) from DL4J's own first-order
 * backward pass, so the check does not reuse the code it checks. With a parameter step of 1e-6 no pre-activation of
 * these random networks crosses a kink of ReLU or LeakyReLU. The parity suite checks the same against PyTorch's
 * double backward on the shipped critics.
 */
class GradientPenaltyTest {
    private static final double LAMBDA = 10;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static void check(Net critic, INDArray real, INDArray fake, INDArray interpolates) {
        GradientPenalty gp = new GradientPenalty(LAMBDA);
        GradientPenalty.Update u = gp.backward(critic, real, fake, interpolates);
        INDArray analytic = critic.lastGradient().dup();
        critic.discardGradient();

        double exactPenalty = gp.value(critic, interpolates);
        // DL4J's LeakyReLU backward (which value() uses) takes its slope as a float, 0.2f = 0.2 + 3e-9: 1e-8 apart.
        assertEquals(exactPenalty, u.penalty(), 1e-7 * exactPenalty, "the update reports the exact penalty");
        assertTrue(u.penalty() > 1e-3, "the test needs a penalty that is not ~0: " + u.penalty());

        long n = real.size(0);
        java.util.function.Supplier<Double> loss = () -> critic.output(fake).sumNumber().doubleValue() / n
                - critic.output(real).sumNumber().doubleValue() / n + gp.value(critic, interpolates);
        INDArray params = critic.params();
        INDArray numeric = GradientCheck.numericGradient(params, loss).reshape(analytic.shape());
        double relative = analytic.sub(numeric).norm2Number().doubleValue() / numeric.norm2Number().doubleValue();
        assertTrue(relative < 1e-6, "relative error of the critic gradient " + relative);
        for (long i = 0; i < params.length(); i++) {
            double a = analytic.getDouble(i);
            double b = numeric.getDouble(i);
            assertEquals(b, a, 1e-5 * Math.max(Math.abs(a), Math.abs(b)) + 1e-8, "parameter " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(ActivationName.class)
    void mlpCriticGradientMatchesCentralDifferencesOfTheExactLoss(ActivationName activation) {
        MlpConfig mlp = new MlpConfig(List.of(7, 5), activation, 0.2, false, 0.9, 1e-3, 0,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
        Net critic = Mlp.build(mlp, 6, 1, OptimizerConfig.RmsProp.defaults(), 3, DataType.DOUBLE);
        Random rnd = new Random(1);
        INDArray real = GradientCheck.random(rnd, 4, 6);
        INDArray fake = GradientCheck.random(rnd, 4, 6);
        INDArray eps = Nd4j.create(new double[] {0.1, 0.5, 0.7, 0.95}, new long[] {4, 1});
        check(critic, real, fake, GradientPenalty.interpolate(real, fake, eps));
    }

    @ParameterizedTest
    @EnumSource(value = ActivationName.class, names = {"LEAKY_RELU", "TANH", "ELU"})
    void convCriticGradientMatchesCentralDifferencesOfTheExactLoss(ActivationName activation) {
        ConvNetConfig c = new ConvNetConfig(2, activation, 0.2, false, 0.9, 1e-5, ActivationName.IDENTITY,
                InitName.XAVIER_UNIFORM);
        Net critic = ConvNets.discriminator(c, new long[] {1, 8, 8}, OptimizerConfig.RmsProp.defaults(), 5,
                DataType.DOUBLE);
        Random rnd = new Random(2);
        INDArray real = GradientCheck.random(rnd, 3, 1, 8, 8);
        INDArray fake = GradientCheck.random(rnd, 3, 1, 8, 8);
        INDArray eps = Nd4j.create(new double[] {0.2, 0.6, 0.9}, new long[] {3, 1, 1, 1});
        check(critic, real, fake, GradientPenalty.interpolate(real, fake, eps));
    }

    @Test
    void aCriticWithBatchNormOrDropoutIsRefusedNamingTheLayer() {
        MlpConfig bn = new MlpConfig(List.of(5), ActivationName.LEAKY_RELU, 0.2, true, 0.9, 1e-3, 0,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
        MlpConfig dropout = new MlpConfig(List.of(5), ActivationName.LEAKY_RELU, 0.2, false, 0.9, 1e-3, 0.3,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4);
        for (MlpConfig config : List.of(bn, dropout)) {
            Net critic = Mlp.build(config, 4, 1, OptimizerConfig.RmsProp.defaults(), 3, DataType.DOUBLE);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new GradientPenalty(LAMBDA).backward(critic, x, x, x));
            assertTrue(e.getMessage().contains("layer 1"), e.getMessage());
        }
    }

    @Test
    void interpolatesLieOnTheSegmentBetweenRealAndFake() {
        INDArray real = Nd4j.create(new double[] {1, 1, 2, 2}, new long[] {2, 2});
        INDArray fake = Nd4j.create(new double[] {0, 0, 0, 4}, new long[] {2, 2});
        INDArray eps = Nd4j.create(new double[] {0.25, 0.5}, new long[] {2, 1});
        assertEquals(Nd4j.create(new double[] {0.25, 0.25, 1, 3}, new long[] {2, 2}),
                GradientPenalty.interpolate(real, fake, eps));
    }

    /**
     * A critic whose input gradient is 0 (all weights 0) has penalty λ and no penalty gradient with respect to the
     * weights at that point (PyTorch's norm has a zero subgradient at 0); in float32 as in double, no NaN.
     */
    @Test
    void aZeroInputGradientGivesAFinitePenaltyGradient() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            MlpConfig mlp = new MlpConfig(List.of(3), ActivationName.LEAKY_RELU, 0.2, false, 0.9, 1e-3, 0,
                    ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
            Net critic = Mlp.build(mlp, 4, 1, OptimizerConfig.RmsProp.defaults(), 3, type);
            critic.params().assign(0);
            INDArray x = Nd4j.rand(type, 2, 4);
            GradientPenalty.Update u = new GradientPenalty(LAMBDA).backward(critic, x, x, x);
            assertEquals(LAMBDA, u.penalty(), 1e-6, type.toString());
            assertEquals(0, u.gradientNorm(), 0, type.toString());
            INDArray g = critic.lastGradient();
            double sum = g.castTo(DataType.DOUBLE).sumNumber().doubleValue();
            assertTrue(Double.isFinite(sum), type + ": " + g);
            critic.discardGradient();
        }
    }
}
