package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * DL4J's 2-D {@link ConvolutionLayer} (input {@code [N, Cin, H, W]}, weights {@code [Cout, Cin, kH, kW]}, bias
 * {@code [1, Cout]}) whose backward pass does not compute the forward pass again ({@link KeptPreActivation}).
 * Parameters, initialisation, the oneDNN helper and the arithmetic of both passes are DL4J's, so checkpoints and
 * saved networks load either way: a network saved with DL4J's class keeps it.
 */
public class OnePassConvolution2D extends ConvolutionLayer {
    /** For JSON deserialisation of saved networks. */
    public OnePassConvolution2D() {
        super();
    }

    /** The layer {@code builder} describes (kernel, stride, padding, channels, bias, activation). */
    public OnePassConvolution2D(ConvolutionLayer.Builder builder) {
        super(validated(builder));
    }

    /** {@code builder} after the checks of DL4J's {@code build()} (kernel, stride, padding, convolution mode). */
    private static ConvolutionLayer.Builder validated(ConvolutionLayer.Builder builder) {
        builder.build();
        return builder;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("OnePassConvolution2D", getLayerName(), layerIndex, getNIn(), getNOut());
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        return CustomLayers.wire(new OnePassConvolutionLayer(conf, networkDataType), listeners, layerIndex,
                layerParamsView, params, conf);
    }
}
