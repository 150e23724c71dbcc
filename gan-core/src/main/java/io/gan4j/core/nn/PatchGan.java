package io.gan4j.core.nn;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.loss.AdversarialLossType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Builds the PatchGAN discriminator of pix2pix (Isola et al. 2017; the reference code's {@code NLayerDiscriminator}),
 * shared with CycleGAN. For {@code L} = {@code layers}:
 * <ol>
 *   <li>conv to {@code width} channels, kernel 4, stride 2, padding 1, LeakyReLU (no normalisation on the input);</li>
 *   <li>{@code L − 1} times: conv doubling the channels (at most 8·width), kernel 4, stride 2, padding 1,
 *       normalisation ({@link PatchGanConfig#norm()}), LeakyReLU;</li>
 *   <li>conv to {@code width·min(2^L, 8)}, kernel 4, stride 1, padding 1, normalisation, LeakyReLU;</li>
 *   <li>conv to 1 channel, kernel 4, stride 1, padding 1: one logit per patch.</li>
 * </ol>
 * Each logit sees a {@link #receptiveField} × receptive-field patch: 16, 34, 70 px for L = 1, 2, 3 (the paper's
 * 70 × 70 PatchGAN is L = 3). Output {@code [N, 1, S/2^L − 2, S/2^L − 2]}: for a 256-px input and L = 3, 30 × 30
 * logits; for 28 px and L = 1, 12 × 12.
 *
 * <p>A conditional discriminator (pix2pix) takes the input image and the real or generated output concatenated
 * on the channel axis, {@code [N, 2C, H, W]}: one MultiLayerNetwork whose input gradient, sliced to the output's
 * channels, is what the generator needs.
 */
public final class PatchGan {
    private PatchGan() {
    }

    /** Side of the input patch one output logit sees, for {@code layers} stride-2 layers. */
    public static int receptiveField(int layers) {
        int r = 1 + 3 + 3;
        for (int i = 0; i < layers; i++) {
            r = (r - 1) * 2 + 4;
        }
        return r;
    }

    /** Side of the logit map for an input side {@code size}; below 1 the input is too small. */
    public static long outputSize(long size, int layers) {
        long s = size;
        for (int i = 0; i < layers; i++) {
            s = (s + 2 - 4) / 2 + 1;
        }
        return s - 2;
    }

    /**
     * Builds and initialises a PatchGAN.
     *
     * @param config     width, layers, normalisation
     * @param inputShape {@code [C_in, H, W]} of its input (2C for a conditional discriminator)
     * @param optimizer  the network's updater
     * @param seed       seed of the weight initialisation
     * @param dataType   parameter and activation type
     * @return a network taking {@code [N, C_in, H, W]} and returning logits {@code [N, 1, h, w]}
     * @throws IllegalArgumentException when the input is too small for the layers ({@link #outputSize} below 1)
     */
    public static Net discriminator(PatchGanConfig config, long[] inputShape, OptimizerConfig optimizer, long seed,
                                    DataType dataType) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("input shape must be [C, H, W], found " + Arrays.toString(inputShape));
        }
        if (outputSize(inputShape[1], config.layers()) < 1 || outputSize(inputShape[2], config.layers()) < 1) {
            throw new IllegalArgumentException("a " + config.layers() + "-layer PatchGAN needs inputs of at least "
                    + minimumSize(config.layers()) + " px, found " + inputShape[1] + "x" + inputShape[2]);
        }
        NeuralNetConfiguration.ListBuilder list = ConvNets
                .networkBuilder(optimizer, config.weightInit(), seed, dataType, WorkspaceMode.ENABLED).list();
        for (int n = 0; n <= config.layers(); n++) {
            int channels = config.width() * Math.min(1 << n, UNet.MAX_WIDTH_MULTIPLE);
            int stride = n < config.layers() ? 2 : 1;
            Normalization norm = n > 0 ? config.norm() : Normalization.NONE;
            list.layer(new OnePassConvolution2D(new ConvolutionLayer.Builder(4, 4).stride(stride, stride)
                    .padding(1, 1).nOut(channels).hasBias(!norm.replacesBias()).activation(new ActivationIdentity())));
            if (norm != Normalization.NONE) {
                list.layer(norm.layer(channels, config.batchNormMomentum(), config.batchNormEpsilon()));
            }
            list.layer(new ActivationLayer.Builder().activation(new LeakyReluActivation(config.leakySlope())).build());
        }
        list.layer(new OnePassConvolution2D(new ConvolutionLayer.Builder(4, 4).stride(1, 1).padding(1, 1).nOut(1)
                .activation(new ActivationIdentity())));
        list.setInputType(InputType.convolutional(inputShape[1], inputShape[2], inputShape[0]));
        return config.weightInit().newNet(list.build(), seed);
    }

    /**
     * Adds a problem at {@code path} (the config's {@code layers}) when images of {@code height × width} are smaller
     * than a {@code layers}-layer PatchGAN accepts.
     */
    public static void checkFits(int layers, long height, long width, String path,
                                 List<ConfigProblem> problems) {
        long min = minimumSize(layers);
        if (height < min || width < min) {
            problems.add(new ConfigProblem(path, "must suit " + height + "x" + width
                    + " images: " + layers + " layers need at least " + min + " px", Integer.toString(layers),
                    "fewer layers (1 layer: 16-px patches)"));
        }
    }

    /**
     * Adds a problem at {@code path} when {@code loss} needs a constrained critic (Wasserstein, hinge), which a
     * PatchGAN trained as a classifier is not.
     */
    public static void checkLoss(AdversarialLossType loss, String path,
                                 List<ConfigProblem> problems, String allowed) {
        if (loss == AdversarialLossType.WASSERSTEIN
                || loss == AdversarialLossType.HINGE) {
            problems.add(new ConfigProblem(path, "must be " + allowed,
                    "'" + loss.name().toLowerCase(Locale.ROOT).replace('_', '-') + "'",
                    "a Wasserstein or hinge critic needs constraints PatchGAN does not have"));
        }
    }

    /** The smallest input side a {@code layers}-layer PatchGAN accepts. */
    public static long minimumSize(int layers) {
        long s = 1;
        while (outputSize(s, layers) < 1) {
            s++;
        }
        return s;
    }
}
