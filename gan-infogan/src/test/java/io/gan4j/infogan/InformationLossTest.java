package io.gan4j.infogan;

import io.gan4j.core.loss.LossTerm;
import io.gan4j.core.testing.DoublePrecision;
import io.gan4j.core.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** L_I's two parts against hand-worked values and central finite differences. */
@ExtendWith(DoublePrecision.class)
class InformationLossTest {

    @Test
    void categoricalCrossEntropyByHand() {
        // Logits (0, ln 3): softmax (1/4, 3/4). Row 1 drew value 0: −ln(1/4) = ln 4; row 2 value 1: −ln(3/4).
        INDArray logits = Nd4j.createFromArray(new double[][] {{0, Math.log(3)}, {0, Math.log(3)}});
        INDArray c = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}});
        LossTerm t = InformationLoss.categorical(logits, c);
        assertEquals((Math.log(4) + Math.log(4.0 / 3)) / 2, t.value(), 1e-12);
        // (softmax − onehot) / N
        INDArray expected = Nd4j.createFromArray(new double[][] {{-0.375, 0.375}, {0.125, -0.125}});
        assertTrue(expected.equalsWithEps(t.gradient(), 1e-12), t.gradient().toString());
        // Large logits stay finite (log-sum-exp with the maximum taken out).
        LossTerm big = InformationLoss.categorical(Nd4j.createFromArray(new double[][] {{1000, 0}}),
                Nd4j.createFromArray(new double[][] {{0, 1}}));
        assertEquals(1000, big.value(), 1e-9);
    }

    @Test
    void gaussianNegativeLogLikelihoodByHand() {
        // μ = (0.5, 0), c = (−0.5, 2): ½·1 + ½·4 + 2·½ln 2π per row; one row.
        LossTerm t = InformationLoss.gaussian(Nd4j.createFromArray(new double[][] {{0.5, 0}}),
                Nd4j.createFromArray(new double[][] {{-0.5, 2}}));
        assertEquals(2.5 + Math.log(2 * Math.PI), t.value(), 1e-12);
        assertTrue(Nd4j.createFromArray(new double[][] {{1, -2}}).equalsWithEps(t.gradient(), 1e-12));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random rnd = new Random(4);
        INDArray logits = GradientCheck.random(rnd, 5, 4).muli(3);
        INDArray c = Nd4j.zeros(DataType.DOUBLE, 5, 4);
        for (int i = 0; i < 5; i++) {
            c.putScalar(i, rnd.nextInt(4), 1.0);
        }
        INDArray numeric = GradientCheck.numericGradient(logits, () -> InformationLoss.categorical(logits, c).value());
        assertTrue(numeric.equalsWithEps(InformationLoss.categorical(logits, c).gradient(), 1e-8));
        INDArray mean = GradientCheck.random(rnd, 5, 2);
        INDArray codes = GradientCheck.random(rnd, 5, 2);
        INDArray numericMean = GradientCheck.numericGradient(mean, () -> InformationLoss.gaussian(mean, codes).value());
        assertTrue(numericMean.equalsWithEps(InformationLoss.gaussian(mean, codes).gradient(), 1e-8));
    }

    @Test
    void theGradientKeepsTheHeadsTypeAndShapesMustAgree() {
        INDArray logits = Nd4j.zeros(DataType.FLOAT, 2, 3);
        assertEquals(DataType.FLOAT, InformationLoss.categorical(logits, Nd4j.zeros(DataType.FLOAT, 2, 3)).gradient()
                .dataType());
        assertThrows(IllegalArgumentException.class,
                () -> InformationLoss.categorical(logits, Nd4j.zeros(DataType.FLOAT, 2, 4)));
    }
}
