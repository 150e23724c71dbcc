package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds DCGAN-style convolutional networks (Radford, Metz &amp; Chintala 2015) for square images of any size
 * {@code S = base * 2^stages}, e.g. 28 = 7·2², 32 = 4·2³, 64 = 4·2⁴, with 1 or more channels. Shared by the
 * variants that need a convolutional generator or discriminator (DCGAN, and the conv backbones of cGAN and WGAN).
 *
 * <p><b>Depth rule</b> ({@link #layout}): halve S while the result is a whole number of at least 4; the number
 * of halvings is {@code stages}, the size reached is {@code base}. A network then has {@code stages + 1}
 * convolutions. <b>Width rule</b>: the layer at resolution {@code base·2^k} has {@code width·2^(stages-1-k)}
 * channels, so the full-resolution hidden layer has {@code width} and each halving doubles it.
 *
 * <p><b>Generator</b> ({@link #generator}), input z as {@code [N, latentDim, 1, 1]}:
 * <ol>
 *   <li>transpose conv latentDim → width·2^(stages-1), kernel {@code base}, stride 1, no padding (1×1 → base×base),
 *       batch norm, activation;</li>
 *   <li>{@code stages - 1} times: transpose conv halving the channels, kernel 4, stride 2, padding 1 (doubles the
 *       size), batch norm, activation;</li>
 *   <li>transpose conv width → C, kernel 4, stride 2, padding 1, {@code outputActivation}; no batch norm.</li>
 * </ol>
 * Output {@code [N, C, S, S]}, in [-1, 1] with tanh. For 28×28×1, width 64, latent 100 this is
 * 100×1×1 → 128×7×7 → 64×14×14 → 1×28×28.
 *
 * <p><b>Discriminator</b> ({@link #discriminator}), input {@code [N, C, S, S]}:
 * <ol>
 *   <li>conv C → width, kernel 4, stride 2, padding 1 (halves the size), activation; no batch norm;</li>
 *   <li>{@code stages - 1} times: conv doubling the channels, kernel 4, stride 2, padding 1, batch norm,
 *       activation;</li>
 *   <li>conv → 1 channel, kernel {@code base}, no padding (base×base → 1×1), {@code outputActivation}.</li>
 * </ol>
 * Output {@code [N, 1, 1, 1]}: one logit per image with identity output. For 28×28×1, width 64:
 * 1×28×28 → 64×14×14 → 128×7×7 → 1×1×1.
 *
 * <p>No pooling and no dense layers, as the paper recommends. A convolution followed by batch norm has no bias
 * (batch norm's shift replaces it). DL4J's {@link Deconvolution2D} in {@link ConvolutionMode#Truncate} gives
 * output size {@code stride·(in−1) + kernel − 2·padding}, PyTorch's {@code ConvTranspose2d} without output padding.
 */
public final class ConvNets {
    /** Smallest size a halving may reach. */
    static final int MIN_BASE = 4;
    /** Largest base size accepted: the first/last kernel is base×base, which should stay small. */
    static final int MAX_BASE = 8;

    private ConvNets() {
    }

    /**
     * How a square image size splits into a base grid and stride-2 stages.
     *
     * @param size     image height and width S
     * @param baseSize the size after all halvings, 4 to 8; the generator's first and the discriminator's last
     *                 kernel size
     * @param stages   number of stride-2 convolutions in each network, at least 1
     */
    public record Layout(int size, int baseSize, int stages) {

        /** Channels of the hidden layer at resolution {@code baseSize·2^k}, {@code k < stages}. */
        public int channels(int width, int k) {
            return width << (stages - 1 - k);
        }
    }

    /**
     * The layout for an image of {@code height × width} pixels.
     *
     * @throws IllegalArgumentException when the image is not square or its size does not fit the rule (e.g. 30,
     *                                  which halves once to 15)
     */
    public static Layout layout(long height, long width) {
        String problem = unsupportedSize(height, width);
        if (problem != null) {
            throw new IllegalArgumentException("the networks' input " + problem + ", found " + height + "x" + width);
        }
        int size = (int) height;
        int base = size;
        int stages = 0;
        while (base % 2 == 0 && base / 2 >= MIN_BASE) {
            base /= 2;
            stages++;
        }
        return new Layout(size, base, stages);
    }

    /**
     * Why an image of {@code height × width} cannot be built with these networks, or null when it can: square,
     * and halving it while it stays even and at least 4 must reach a base of at most 8 in at least one step.
     * The reason is phrased as a requirement ("must be ...") for a config problem.
     */
    public static String unsupportedSize(long height, long width) {
        if (height != width) {
            return "must be square images";
        }
        long base = height;
        int stages = 0;
        while (base % 2 == 0 && base / 2 >= MIN_BASE) {
            base /= 2;
            stages++;
        }
        if (stages == 0 || base > MAX_BASE) {
            return "must be images of size b*2^k with b in [" + MIN_BASE + ", " + MAX_BASE + "] and k >= 1 (e.g. 28, 32, 64)";
        }
        return null;
    }

    /**
     * Builds and initialises a generator.
     *
     * @param config     widths and activations
     * @param latentDim  channels of the input z, {@code [N, latentDim, 1, 1]}
     * @param imageShape {@code [C, S, S]} of the images to generate
     * @param optimizer  the network's updater
     * @param seed       seed of the weight initialisation
     * @param dataType   parameter and activation type
     * @return a network taking {@code [N, latentDim, 1, 1]} and returning {@code [N, C, S, S]}
     */
    public static Net generator(ConvNetConfig config, int latentDim, long[] imageShape, OptimizerConfig optimizer,
                                long seed, DataType dataType) {
        Layout layout = layoutOf(imageShape);
        NeuralNetConfiguration.ListBuilder list = builder(config, optimizer, seed, dataType);
        list.layer(new OnePassDeconvolution2D(new Deconvolution2D.Builder(layout.baseSize(), layout.baseSize())
                .stride(1, 1).padding(0, 0).nOut(layout.channels(config.width(), 0)).hasBias(!config.batchNorm())
                .activation(new ActivationIdentity())));
        hiddenTail(list, config, layout.channels(config.width(), 0));
        for (int k = 1; k < layout.stages(); k++) {
            list.layer(new OnePassDeconvolution2D(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1)
                    .nOut(layout.channels(config.width(), k)).hasBias(!config.batchNorm())
                    .activation(new ActivationIdentity())));
            hiddenTail(list, config, layout.channels(config.width(), k));
        }
        list.layer(new OnePassDeconvolution2D(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1)
                .nOut(imageShape[0])
                .activation(config.outputActivation().toDl4j(config.leakySlope()))));
        list.setInputType(InputType.convolutional(1, 1, latentDim));
        return init(list, config.weightInit(), seed);
    }

    /**
     * Builds and initialises a discriminator.
     *
     * @param config     widths and activations ({@code outputActivation} identity for logits)
     * @param imageShape {@code [C, S, S]} of the input images
     * @param optimizer  the network's updater
     * @param seed       seed of the weight initialisation
     * @param dataType   parameter and activation type
     * @return a network taking {@code [N, C, S, S]} (images in [-1, 1]) and returning {@code [N, 1, 1, 1]}
     */
    public static Net discriminator(ConvNetConfig config, long[] imageShape, OptimizerConfig optimizer, long seed,
                                    DataType dataType) {
        Layout layout = layoutOf(imageShape);
        NeuralNetConfiguration.ListBuilder list = builder(config, optimizer, seed, dataType);
        for (Layer l : discriminatorFeatures(config, layout)) {
            list.layer(l);
        }
        list.layer(new OnePassConvolution2D(new ConvolutionLayer.Builder(layout.baseSize(), layout.baseSize())
                .stride(1, 1).padding(0, 0).nOut(1).activation(config.outputActivation().toDl4j(config.leakySlope()))));
        list.setInputType(InputType.convolutional(imageShape[1], imageShape[2], imageShape[0]));
        return init(list, config.weightInit(), seed);
    }

    /**
     * The discriminator's layers up to its output convolution, in order: for each stage a stride-2 convolution
     * (no bias when batch norm follows), batch norm (not after the first, which sees the input), the activation.
     * Input {@code [N, C, S, S]}, output the features {@code [N, width·2^(stages−1), base, base]}. Shared with
     * discriminators that put their own head on these features (the conditional GAN's projection).
     */
    public static List<Layer> discriminatorFeatures(ConvNetConfig config, Layout layout) {
        List<Layer> layers = new ArrayList<>();
        int top = layout.stages() - 1;
        for (int k = top; k >= 0; k--) {
            boolean bn = config.batchNorm() && k != top;
            int channels = layout.channels(config.width(), k);
            layers.add(new OnePassConvolution2D(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1)
                    .nOut(channels).hasBias(!bn).activation(new ActivationIdentity())));
            if (bn) {
                layers.add(batchNorm(config, channels));
            }
            layers.add(activation(config));
        }
        return layers;
    }

    private static Layout layoutOf(long[] imageShape) {
        if (imageShape.length != 3) {
            throw new IllegalArgumentException("image shape must be [C, H, W], found " + Arrays.toString(imageShape));
        }
        return layout(imageShape[1], imageShape[2]);
    }

    private static NeuralNetConfiguration.ListBuilder builder(ConvNetConfig config, OptimizerConfig optimizer,
                                                              long seed, DataType dataType) {
        return networkBuilder(optimizer, config.weightInit(), seed, dataType, WorkspaceMode.ENABLED).list();
    }

    /**
     * The settings every gan4j convolutional network shares: those of every network ({@link Mlp#networkBuilder}) and
     * {@link ConvolutionMode#Truncate} (explicit padding, PyTorch's output sizes).
     */
    public static NeuralNetConfiguration.Builder networkBuilder(OptimizerConfig optimizer, InitName weightInit,
                                                                long seed, DataType dataType, WorkspaceMode workspaces) {
        return Mlp.networkBuilder(optimizer, weightInit, seed, dataType, workspaces)
                .convolutionMode(ConvolutionMode.Truncate);
    }

    /** Batch norm (when enabled) then the hidden activation, after a hidden convolution. */
    private static void hiddenTail(NeuralNetConfiguration.ListBuilder list, ConvNetConfig config, int channels) {
        if (config.batchNorm()) {
            list.layer(batchNorm(config, channels));
        }
        list.layer(activation(config));
    }

    private static BatchNormalization batchNorm(ConvNetConfig config, int channels) {
        // DL4J's decay is the Keras momentum: running = decay*running + (1-decay)*batch.
        // Its training passes in Java (JavaBatchNormalization): DL4J's oneDNN helper was 12-23% of a DCGAN step.
        return JavaBatchNormalization.of(new BatchNormalization.Builder().nOut(channels)
                .decay(config.batchNormMomentum()).eps(config.batchNormEpsilon()));
    }

    private static ActivationLayer activation(ConvNetConfig config) {
        return new ActivationLayer.Builder().activation(config.activation().toDl4j(config.leakySlope())).build();
    }

    private static Net init(NeuralNetConfiguration.ListBuilder list, InitName weightInit, long seed) {
        return weightInit.newNet(list.build(), seed);
    }
}
