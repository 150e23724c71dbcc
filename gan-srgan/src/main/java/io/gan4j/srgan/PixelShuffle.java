package io.gan4j.srgan;

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
 * The sub-pixel convolution's rearrangement (Shi et al. 2016, "Real-Time Single Image and Video Super-Resolution
 * Using an Efficient Sub-Pixel Convolutional Neural Network"), which SRGAN's generator uses for its two ×2
 * up-sampling stages and which DL4J 1.0.0-M2.1 lacks (it has {@code SpaceToDepthLayer}, the inverse, but no
 * depth-to-space layer). Channel order as PyTorch's {@code nn.PixelShuffle(r)}:
 * {@code out[n, c, h·r + i, w·r + j] = in[n, c·r² + i·r + j, h, w]}.
 *
 * <p>Input {@code [N, C·r², H, W]}, output {@code [N, C, H·r, W·r]}; no parameters. The backward pass is the inverse
 * rearrangement of the error ({@link PixelShuffleImpl}).
 */
public class PixelShuffle extends NoParamLayer {
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
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        PixelShuffleImpl layer = new PixelShuffleImpl(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new IllegalArgumentException("pixel shuffle needs convolutional input [N, C, H, W], got " + inputType);
        }
        long r2 = (long) factor * factor;
        if (c.getChannels() % r2 != 0) {
            throw new IllegalArgumentException("pixel shuffle by " + factor + " needs a multiple of " + r2
                    + " channels, got " + c.getChannels());
        }
        return InputType.convolutional(c.getHeight() * factor, c.getWidth() * factor, c.getChannels() / r2,
                c.getFormat());
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        return new LayerMemoryReport.Builder(layerName, PixelShuffle.class, inputType, out)
                .standardMemory(0, 0)
                .workingMemory(0, 0, MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }
}
