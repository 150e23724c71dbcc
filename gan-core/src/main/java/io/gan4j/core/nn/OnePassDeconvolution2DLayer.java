package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link OnePassDeconvolution2D}'s layer: DL4J's {@link Deconvolution2DLayer} with the pre-activation of the backward
 * pass taken from {@link KeptPreActivation} instead of a second {@code deconv2d} op.
 */
final class OnePassDeconvolution2DLayer extends Deconvolution2DLayer {
    private final KeptPreActivation kept = new KeptPreActivation();

    OnePassDeconvolution2DLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return kept.backward(epsilon, () -> super.backpropGradient(epsilon, workspaceMgr));
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        return kept.preOutput(training, forBackprop, input, layerConf().getActivationFn(),
                layerConf().getCnn2dDataFormat(), backprop -> super.preOutput(training, backprop, workspaceMgr));
    }
}
