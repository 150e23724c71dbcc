package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Reflection padding of images, which DL4J 1.0.0-M2.1 lacks: PyTorch's {@code ReflectionPad2d(p)}, used by
 * CycleGAN's ResNet generator before its 7×7 and residual 3×3 convolutions so that the borders see image content
 * instead of zeros. Each side gets {@code p} rows or columns mirrored about the edge pixel, which is not repeated: a
 * row {@code [a, b, c, d]} padded by 2 becomes {@code [c, b, a, b, c, d, c, b]}. Rows are padded first, then columns
 * over the padded height, so corners mirror both ways, as in PyTorch.
 *
 * <p>Input {@code [N, C, H, W]} with {@code p < H} and {@code p < W}, output {@code [N, C, H + 2p, W + 2p]}; no
 * parameters. The backward pass adds each padded pixel's gradient to the pixel it copies
 * ({@link ReflectionPadding2DImpl}).
 */
public class ReflectionPadding2D extends ParameterlessLayer {
    private int padding;

    /** For JSON deserialisation of saved networks. */
    public ReflectionPadding2D() {
    }

    /** @param padding p, the rows and columns added on each side (at least 1) */
    public ReflectionPadding2D(int padding) {
        if (padding < 1) {
            throw new IllegalArgumentException("reflection padding must be at least 1, found " + padding);
        }
        this.padding = padding;
    }

    public int getPadding() {
        return padding;
    }

    public void setPadding(int padding) {
        this.padding = padding;
    }

    @Override
    protected Layer newLayer(NeuralNetConfiguration conf, DataType networkDataType) {
        return new ReflectionPadding2DImpl(conf, networkDataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional c = images(inputType, "reflection padding");
        if (padding >= c.getHeight() || padding >= c.getWidth()) {
            throw new IllegalArgumentException("reflection padding " + padding + " needs images larger than "
                    + padding + " px, got " + c.getHeight() + "x" + c.getWidth());
        }
        return InputType.convolutional(c.getHeight() + 2L * padding, c.getWidth() + 2L * padding, c.getChannels(),
                c.getFormat());
    }
}
