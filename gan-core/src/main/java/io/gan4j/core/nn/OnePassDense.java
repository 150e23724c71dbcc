package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * DL4J's fully connected {@link DenseLayer} (input {@code [N, nIn]}, weights {@code [nIn, nOut]}, bias {@code [1,
 * nOut]}) whose backward pass does not compute the forward product again when its activation is the identity
 * ({@link OnePassDenseLayer}). Parameters, initialisation and the arithmetic of both passes are DL4J's, so
 * checkpoints and saved networks load either way: a network saved with DL4J's class keeps it.
 */
public class OnePassDense extends DenseLayer {
    /** For JSON deserialisation of saved networks. */
    public OnePassDense() {
        super();
    }

    /**
     * The layer {@code builder} describes (widths, bias, activation, initialisation), built by DL4J and copied field
     * by field: DL4J's {@code DenseLayer(Builder)} constructor is private, so a subclass cannot call it.
     */
    public static OnePassDense of(DenseLayer.Builder builder) {
        OnePassDense layer = new OnePassDense();
        CustomLayers.copyConfiguration(builder.build(), layer, DenseLayer.class);
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("OnePassDense", getLayerName(), layerIndex, getNIn(), getNOut());
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        return CustomLayers.wire(new OnePassDenseLayer(conf, networkDataType), listeners, layerIndex,
                layerParamsView, params, conf);
    }
}
