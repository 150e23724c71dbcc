package io.gan4j.srgan;

import io.gan4j.core.nn.PerChannelLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

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
public class PRelu extends PerChannelLayer {
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
    protected Layer newLayer(NeuralNetConfiguration conf, DataType networkDataType) {
        return new PReluImpl(conf, networkDataType);
    }

    /** The slopes start at {@link #getInitial()}, which {@link PReluParams} sets. */
    @Override
    public ParamInitializer initializer() {
        return PReluParams.INSTANCE;
    }

    @Override
    protected String layerDescription() {
        return "PReLU";
    }

    /** α. */
    @Override
    protected int parametersPerChannel() {
        return 1;
    }
}
