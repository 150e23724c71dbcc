package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * DL4J's {@link Deconvolution2D} (transposed convolution; input {@code [N, Cin, H, W]}, weights {@code [Cin, Cout,
 * kH, kW]}, bias {@code [1, Cout]}, output {@code [N, Cout, s·(H−1) + kH − 2p, ...]} in Truncate mode) whose backward
 * pass does not compute the forward pass again ({@link KeptPreActivation}). Parameters, their layout, initialisation
 * and the arithmetic of both passes are DL4J's (the same libnd4j {@code deconv2d} and {@code deconv2d_bp} ops), so
 * checkpoints and saved networks load either way: a network saved with DL4J's class keeps it.
 */
public class OnePassDeconvolution2D extends Deconvolution2D {
    /** For JSON deserialisation of saved networks. */
    public OnePassDeconvolution2D() {
        super();
    }

    /** The layer {@code builder} describes (kernel, stride, padding, channels, bias, activation). */
    public OnePassDeconvolution2D(Deconvolution2D.Builder builder) {
        super(validated(builder));
    }

    /** {@code builder} after the checks of DL4J's {@code build()} (kernel, stride, padding, convolution mode). */
    private static Deconvolution2D.Builder validated(Deconvolution2D.Builder builder) {
        builder.build();
        return builder;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("OnePassDeconvolution2D", getLayerName(), layerIndex, getNIn(), getNOut());
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        return CustomLayers.wire(new OnePassDeconvolution2DLayer(conf, networkDataType), listeners, layerIndex,
                layerParamsView, params, conf);
    }
}
