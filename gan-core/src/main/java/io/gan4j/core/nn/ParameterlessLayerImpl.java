package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward/backward base of a {@link ParameterlessLayer} on images: a convolutional-type layer with no parameters,
 * no noise and no regularisation, whose backward pass yields only the input gradient. A subclass writes
 * {@code activate} and {@code backpropGradient}, returning {@link #inputGradientOnly}.
 *
 * @param <L> the layer's configuration
 */
public abstract class ParameterlessLayerImpl<L extends NoParamLayer> extends AbstractLayer<L> {

    protected ParameterlessLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** A backward pass's result for a layer without parameters: an empty gradient and dL/dinput {@code dx}. */
    protected static Pair<Gradient, INDArray> inputGradientOnly(INDArray dx) {
        return new Pair<>(new DefaultGradient(), dx);
    }

    @Override
    public final boolean isPretrainLayer() {
        return false;
    }

    @Override
    public final void clearNoiseWeightParams() {
        // no parameters
    }

    @Override
    public final Type type() {
        return Type.CONVOLUTIONAL;
    }

    @Override
    public final double calcRegularizationScore(boolean backpropOnlyParams) {
        return 0;
    }
}
