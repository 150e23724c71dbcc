package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * {@link OnePassDense}'s layer: DL4J's {@link DenseLayer} without the forward product its backward pass computes
 * again. DL4J 1.0.0-M2.1's {@code BaseLayer.backpropGradient} starts with {@code preOutputWithPreNorm(true, true)},
 * {@code input · W + b} once more, only to hand z to the activation's derivative; the identity's derivative ignores
 * z ({@code ActivationIdentity.backprop(z, g)} returns g once the shapes match), so with the identity (a dense
 * layer that batch norm or an activation layer follows) the backward pass gets dL/dy in z's place. In infogan-mnist
 * the repeated products of D's 6272 → 1024 and G's 1024 → 6272 layers were about 8% of the step (JFR samples of the
 * main thread; benchmarks/RESULTS.md, "Speed, fifth round"). Everything else (layer norm, dropout, weight noise,
 * another activation, a dL/dy not shaped like z) takes DL4J's path, so results are DL4J's bit for bit.
 */
final class OnePassDenseLayer extends DenseLayer {
    /** dL/dy while the layer's backward pass runs, else null. */
    private INDArray epsilon;

    OnePassDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        this.epsilon = epsilon;
        try {
            return super.backpropGradient(epsilon, workspaceMgr);
        } finally {
            this.epsilon = null;
        }
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                            LayerWorkspaceMgr workspaceMgr) {
        if (forBackprop && epsilon != null && skipsProduct()) {
            // preNorm (the second element) is read only with layer norm, which skipsProduct() excludes.
            return new Pair<>(epsilon, null);
        }
        return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
    }

    /** Whether the backward pass may take dL/dy for z: the identity, nothing that changes input or weights. */
    private boolean skipsProduct() {
        org.deeplearning4j.nn.conf.layers.DenseLayer c = layerConf();
        return c.getActivationFn() instanceof ActivationIdentity && !hasLayerNorm() && c.getIDropout() == null
                && c.getWeightNoise() == null && input != null && epsilon.rank() == 2
                && Arrays.equals(epsilon.shape(), new long[] {input.size(0), c.getNOut()});
    }
}
