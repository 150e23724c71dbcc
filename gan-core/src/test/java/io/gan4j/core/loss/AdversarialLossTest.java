package io.gan4j.core.loss;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdversarialLossTest {
    private static final double EXACT = 1e-12;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static INDArray col(double... v) {
        return Nd4j.create(v, new long[] {v.length, 1}, DataType.DOUBLE);
    }

    // Real logits [0, 2], fake logits [-1, 3]; expected values computed by hand (see the formulas in
    // AdversarialLosses): softplus(0) = ln 2, softplus(-2) = 0.126928, softplus(-1) = 0.313262, softplus(3) = 3.048587.
    private final INDArray real = col(0, 2);
    private final INDArray fake = col(-1, 3);

    /**
     * Each loss's terms on the logits above, by hand. Least squares: real mean((0−1)², (2−1)²) = 1, fake
     * mean((−1)², 3²) = 5, G mean((−1−1)², (3−1)²) = 4. Hinge: real mean(relu(1−0), relu(1−2)) = 0.5, fake
     * mean(relu(1−1), relu(1+3)) = 2, G −mean(−1, 3) = −1. Wasserstein: real −mean(0, 2) = −1, fake mean(−1, 3) = 1,
     * G −1. The discriminator's value is always the sum of its two terms.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"NON_SATURATING, 0.4100375958014589, 1.6809245195459825, 0.6809245195459824",
            "LEAST_SQUARES, 1.0, 5.0, 4.0",
            "HINGE, 0.5, 2.0, -1.0",
            "WASSERSTEIN, -1.0, 1.0, -1.0"})
    void valuesByHand(AdversarialLossType type, double realTerm, double fakeTerm, double generator) {
        AdversarialLoss loss = type.create();
        DiscriminatorLoss d = loss.discriminator(real, fake);
        assertEquals(realTerm, d.realTerm(), EXACT);
        assertEquals(fakeTerm, d.fakeTerm(), EXACT);
        assertEquals(realTerm + fakeTerm, d.value(), EXACT);
        assertEquals(generator, loss.generator(fake).value(), EXACT);
    }

    @Test
    void meanScoreIsTheMeanProbabilityOfReal() {
        // mean(sigmoid(0), sigmoid(2)) = (0.5 + 0.880797) / 2
        assertEquals(0.6903985389889411, AdversarialLossType.NON_SATURATING.create().meanScore(real), EXACT);
    }

    @Test
    void minimaxGeneratorIsNegatedFakeTerm() {
        AdversarialLoss loss = AdversarialLossType.MINIMAX.create();
        assertEquals(-1.6809245195459825, loss.generator(fake).value(), EXACT);
        assertEquals(loss.discriminator(real, fake).value(),
                AdversarialLossType.NON_SATURATING.create().discriminator(real, fake).value(), EXACT);
    }

    @Test
    void realIsThePositiveClass() {
        // A discriminator that scores real high and fake low must have a lower loss than the reverse, for every loss.
        INDArray high = col(3, 4);
        INDArray low = col(-3, -4);
        for (AdversarialLossType t : AdversarialLossType.values()) {
            AdversarialLoss loss = t.create();
            assertTrue(loss.discriminator(high, low).value() < loss.discriminator(low, high).value(), t.name());
            assertTrue(loss.generator(high).value() < loss.generator(low).value(), t.name());
        }
    }

    @Test
    void crossEntropyIsFiniteForHugeLogits() {
        INDArray huge = col(1000, -1000);
        for (AdversarialLossType t : new AdversarialLossType[] {AdversarialLossType.MINIMAX, AdversarialLossType.NON_SATURATING}) {
            AdversarialLoss loss = t.create();
            DiscriminatorLoss d = loss.discriminator(huge, huge);
            assertEquals(500.0, d.realTerm(), 1e-9, t.name());   // softplus(-1000) = 0, softplus(1000) = 1000
            assertEquals(500.0, d.fakeTerm(), 1e-9, t.name());
            assertTrue(Double.isFinite(loss.generator(huge).value()));
            for (INDArray g : new INDArray[] {d.gradReal(), d.gradFake(), loss.generator(huge).gradient()}) {
                for (double v : g.toDoubleVector()) {
                    assertTrue(Double.isFinite(v), t.name() + " gradient " + v);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(AdversarialLossType.class)
    void gradientsMatchFiniteDifferences(AdversarialLossType type) {
        AdversarialLoss loss = type.create();
        Random rnd = new Random(7);
        // A PatchGAN-shaped map [N, 1, h, w]: every element is one decision. Keep away from the hinge's kinks.
        INDArray r = randomAwayFromKinks(rnd, 3, 1, 2, 2);
        INDArray f = randomAwayFromKinks(rnd, 2, 1, 2, 2);
        DiscriminatorLoss d = loss.discriminator(r, f);
        assertGradient(d.gradReal(), r, x -> loss.discriminator(x, f).value());
        assertGradient(d.gradFake(), f, x -> loss.discriminator(r, x).value());
        assertGradient(loss.generator(f).gradient(), f, x -> loss.generator(x).value());
    }

    @ParameterizedTest
    @EnumSource(ReconstructionLoss.class)
    void reconstructionValuesAndGradients(ReconstructionLoss type) {
        INDArray pred = Nd4j.create(new double[] {0.5, -0.25, 1.0, 0.0}, new long[] {1, 1, 2, 2}, DataType.DOUBLE);
        INDArray target = Nd4j.create(new double[] {0.0, 0.25, 0.5, 1.0}, new long[] {1, 1, 2, 2}, DataType.DOUBLE);
        ReconstructionLoss.Value v = type.compute(pred, target);
        double expected = type == ReconstructionLoss.L1 ? (0.5 + 0.5 + 0.5 + 1.0) / 4 : (0.25 + 0.25 + 0.25 + 1.0) / 4;
        assertEquals(expected, v.value(), EXACT);
        assertGradient(v.gradient(), pred, x -> type.compute(x, target).value());
    }

    private static INDArray randomAwayFromKinks(Random rnd, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            double v;
            do {
                v = rnd.nextGaussian() * 2;
            } while (Math.abs(Math.abs(v) - 1) < 0.05);
            a.putScalar(i, v);
        }
        return a;
    }

    /** Central differences on every element; the loss must be smooth near the point. */
    static void assertGradient(INDArray analytic, INDArray at, ToDoubleFunction<INDArray> f) {
        double h = 1e-6;
        for (long i = 0; i < at.length(); i++) {
            INDArray plus = at.dup();
            plus.putScalar(i, at.getDouble(i) + h);
            INDArray minus = at.dup();
            minus.putScalar(i, at.getDouble(i) - h);
            double numeric = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
            assertEquals(numeric, analytic.getDouble(i), 1e-7, "element " + i);
        }
    }
}
