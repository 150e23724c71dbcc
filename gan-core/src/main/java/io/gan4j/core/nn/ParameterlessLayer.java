package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Configuration base of a custom DL4J layer without parameters that rearranges or pads images
 * {@code [N, C, H, W]}: it builds the layer with {@link #newLayer}, wires it into the network, asks for no input
 * pre-processor and reports no memory beyond its output. A subclass gives its own fields with getters and setters
 * (DL4J saves a network's layer configurations as JSON naming the class and its fields; this base adds none, so a
 * subclass's saved form is its own fields only), {@link #getOutputType} and the layer.
 */
public abstract class ParameterlessLayer extends NoParamLayer {

    /** For JSON deserialisation of saved networks. */
    protected ParameterlessLayer() {
    }

    /**
     * The layer itself, given the network's configuration of this layer and the network's data type; the caller
     * wires in listeners, index and the (empty) parameter table.
     */
    protected abstract Layer newLayer(NeuralNetConfiguration conf, DataType networkDataType);

    @Override
    public final Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                   int layerIndex, INDArray layerParamsView, boolean initializeParams,
                                   DataType networkDataType) {
        return CustomLayers.wire(newLayer(conf, networkDataType), listeners, layerIndex, layerParamsView,
                initializer().init(conf, layerParamsView, initializeParams), conf);
    }

    /**
     * {@code inputType} as images, or an exception naming {@code what} (the layer, as a user reads it) and the
     * input found.
     */
    protected static InputType.InputTypeConvolutional images(InputType inputType, String what) {
        if (inputType instanceof InputType.InputTypeConvolutional c) {
            return c;
        }
        throw new IllegalArgumentException(what + " needs convolutional input [N, C, H, W], got " + inputType);
    }

    @Override
    public final InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    /** No parameters, no working or cache memory: only the output, which the network counts. */
    @Override
    public final LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, out)
                .standardMemory(0, 0)
                .workingMemory(0, 0, MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }
}
