package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
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

    /**
     * Copies every instance field of {@code from} declared in {@code type} or its superclasses into {@code to} (a
     * subclass instance of {@code type}): the way to give a subclass the configuration a DL4J builder made when the
     * builder's constructor of the layer class is private.
     */
    static <T> void copyConfiguration(T from, T to, Class<T> type) {
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(to, f.get(from));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy DL4J's layer field " + f.getName(), e);
                }
            }
        }
    }
}
