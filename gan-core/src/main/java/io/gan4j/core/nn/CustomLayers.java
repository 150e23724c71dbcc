package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/** What DL4J's own layer configurations do with a new layer in {@code instantiate}, for gan4j's custom layers. */
final class CustomLayers {
    private CustomLayers() {
    }

    /**
     * Gives a new layer its listeners, index, parameters and configuration.
     *
     * @param paramsView the layer's slice of the network's flat parameter array
     * @param params     views of {@code paramsView} by parameter name (empty for a layer without parameters)
     */
    static Layer wire(Layer layer, Collection<TrainingListener> listeners, int index, INDArray paramsView,
                      Map<String, INDArray> params, NeuralNetConfiguration conf) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }
}
