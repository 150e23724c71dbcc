package io.gan4j.srgan;

import io.gan4j.core.nn.ParameterlessLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The sub-pixel convolution's rearrangement (Shi et al. 2016, "Real-Time Single Image and Video Super-Resolution
 * Using an Efficient Sub-Pixel Convolutional Neural Network"), which SRGAN's generator uses for its two ×2
 * up-sampling stages and which DL4J 1.0.0-M2.1 lacks (it has {@code SpaceToDepthLayer}, the inverse, but no
 * depth-to-space layer). Channel order as PyTorch's {@code nn.PixelShuffle(r)}:
 * {@code out[n, c, h·r + i, w·r + j] = in[n, c·r² + i·r + j, h, w]}.
 *
 * <p>Input {@code [N, C·r², H, W]}, output {@code [N, C, H·r, W·r]}; no parameters. The backward pass is the inverse
 * rearrangement of the error ({@link PixelShuffleImpl}).
 */
public class PixelShuffle extends ParameterlessLayer {
    private int factor;

    /** For JSON deserialisation of saved networks. */
    public PixelShuffle() {
    }

    /** @param factor r, the up-sampling factor of each side (at least 2) */
    public PixelShuffle(int factor) {
        if (factor < 2) {
            throw new IllegalArgumentException("pixel shuffle factor must be at least 2, found " + factor);
        }
        this.factor = factor;
    }

    public int getFactor() {
        return factor;
    }

    public void setFactor(int factor) {
        this.factor = factor;
    }

    @Override
    protected Layer newLayer(NeuralNetConfiguration conf, DataType networkDataType) {
        return new PixelShuffleImpl(conf, networkDataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional c = images(inputType, "pixel shuffle");
        long r2 = (long) factor * factor;
        if (c.getChannels() % r2 != 0) {
            throw new IllegalArgumentException("pixel shuffle by " + factor + " needs a multiple of " + r2
                    + " channels, got " + c.getChannels());
        }
        return InputType.convolutional(c.getHeight() * factor, c.getWidth() * factor, c.getChannels() / r2,
                c.getFormat());
    }
}
