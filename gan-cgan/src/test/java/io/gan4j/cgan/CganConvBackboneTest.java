package io.gan4j.cgan;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.nn.AdversarialUpdates;
import io.gan4j.core.nn.ConvNetConfig;
import io.gan4j.core.nn.Net;
import io.gan4j.core.testing.GradientCheck;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The conv backbone: DCGAN's networks with y beside z in G and a projection discriminator. Checks the projection
 * formula D(x, y) = ψ(φ(x)) + ⟨V_y, φ(x)⟩ against the graph's own intermediate activations, that the label moves
 * both networks, and every gradient against central differences in double precision.
 */
class CganConvBackboneTest {
    private static final int CLASSES = 3;
    private static final DataSpec SPEC = new DataSpec(new long[] {1, 28, 28}, CLASSES, DataKind.LABELLED, "tiny");

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** The conv backbone at width 2 and latent size 4. */
    static CganModel tinyModel() {
        CganConfig d = CganConfig.defaults();
        CganConfig c = new CganConfig(CganConfig.Backbone.CONV, 4, d.latent(), CganConfig.LabelEncoding.ONE_HOT, 2,
                d.generator(), d.discriminator(), ConvNetConfig.dcganGenerator(2), ConvNetConfig.dcganDiscriminator(2),
                d.loss(), d.generatorOptimizer(), d.discriminatorOptimizer());
        return new CganModel(new ModelContext(c, SPEC, new Seeds(7), DataType.DOUBLE));
    }

    private static INDArray labelMap(CganModel m, int... labels) {
        return m.oneHot(labels).reshape(labels.length, CLASSES, 1, 1);
    }

    @Test
    void logitIsTheUnconditionalTermPlusTheScoreOfTheExamplesClass() {
        CganModel m = tinyModel();
        Net d = m.networks().get("discriminator");
        ComputationGraph graph = (ComputationGraph) d.model();
        INDArray x = GradientCheck.random(new Random(2), 3, 1, 28, 28);
        int[] labels = {2, 0, 1};
        Map<String, INDArray> acts = graph.feedForward(new INDArray[] {x, labelMap(m, labels)}, false);
        INDArray logits = m.discriminate(x, labels);
        assertArrayEquals(new long[] {3, 1}, logits.shape());
        for (int i = 0; i < 3; i++) {
            double psi = acts.get("psi").getDouble(i, 0, 0, 0);
            double score = acts.get("classScores").getDouble(i, labels[i], 0, 0);
            assertEquals(psi + score, logits.getDouble(i, 0), 1e-12, "example " + i);
        }
        assertNotEquals(logits, m.discriminate(x, new int[] {1, 2, 0}), "D's logit depends on y");
    }

    @Test
    void generatorOutputIsAnImageAndChangesWithTheLabel() {
        CganModel m = tinyModel();
        INDArray z = GradientCheck.random(new Random(1), 2, 4);
        INDArray asZero = m.generate(z, new int[] {0, 0});
        assertArrayEquals(new long[] {2, 1, 28, 28}, asZero.shape());
        INDArray asTwo = m.generate(z, new int[] {2, 2});
        for (int i = 0; i < 2; i++) {
            assertNotEquals(asZero.get(NDArrayIndex.point(i)), asTwo.get(NDArrayIndex.point(i)), "example " + i);
        }
    }

    @Test
    void discriminatorGradientsMatchFiniteDifferences() {
        CganModel m = tinyModel();
        GradientCheck.check(m.networks().get("discriminator"), 60,
                GradientCheck.random(new Random(3), 3, 1, 28, 28), labelMap(m, 1, 0, 2));
    }

    @Test
    void generatorGradientsMatchFiniteDifferences() {
        CganModel m = tinyModel();
        INDArray input = Nd4j.concat(1, GradientCheck.random(new Random(4), 3, 4), m.oneHot(new int[] {2, 2, 0}))
                .reshape(3, 4 + CLASSES, 1, 1);
        GradientCheck.check(m.networks().get("generator"), 30, input);
    }

    /** dL_G/dθ_G from {@code g.backward(generatorGradient(d, [G(z, y), y]))} against differences of L_G. */
    @Test
    void generatorLossGradientThroughTheProjectionDiscriminatorMatchesFiniteDifferences() {
        CganModel m = tinyModel();
        Net g = m.networks().get("generator");
        Net d = m.networks().get("discriminator");
        // Biases start at 0, so wherever G's ReLUs feed its last layer only zeros the pixel is exactly 0, D's
        // first convolution sees an all-zero patch and its LeakyReLU sits exactly on the kink, where a central
        // difference averages the two slopes. Nudging every parameter moves all units off the kink.
        g.params().addi(GradientCheck.random(new Random(6), g.params().shape()).muli(1e-2));
        d.params().addi(GradientCheck.random(new Random(7), d.params().shape()).muli(1e-2));
        AdversarialLoss loss = CganConfig.defaults().loss().create();
        int[] labels = {0, 2, 1, 2};
        INDArray y = labelMap(m, labels);
        INDArray z = Nd4j.concat(1, GradientCheck.random(new Random(5), 4, 4), m.oneHot(labels))
                .reshape(4, 4 + CLASSES, 1, 1);

        INDArray fake = g.forward(z);
        g.backward(AdversarialUpdates.generatorGradient(d, new INDArray[] {fake, y}, loss).dLdFake());
        INDArray analytic = g.lastGradient().dup();
        g.discardGradient();

        GradientCheck.checkParameters(g, analytic, 10, () -> loss.generator(d.forward(g.forward(z), y)[0]).value());
    }

    /** The projection discriminator starts as DCGAN's reference code starts its D: batch-norm scales ~ N(1, 0.02). */
    @Test
    void projectionDiscriminatorStartsWithTheReferenceBatchNormScales() {
        Net d = ProjectionDiscriminator.build(ConvNetConfig.dcganDiscriminator(64), new long[] {1, 28, 28}, 10,
                io.gan4j.core.nn.OptimizerConfig.Adam.of(2e-4, 0.5), 3, DataType.DOUBLE);
        INDArray gamma = d.paramTable().get("features3_gamma");
        assertEquals(128, gamma.length());
        // 128 values: mean within 5 standard errors of 1, standard deviation within 50% of 0.02.
        assertEquals(1, gamma.meanNumber().doubleValue(), 5 * 0.02 / Math.sqrt(128));
        assertEquals(0.02, gamma.stdNumber().doubleValue(), 0.01);
    }
}
