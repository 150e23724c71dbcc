package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * Instance normalisation (Ulyanov, Vedaldi &amp; Lempitsky 2016, "Instance Normalization: The Missing Ingredient for
 * Fast Stylization"), which DL4J 1.0.0-M2.1 lacks: each example's each channel is normalised over its own H × W
 * positions, {@code y = γ_c (x − μ_{n,c}) / sqrt(σ²_{n,c} + ε) + β_c} (σ² the biased variance; {@code max(0, y)} with
 * the fused ReLU), the same in training
 * and inference (no running statistics, so a translation does not depend on the rest of its batch). γ starts at 1
 * and β at 0, both learned per channel ({@code affine=True} in PyTorch's {@code InstanceNorm2d}).
 *
 * <p>Input and output {@code [N, C, H, W]}. The parameters are stored as DL4J's standard dense pair, γ under
 * {@value #GAMMA} ({@code [1, C]}) and β under {@value #BETA} ({@code [1, C]}), so DL4J's updaters, serialisation
 * and gradient views need nothing new; forward and backward are written out in {@link InstanceNormalizationImpl}
 * (checked against finite differences in the tests). A SameDiff layer was tried first: DL4J M2.1's
 * {@code SameDiffLayer} returned twice the true input and parameter gradients.
 */
public class InstanceNormalization extends FeedForwardLayer {
    /** Parameter key of γ, the per-channel scale. */
    public static final String GAMMA = DefaultParamInitializer.WEIGHT_KEY;
    /** Parameter key of β, the per-channel shift. */
    public static final String BETA = DefaultParamInitializer.BIAS_KEY;

    private double epsilon = 1e-5;
    /**
     * Whether a ReLU follows, computed in the same pass ({@code max(0, y)} forward, the gradient kept where the output
     * is positive backward): one activation-sized array and two passes fewer than a separate activation layer.
     * False in networks saved before it existed.
     */
    private boolean relu;

    /** For JSON deserialisation of saved networks. */
    public InstanceNormalization() {
    }

    /**
     * @param channels C, or 0 to take it from the input type
     * @param epsilon  added to the variance
     */
    public InstanceNormalization(long channels, double epsilon) {
        this(channels, epsilon, false);
    }

    /**
     * @param channels C, or 0 to take it from the input type
     * @param epsilon  added to the variance
     * @param relu     whether the layer's output is {@code max(0, y)} (a fused ReLU)
     */
    public InstanceNormalization(long channels, double epsilon, boolean relu) {
        this.nIn = 1;
        this.nOut = channels;
        this.epsilon = epsilon;
        this.relu = relu;
    }

    public boolean isRelu() {
        return relu;
    }

    public void setRelu(boolean relu) {
        this.relu = relu;
    }

    public double getEpsilon() {
        return epsilon;
    }

    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        if (initializeParams) {
            params.get(GAMMA).assign(1);
            params.get(BETA).assign(0);
        }
        return CustomLayers.wire(new InstanceNormalizationImpl(conf, networkDataType), listeners, layerIndex,
                layerParamsView, params, conf);
    }

    @Override
    public ParamInitializer initializer() {
        return DefaultParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new IllegalArgumentException("instance normalisation needs convolutional input [N, C, H, W], got "
                    + inputType);
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
        long params = 2 * nOut;
        return new LayerMemoryReport.Builder(layerName, InstanceNormalization.class, inputType, inputType)
                .standardMemory(params, getIUpdater() == null ? 0 : getIUpdater().stateSize(params))
                .workingMemory(0, 0, 0, 3 * inputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }
}
