package io.gan4j.core.nn;

import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.loss.AdversarialLossType;
import io.gan4j.core.loss.LossTerm;
import io.gan4j.core.loss.ReconstructionLoss;
import io.gan4j.core.loss.WeightedTerm;
import io.gan4j.core.nn.AdversarialUpdates.Examples;
import io.gan4j.core.nn.AdversarialUpdates.HeadTerm;
import io.gan4j.core.testing.DoublePrecision;
import io.gan4j.core.testing.GradientCheck;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Extra loss terms join the adversarial loss in one update. With plain SGD (rate 0.1) an update moves the parameters
 * by exactly −0.1 × the gradient of the whole objective, so each update is checked against central finite
 * differences of that objective, recomputed here from forward passes only: adversarial loss + λ × term.
 */
@ExtendWith(DoublePrecision.class)
class ExtraTermsTest {
    private static final double LR = 0.1;
    private static final AdversarialLoss LOSS = AdversarialLossType.NON_SATURATING.create();

    /** mean(head ⊙ c) with gradient c / n: a linear stand-in for a head's loss against the code c. */
    private static java.util.function.Function<INDArray, LossTerm> dotWith(INDArray c) {
        return head -> new LossTerm(head.mul(c).sumNumber().doubleValue() / head.length(), c.div(head.length()));
    }

    private static double dot(INDArray head, INDArray c) {
        return head.mul(c).sumNumber().doubleValue() / head.length();
    }

    @Test
    void discriminatorStepDescendsAdversarialLossPlusWeightedHeadTerms() {
        Net d = MultiHeadNetTest.twoHeadGraph(7);
        Net reference = MultiHeadNetTest.twoHeadGraph(7);
        INDArray real = GradientCheck.random(new Random(1), 4, 3);
        INDArray fake = GradientCheck.random(new Random(2), 5, 3);
        INDArray cFake = GradientCheck.random(new Random(3), 5, 2);
        INDArray cReal = GradientCheck.random(new Random(4), 4, 2);
        double lambda = 0.7;
        double mu = 2.5;
        // The objective, from forward passes only (one pass per half: the graph has batch norm).
        Supplier<Double> objective = () -> {
            INDArray[] r = reference.forwardAll(real);
            INDArray[] f = reference.forwardAll(fake);
            return LOSS.discriminatorOnReal(r[0]).value() + LOSS.discriminatorOnFake(f[0]).value()
                    + lambda * dot(f[1], cFake) + mu * dot(r[1], cReal);
        };
        INDArray before = reference.params().dup();
        INDArray numeric = GradientCheck.numericGradient(reference.params(), objective);

        AdversarialUpdates.DiscriminatorUpdate u = AdversarialUpdates.discriminatorStep(d, new INDArray[] {real},
                new INDArray[] {fake}, LOSS, 1.0, List.of(
                        new HeadTerm("q", Examples.FAKE, new WeightedTerm("info", lambda, dotWith(cFake))),
                        new HeadTerm("q", Examples.REAL, new WeightedTerm("aux", mu, dotWith(cReal)))));

        assertEquals(dot(reference.forwardAll(fake)[1], cFake), u.terms().get("info"), 1e-12, "unweighted value");
        assertEquals(dot(reference.forwardAll(real)[1], cReal), u.terms().get("aux"), 1e-12);
        assertEquals(List.of("aux", "info"), List.copyOf(u.terms().keySet()), "real pass first");
        assertMovedBy(d, before, numeric);
    }

    @Test
    void onePassDiscriminatorSplitsHeadTermsBetweenRealAndFakeRows() {
        Net d = mlp(9, 3, 3);           // no batch norm: real and fake go through in one pass
        Net reference = mlp(9, 3, 3);
        INDArray real = GradientCheck.random(new Random(5), 4, 3);
        INDArray fake = GradientCheck.random(new Random(6), 2, 3);
        INDArray c = GradientCheck.random(new Random(7), 2, 3);
        // A single-output D whose "head" is output 0 itself: the term adds to the adversarial error on fake rows only.
        Supplier<Double> objective = () -> {
            INDArray out = reference.forward(Nd4j.concat(0, real, fake));
            INDArray r = out.get(NDArrayIndex.interval(0, 4));
            INDArray f = out.get(NDArrayIndex.interval(4, 6));
            return LOSS.discriminatorOnReal(r).value() + LOSS.discriminatorOnFake(f).value() + 3.0 * dot(f, c);
        };
        INDArray before = reference.params().dup();
        INDArray numeric = GradientCheck.numericGradient(reference.params(), objective);
        AdversarialUpdates.discriminatorStep(d, new INDArray[] {real}, new INDArray[] {fake}, LOSS, 1.0,
                List.of(new HeadTerm("output", Examples.FAKE, new WeightedTerm("t", 3.0, dotWith(c)))));
        assertMovedBy(d, before, numeric);
    }

    @Test
    void generatorStepDescendsAdversarialLossPlusHeadAndOutputTerms() {
        Net g = mlp(11, 2, 3);
        Net gReference = mlp(11, 2, 3);
        Net d = MultiHeadNetTest.twoHeadGraph(12);
        Net dReference = MultiHeadNetTest.twoHeadGraph(12);
        INDArray z = GradientCheck.random(new Random(8), 5, 2);
        INDArray c = GradientCheck.random(new Random(9), 5, 2);
        INDArray target = GradientCheck.random(new Random(10), 5, 3);
        double lambda = 1.3;
        double l2Weight = 4.0;
        Supplier<Double> objective = () -> {
            INDArray fake = gReference.forward(z);
            INDArray[] out = dReference.forwardAll(fake);
            return 0.25 * LOSS.generator(out[0]).value() + lambda * dot(out[1], c)
                    + l2Weight * ReconstructionLoss.L2.compute(fake, target).value();
        };
        INDArray before = gReference.params().dup();
        INDArray numeric = GradientCheck.numericGradient(gReference.params(), objective);
        INDArray dBefore = d.params().dup();

        INDArray fake = g.forward(z);
        AdversarialUpdates.GeneratorUpdate u = AdversarialUpdates.generatorStep(g, d, fake, new INDArray[] {fake},
                LOSS, 0.25, List.of(new HeadTerm("q", Examples.FAKE, new WeightedTerm("info", lambda, dotWith(c)))),
                List.of(new WeightedTerm("l2", l2Weight, ReconstructionLoss.L2.towards(target))));

        assertMovedBy(g, before, numeric);
        assertEquals(dBefore, d.params(), "D does not learn in the generator step");
        assertEquals(List.of("info", "l2"), List.copyOf(u.terms().keySet()));
        assertEquals(LOSS.generator(dReference.forwardAll(gReference.forward(z))[0]).value(), u.loss(), 1e-12,
                "the adversarial loss is reported unweighted");
        assertEquals(ReconstructionLoss.L2.compute(gReference.forward(z), target).value(), u.terms().get("l2"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> AdversarialUpdates.generatorGradient(d,
                new INDArray[] {fake}, LOSS, 1.0, List.of(new HeadTerm("q", Examples.REAL,
                        new WeightedTerm("info", 1, dotWith(c))))), "real examples do not depend on G");
    }

    /**
     * A D that reads {@code [condition, fake]} concatenated on the feature axis (pix2pix's conditional D): only the
     * fake's columns of D's input gradient lead back into G, and the update is left pending until G steps.
     */
    @Test
    void generatorBackwardMapsTheInputGradientToTheFakeAndLeavesTheUpdatePending() {
        Net g = mlp(13, 2, 3);
        Net gReference = mlp(13, 2, 3);
        Net d = mlp(14, 5, 1);
        Net dReference = mlp(14, 5, 1);
        INDArray z = GradientCheck.random(new Random(11), 4, 2);
        INDArray condition = GradientCheck.random(new Random(12), 4, 2);
        INDArray target = GradientCheck.random(new Random(13), 4, 3);
        Supplier<Double> objective = () -> {
            INDArray fake = gReference.forward(z);
            INDArray out = dReference.forward(Nd4j.concat(1, condition, fake));
            return 0.5 * LOSS.generator(out).value() + 3.0 * ReconstructionLoss.L1.compute(fake, target).value();
        };
        INDArray before = gReference.params().dup();
        INDArray numeric = GradientCheck.numericGradient(gReference.params(), objective);

        INDArray fake = g.forward(z);
        AdversarialUpdates.GeneratorUpdate u = AdversarialUpdates.generatorBackward(g, d, fake,
                new INDArray[] {Nd4j.concat(1, condition, fake)},
                dInput -> dInput.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5)).dup(), LOSS, 0.5, List.of(),
                List.of(new WeightedTerm("l1", 3.0, ReconstructionLoss.L1.towards(target))));

        assertEquals(before, g.params(), "nothing applied before G steps");
        assertEquals(ReconstructionLoss.L1.compute(fake, target).value(), u.terms().get("l1"), 1e-12);
        g.step();
        assertMovedBy(g, before, numeric);
    }

    @Test
    void addTermsSumsWeightedGradientsAndRecordsUnweightedValues() {
        INDArray input = GradientCheck.random(new Random(14), 3, 4);
        INDArray a = GradientCheck.random(new Random(15), 3, 4);
        INDArray b = GradientCheck.random(new Random(16), 3, 4);
        java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
        INDArray sum = AdversarialUpdates.addTerms(null, input, List.of(new WeightedTerm("cycle", 10, dotWith(a)),
                new WeightedTerm("idt", 5, dotWith(b))), values);
        // d/dinput of 10·mean(input ⊙ a) + 5·mean(input ⊙ b) = (10a + 5b) / 12
        assertTrue(a.mul(10).add(b.mul(5)).div(12).equalsWithEps(sum, 1e-12), sum.toString());
        assertEquals(List.of("cycle", "idt"), List.copyOf(values.keySet()));
        assertEquals(dot(input, a), values.get("cycle"), 1e-12, "unweighted");
        INDArray joined = AdversarialUpdates.addTerms(sum, input, List.of(new WeightedTerm("x", 12, dotWith(a))),
                new java.util.LinkedHashMap<>());
        assertTrue(joined == sum && a.mul(22).add(b.mul(5)).div(12).equalsWithEps(joined, 1e-12), "added in place");
        assertEquals(null, AdversarialUpdates.addTerms(null, input, List.of(), values));
        assertThrows(IllegalArgumentException.class, () -> AdversarialUpdates.addTerms(null, input,
                List.of(new WeightedTerm("idt", 1, dotWith(a))), values), "a name used twice in one step");
    }

    /** An SGD update moved each learned parameter by −LR × the numeric gradient. */
    private static void assertMovedBy(Net net, INDArray before, INDArray numeric) {
        INDArray moved = net.params().sub(before);
        int checked = 0;
        for (var e : net.asParamTable(moved).entrySet()) {
            if (!Net.isLearned(e.getKey())) {
                continue;
            }
            INDArray expected = net.asParamTable(numeric).get(e.getKey()).mul(-LR);
            assertTrue(expected.equalsWithEps(e.getValue(), 1e-7), e.getKey() + ": expected " + expected
                    + " got " + e.getValue());
            checked++;
        }
        assertTrue(checked >= 4, "parameters checked: " + checked);
    }

    /** in → dense 4 tanh → dense out identity, SGD(LR), one output named "output". */
    private static Net mlp(long seed, int in, int out) {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.DOUBLE).updater(new Sgd(LR)).list()
                .layer(new DenseLayer.Builder().nIn(in).nOut(4).activation(new ActivationTanH()).build())
                .layer(new DenseLayer.Builder().nOut(out).activation(new ActivationIdentity()).build())
                .setInputType(InputType.feedForward(in)).build());
        n.init();
        return Net.of(n);
    }
}
