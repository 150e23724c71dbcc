package io.gan4j.cgan;

import io.gan4j.core.api.ConditionalGanModel;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.LatentDistribution;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.SampleGrid;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.api.StepRandom;
import io.gan4j.core.nn.ActivationName;
import io.gan4j.core.nn.InitName;
import io.gan4j.core.nn.MlpConfig;
import io.gan4j.core.nn.Net;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The label reaches both networks: G's output changes with y for a fixed z, D's logit and its gradient depend on
 * y, and the gradients through the two-input graphs match central differences (double precision).
 */
class CganConditioningTest {
    private static final int CLASSES = 3;
    private static final DataSpec SPEC = new DataSpec(new long[] {1, 4, 4}, CLASSES, DataKind.LABELLED, "tiny");

    static CganModel model(CganConfig.LabelEncoding encoding) {
        CganConfig d = CganConfig.defaults();
        MlpConfig g = new MlpConfig(List.of(6), ActivationName.LEAKY_RELU, 0.2, true, 0.8, 1e-3, 0.0,
                ActivationName.TANH, InitName.XAVIER_UNIFORM);
        MlpConfig dis = new MlpConfig(List.of(5), ActivationName.TANH, 0.2, false, 0.8, 1e-3, 0.0,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
        CganConfig c = new CganConfig(CganConfig.Backbone.MLP, 3, LatentDistribution.NORMAL, encoding, 2, g, dis,
                d.convGenerator(), d.convDiscriminator(), d.loss(), d.generatorOptimizer(), d.discriminatorOptimizer());
        return new CganModel(new ModelContext(c, SPEC, new Seeds(7), DataType.DOUBLE));
    }

    private static INDArray random(Random rnd, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, rnd.nextGaussian());
        }
        return a;
    }

    @ParameterizedTest
    @EnumSource(CganConfig.LabelEncoding.class)
    void generatorOutputChangesWithTheLabelForFixedZ(CganConfig.LabelEncoding encoding) {
        CganModel m = model(encoding);
        INDArray z = new StepRandom(1).gaussian(DataType.DOUBLE, 4, 3);
        INDArray asZero = m.generate(z, new int[] {0, 0, 0, 0});
        INDArray asOne = m.generate(z, new int[] {1, 1, 1, 1});
        assertArrayEquals(SPEC.batchShape(4), asZero.shape());
        for (int i = 0; i < 4; i++) {
            assertNotEquals(asZero.get(NDArrayIndex.point(i)), asOne.get(NDArrayIndex.point(i)), "example " + i);
        }
        // sample() uses the same codes whatever the labels: only the class changes
        assertEquals(asOne, m.sample(4, new int[] {1, 1, 1, 1}, 1));
        assertEquals(m.generate(z, new int[] {2, 0, 1, 2}), m.sample(4, new int[] {2, 0, 1, 2}, 1));
    }

    @ParameterizedTest
    @EnumSource(CganConfig.LabelEncoding.class)
    void discriminatorSeesTheLabelAndItsGradientsMatchFiniteDifferences(CganConfig.LabelEncoding encoding) {
        CganModel m = model(encoding);
        Net d = m.networks().get("discriminator");
        Random rnd = new Random(3);
        INDArray x = random(rnd, 2, 16);
        int[] labels = {0, 2};
        assertNotEquals(m.discriminate(x, labels), m.discriminate(x, new int[] {1, 1}), "D's logit depends on y");

        INDArray y = m.oneHot(labels);
        INDArray w = random(rnd, 2, 1);
        d.forward(x, y);
        INDArray[] grads = d.backwardInput(new INDArray[] {w});
        assertTrue(grads[1].norm2Number().doubleValue() > 1e-6, "dD/dy is non-zero: " + grads[1]);
        INDArray[] inputs = {x, y};
        double h = 1e-6;
        for (int k = 0; k < 2; k++) {
            for (long i = 0; i < inputs[k].length(); i++) {
                double v = inputs[k].getDouble(i);
                inputs[k].putScalar(i, v + h);
                double up = d.outputs(inputs)[0].mul(w).sumNumber().doubleValue();
                inputs[k].putScalar(i, v - h);
                double down = d.outputs(inputs)[0].mul(w).sumNumber().doubleValue();
                inputs[k].putScalar(i, v);
                assertEquals((up - down) / (2 * h), grads[k].getDouble(i), 1e-7, "input " + k + "[" + i + "]");
            }
        }
        // parameter gradients through the merge vertex, the embedding included
        d.forward(x, y);
        d.backward(w);
        INDArray analytic = d.lastGradient().dup();
        d.discardGradient();
        INDArray params = d.params();
        for (long i = 0; i < params.length(); i++) {
            double v = params.getDouble(i);
            params.putScalar(i, v + h);
            double up = d.outputs(x, y)[0].mul(w).sumNumber().doubleValue();
            params.putScalar(i, v - h);
            double down = d.outputs(x, y)[0].mul(w).sumNumber().doubleValue();
            params.putScalar(i, v);
            assertEquals((up - down) / (2 * h), analytic.getDouble(i), 1e-7, "param " + i);
        }
    }

    @Test
    void sampleGridHasOneRowPerClassWithSharedCodesPerColumn() {
        CganModel m = model(CganConfig.LabelEncoding.ONE_HOT);
        SampleGrid grid = m.sampleGrid(5, 4, 11);
        assertEquals(CLASSES, grid.rows());
        assertEquals(4, grid.cols());
        assertArrayEquals(new String[] {"0", "1", "2"}, grid.rowLabels());
        INDArray z = new StepRandom(11).gaussian(DataType.DOUBLE, 4, 3);
        for (int k = 0; k < CLASSES; k++) {
            INDArray row = grid.images().get(NDArrayIndex.interval(k * 4, (k + 1) * 4));
            assertEquals(m.generate(z, new int[] {k, k, k, k}), row, "row " + k);
        }
    }

    @Test
    void unconditionalSamplesAreBalancedAndBadLabelsAreRejected() {
        CganModel m = model(CganConfig.LabelEncoding.ONE_HOT);
        assertEquals(m.sample(7, ConditionalGanModel.balancedLabels(7, CLASSES), 3), m.sample(7, 3));
        assertThrows(IllegalArgumentException.class, () -> m.sample(2, new int[] {0, 3}, 1));
        assertThrows(IllegalArgumentException.class, () -> m.sample(2, new int[] {0}, 1));
        assertThrows(IllegalArgumentException.class, () -> m.generate(Nd4j.zeros(DataType.DOUBLE, 2, 3), null));
    }
}
