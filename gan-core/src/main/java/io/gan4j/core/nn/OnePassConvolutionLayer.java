package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link OnePassConvolution2D}'s layer: DL4J's {@link ConvolutionLayer} (with its oneDNN helper where DL4J gives it
 * one) with the pre-activation of the backward pass taken from {@link KeptPreActivation} instead of a second
 * convolution. Without a helper DL4J's backward pass also reuses the forward pass's im2col columns when it computes
 * z again; taking z from here it builds them once more instead (one im2col, no GEMM).
 */
final class OnePassConvolutionLayer extends ConvolutionLayer {
    private final KeptPreActivation kept = new KeptPreActivation();

    OnePassConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
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
