package io.gan4j.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@link Net#setLearningRate} with gan4j's updaters: the next update uses the new rate exactly as a network built with
 * it would (Adam's moments kept), and changing it allocates nothing native (DL4J's own path rebuilt the updater and
 * its state array on every call).
 */
class NetLearningRateTest {
    private static Net mlp(double lr) {
        MlpConfig config = new MlpConfig(List.of(32, 32), ActivationName.TANH, 0.2, false, 0.8, 1e-3, 0.0,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
        return Mlp.build(config, 8, 2, new OptimizerConfig.Adam(lr, 0.5, 0.999, 1e-8), 3, DataType.FLOAT);
    }

    private static void update(Net net, INDArray x, INDArray error) {
        INDArray out = net.forward(x);
        net.backwardParameters(error);
        out.close();
        net.step();
    }

    @Test
    void aChangedRateActsAsIfBuiltWithItAndAllocatesNothing() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 8);
        INDArray error = Nd4j.rand(DataType.FLOAT, 16, 2).subi(0.5).divi(16);
        Net changed = mlp(1e-3);
        Net built = mlp(1e-3);
        update(changed, x, error);
        update(built, x, error);
        // The same two first updates; then the rate drops to a quarter on one and the other is rebuilt's equivalent:
        // DL4J's own path (kept for other updaters) on a third network.
        Net dl4jPath = mlp(1e-3);
        update(dl4jPath, x, error);
        long before = Nd4j.getDeallocatorService().nextValue();
        for (int i = 0; i < 50; i++) {
            changed.setLearningRate(2.5e-4);
        }
        long registrations = Nd4j.getDeallocatorService().nextValue() - before - 1;
        assertEquals(0, registrations, "native buffers made by 50 learning-rate changes");
        if (dl4jPath.model() instanceof org.deeplearning4j.nn.multilayer.MultiLayerNetwork m) {
            m.setLearningRate(2.5e-4);
        } else {
            ((org.deeplearning4j.nn.graph.ComputationGraph) dl4jPath.model()).setLearningRate(2.5e-4);
        }
        update(changed, x, error);
        update(dl4jPath, x, error);
        assertEquals(dl4jPath.params(), changed.params(), "the update after the change, against DL4J's rebuild");
        update(built, x, error);
        assertNotEquals(built.params(), changed.params(), "the rate did change");
    }
}
