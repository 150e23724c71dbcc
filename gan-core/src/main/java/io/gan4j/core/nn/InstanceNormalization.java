package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

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
public class InstanceNormalization extends PerChannelLayer {
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
    protected Layer newLayer(NeuralNetConfiguration conf, DataType networkDataType) {
        return new InstanceNormalizationImpl(conf, networkDataType);
    }

    /** γ = 1 and β = 0, as PyTorch's {@code InstanceNorm2d(affine=True)} starts. */
    @Override
    protected void initialValues(Map<String, INDArray> params) {
        params.get(GAMMA).assign(1);
        params.get(BETA).assign(0);
    }

    @Override
    public ParamInitializer initializer() {
        return DefaultParamInitializer.getInstance();
    }

    @Override
    protected String layerDescription() {
        return "instance normalisation";
    }

    /** γ and β. */
    @Override
    protected int parametersPerChannel() {
        return 2;
    }
}
