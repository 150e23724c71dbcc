package io.gan4j.srgan;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
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
 * PReLU with one learned slope per channel (He et al. 2015; PyTorch's {@code nn.PReLU(C)}) as one layer:
 * {@code y = x} where x &gt; 0, else {@code α_c·x}, on images {@code [N, C, H, W]}. The slopes start at
 * {@code initial} (0.25 in SRResNet).
 *
 * <p>SRResNet first built PReLU from five DL4J pieces (a copying ReLU, {@code x − relu(x)}, α as a 1×1 depthwise
 * convolution, a sum; DL4J's own PReLULayer fails in {@code prelu_bp} in M2.1): four activation-sized arrays and
 * seven native passes forward, more backward, 8% of srgan-fashion's step. This layer reads x once and writes y once
 * each way ({@link PReluImpl}). Its parameter keeps the depthwise convolution's key and shape ({@value #ALPHA},
 * {@code [1, 1, C, 1]}) and its place in the flat parameter array, so checkpoints of either form have the same
 * parameter table.
 */
public class PRelu extends FeedForwardLayer {
    /** Parameter key of the slopes (the depthwise convolution's weight key). */
    public static final String ALPHA = "W";

    private double initial = SrResNet.PRELU_INIT;

    /** For JSON deserialisation of saved networks. */
    public PRelu() {
    }

    /** @param initial the slopes' starting value */
    public PRelu(double initial) {
        this.initial = initial;
        this.nIn = 1;
    }

    public double getInitial() {
        return initial;
    }

    public void setInitial(double initial) {
        this.initial = initial;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        PReluImpl layer = new PReluImpl(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return PReluParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new IllegalArgumentException("PReLU needs convolutional input [N, C, H, W], got " + inputType);
        }
        if (nOut == 0 || override) {
            nOut = c.getChannels();
        }
        nIn = 1;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(layerName, PRelu.class, inputType, inputType)
                .standardMemory(nOut, getIUpdater() == null ? 0 : getIUpdater().stateSize(nOut))
                .workingMemory(0, 0, 0, inputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }
}
