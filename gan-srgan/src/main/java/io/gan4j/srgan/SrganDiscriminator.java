package io.gan4j.srgan;

import io.gan4j.core.nn.ConvNets;
import io.gan4j.core.nn.JavaBatchNormalization;
import io.gan4j.core.nn.LeakyReluActivation;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.OnePassConvolution2D;
import io.gan4j.core.nn.OnePassDense;
import io.gan4j.core.nn.OptimizerConfig;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds SRGAN's discriminator (Ledig et al. 2017, Figure 4 bottom), scaled to the image size. The paper's, on
 * 96×96 images: conv 3×3 64 + LeakyReLU(0.2); then conv blocks (conv 3×3, batch norm, LeakyReLU) of 64 channels
 * stride 2, 128 stride 1, 128 stride 2, 256, 256 s2, 512, 512 s2; dense 1024, LeakyReLU, dense 1 (the sigmoid is in
 * the loss: this network emits logits).
 *
 * <p>Here a <i>stage</i> is a stride-1 and a stride-2 convolution of the same width, the width doubling from stage
 * to stage (at most 8·width): the paper's network is 4 stages of widths 64…512, whose first stride-1 convolution is
 * the input layer (no batch norm). {@link #stages} chooses as many as keep the last feature map at least 6 px
 * (96 → 6 in the paper): 2 on 28 px (28 → 14 → 7; widths 64, 128), 3 on 64 px (→ 8; 64, 128, 256). All
 * convolutions pad by 1, so a stride-2 one maps S to ⌈S/2⌉.
 *
 * <p>Output {@code [N, 1]} logits. A MultiLayerNetwork with workspaces, like gan-core's DCGAN discriminator: the
 * generator's adversarial gradient is its input gradient.
 */
public final class SrganDiscriminator {
    /** The smallest side the last feature map keeps when the stages are chosen from the image size. */
    static final int MIN_FEATURE_SIDE = 6;

    private SrganDiscriminator() {
    }

    /** The stride-2 stages for an image side: the config's, or as many as keep the map at least 6 px. */
    public static int stages(SrganDiscriminatorConfig config, long side) {
        if (config.stages() > 0) {
            return config.stages();
        }
        int s = 0;
        long size = side;
        while ((size + 1) / 2 >= MIN_FEATURE_SIDE) {
            size = (size + 1) / 2;
            s++;
        }
        return Math.max(1, s);
    }

    /** Side of the last feature map after {@code stages} stride-2 convolutions. */
    public static long featureSide(long side, int stages) {
        long size = side;
        for (int i = 0; i < stages; i++) {
            size = (size + 1) / 2;
        }
        return size;
    }

    /**
     * Builds and initialises the discriminator.
     *
     * @param imageShape {@code [C, H, W]} of the high-resolution images it judges
     * @return a network taking {@code [N, C, H, W]} in [-1, 1] and returning logits {@code [N, 1]}
     */
    public static Net discriminator(SrganDiscriminatorConfig config, long[] imageShape, OptimizerConfig optimizer,
                                    long seed, DataType dataType) {
        int stages = stages(config, Math.min(imageShape[1], imageShape[2]));
        NeuralNetConfiguration.ListBuilder list = ConvNets
                .networkBuilder(optimizer, config.weightInit(), seed, dataType, WorkspaceMode.ENABLED).list();
        for (int s = 0; s < stages; s++) {
            int channels = config.width() * Math.min(8, 1 << s);
            // The paper's first convolution sees the image directly: no batch norm there.
            block(list, config, channels, 1, s > 0);
            block(list, config, channels, 2, true);
        }
        // gan-core's one-pass dense layers: DL4J's arithmetic without the forward product its backward pass repeats
        // (the first is 16,384 x 1,024 in srgan-64-rgb)
        list.layer(OnePassDense.of(new DenseLayer.Builder().nOut(config.denseWidth())
                .activation(new ActivationIdentity())));
        list.layer(leaky(config));
        list.layer(OnePassDense.of(new DenseLayer.Builder().nOut(1).activation(new ActivationIdentity())));
        list.setInputType(InputType.convolutional(imageShape[1], imageShape[2], imageShape[0]));
        MultiLayerNetwork network = new MultiLayerNetwork(list.build());
        network.init();
        Net net = Net.of(network);
        config.weightInit().finishInitialisation(net, seed);
        return net;
    }

    private static void block(NeuralNetConfiguration.ListBuilder list, SrganDiscriminatorConfig config, int channels,
                              int stride, boolean batchNorm) {
        list.layer(new OnePassConvolution2D(new ConvolutionLayer.Builder(3, 3).stride(stride, stride).padding(1, 1)
                .nOut(channels).hasBias(!batchNorm).activation(new ActivationIdentity())));
        if (batchNorm) {
            list.layer(JavaBatchNormalization.of(new BatchNormalization.Builder().nOut(channels)
                    .decay(config.batchNormMomentum()).eps(config.batchNormEpsilon())));
        }
        list.layer(leaky(config));
    }

    private static ActivationLayer leaky(SrganDiscriminatorConfig config) {
        return new ActivationLayer.Builder().activation(new LeakyReluActivation(config.leakySlope())).build();
    }
}
