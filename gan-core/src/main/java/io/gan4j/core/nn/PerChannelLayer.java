package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * Configuration base of a custom DL4J layer that maps images {@code [N, C, H, W]} to images of the same shape with a
 * few learned parameters per channel (instance normalisation's γ and β, PReLU's slope): C ({@code nOut}) comes from
 * the input type unless given, {@code nIn} is 1, no input pre-processor, and the memory report counts the per-channel
 * parameters and one activation-sized working array per example (the backward pass's input gradient; both layers'
 * passes are written out element by element and keep nothing else).
 *
 * <p>A subclass gives its parameter initialiser, the layer, its own fields with getters and setters (DL4J saves a
 * network's layer configurations as JSON naming the class and its fields; this base adds none, so a saved network's
 * form is unchanged by it), and where the initialiser leaves parameters unset, their starting values
 * ({@link #initialValues}).
 */
public abstract class PerChannelLayer extends FeedForwardLayer {

    /** For JSON deserialisation of saved networks. */
    protected PerChannelLayer() {
    }

    /**
     * The layer itself, given the network's configuration of this layer and the network's data type; the caller
     * wires in listeners, index and parameters.
     */
    protected abstract Layer newLayer(NeuralNetConfiguration conf, DataType networkDataType);

    /** The layer as a user reads it in an error message ("instance normalisation", "PReLU"). */
    protected abstract String layerDescription();

    /** Learned parameters per channel: the memory report's parameter count is this times C. */
    protected abstract int parametersPerChannel();

    /**
     * Sets the starting values of a freshly initialised layer's parameters (views into the network's flat array, by
     * key); called only when the network initialises its parameters, not when it loads saved ones. Nothing by default.
     */
    protected void initialValues(Map<String, INDArray> params) {
    }

    @Override
    public final Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                                   INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        if (initializeParams) {
            initialValues(params);
        }
        return CustomLayers.wire(newLayer(conf, networkDataType), listeners, layerIndex, layerParamsView, params,
                conf);
    }

    @Override
    public final InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public final void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeConvolutional c = ParameterlessLayer.images(inputType, layerDescription());
        if (nOut == 0 || override) {
            nOut = c.getChannels();
        }
        nIn = 1;
    }

    @Override
    public final InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public final LayerMemoryReport getMemoryReport(InputType inputType) {
        long params = parametersPerChannel() * nOut;
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, inputType)
                .standardMemory(params, getIUpdater() == null ? 0 : getIUpdater().stateSize(params))
                .workingMemory(0, 0, 0, inputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }
}
