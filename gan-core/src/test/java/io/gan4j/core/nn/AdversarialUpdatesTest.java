package io.gan4j.core.nn;

import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.loss.AdversarialLossType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scaled discriminator step (pix2pix halves D's loss) is the plain step on scale × the loss: with plain SGD every
 * learned parameter moves by exactly scale times as much, and the reported loss terms are scaled while the scores
 * are not. Checked on both paths, one pass over [real; fake] and separate passes for a D with batch norm.
 */
class AdversarialUpdatesTest {

    private static Net discriminator(boolean batchNorm) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(5).activation(new ActivationTanH()).build());
        if (batchNorm) {
            list.layer(new BatchNormalization.Builder().nOut(5).build());
        }
        list.layer(new DenseLayer.Builder().nOut(1).activation(new ActivationIdentity()).build());
        MultiLayerNetwork n = new MultiLayerNetwork(list.setInputType(
                org.deeplearning4j.nn.conf.inputs.InputType.feedForward(3)).build());
        n.init();
        return Net.of(n);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aScaledStepMovesTheParametersByScaleTimesThePlainStep(boolean batchNorm) {
        AdversarialLoss loss = AdversarialLossType.NON_SATURATING.create();
        INDArray real = Nd4j.rand(DataType.DOUBLE, 6, 3);
        INDArray fake = Nd4j.rand(DataType.DOUBLE, 6, 3).subi(0.5);
        Net plain = discriminator(batchNorm);
        Net half = discriminator(batchNorm);
        assertEquals(batchNorm, plain.hasBatchNorm());
        Map<String, INDArray> before = Map.copyOf(copy(plain.paramTable()));

        AdversarialUpdates.DiscriminatorUpdate p = AdversarialUpdates.discriminatorStep(plain,
                new INDArray[] {real.dup()}, new INDArray[] {fake.dup()}, loss);
        AdversarialUpdates.DiscriminatorUpdate h = AdversarialUpdates.discriminatorStep(half,
                new INDArray[] {real.dup()}, new INDArray[] {fake.dup()}, loss, 0.5);

        assertEquals(0.5 * p.loss(), h.loss(), 1e-12);
        assertEquals(0.5 * p.realTerm(), h.realTerm(), 1e-12);
        assertEquals(p.realScore(), h.realScore(), 1e-12, "scores are D's outputs, not scaled");
        int checked = 0;
        for (Map.Entry<String, INDArray> e : before.entrySet()) {
            if (!Net.isLearned(e.getKey())) {
                continue;
            }
            INDArray movedPlain = plain.paramTable().get(e.getKey()).sub(e.getValue());
            INDArray movedHalf = half.paramTable().get(e.getKey()).sub(e.getValue());
            assertTrue(movedPlain.norm2Number().doubleValue() > 0, e.getKey() + " moved");
            assertTrue(movedPlain.mul(0.5).equalsWithEps(movedHalf, 1e-12), e.getKey());
            checked++;
        }
        assertTrue(checked >= 4);
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> params) {
        java.util.Map<String, INDArray> m = new java.util.LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, v.dup()));
        return m;
    }
}
