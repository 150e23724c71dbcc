package io.gan4j.core.nn;

import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;

/**
 * A DCGAN-style convolutional generator or discriminator, built by {@link ConvNets}. The number of layers is not
 * configured: it follows from the image size (see {@link ConvNets.Layout}); {@code width} sets the channels.
 *
 * <p>Batch norm, when enabled, follows every convolution except a discriminator's first (which sees the input)
 * and each network's last (a generator's image, a discriminator's logit), as Radford et al. 2015 prescribe.
 *
 * @param width            channels of the full-resolution hidden layer (PyTorch's {@code ngf}/{@code ndf}); they
 *                         double at each halving of the resolution
 * @param activation       activation of every hidden layer (relu in G, leakyrelu in D in the paper)
 * @param leakySlope       negative slope of leakyrelu
 * @param batchNorm        batch normalisation after the hidden convolutions
 * @param batchNormMomentum running = m*running + (1-m)*batch (0.9 is PyTorch's momentum 0.1)
 * @param batchNormEpsilon added to the variance
 * @param outputActivation tanh for a generator of images in [-1, 1], identity for a discriminator's logits
 * @param weightInit       weight initialisation of the convolutions (biases start at 0)
 */
public record ConvNetConfig(
        @Doc("Channels of the full-resolution hidden layer (ngf/ndf); doubled at each halving of the resolution") @Range(min = 1) int width,
        @Doc("Activation of every hidden layer") ActivationName activation,
        @Doc("Negative slope of leakyrelu") @Range(min = 0, max = 1) double leakySlope,
        @Doc("Batch normalisation after each hidden convolution (never on G's output or D's input layer)") boolean batchNorm,
        @Doc("Batch-norm running-average momentum, Keras convention: running = m*running + (1-m)*batch") @Range(min = 0, max = 1, maxExclusive = true) double batchNormMomentum,
        @Doc("Batch-norm epsilon") @Range(min = 0, minExclusive = true) double batchNormEpsilon,
        @Doc("Activation of the output layer: tanh for a generator of images in [-1,1], identity for logits") ActivationName outputActivation,
        @Doc("Weight initialisation") InitName weightInit) {

    /** The DCGAN paper's generator with base width {@code width}: ReLU, batch norm, tanh output, N(0, 0.02). */
    public static ConvNetConfig dcganGenerator(int width) {
        return new ConvNetConfig(width, ActivationName.RELU, 0.2, true, 0.9, 1e-5, ActivationName.TANH,
                InitName.NORMAL_002);
    }

    /** The DCGAN paper's discriminator with base width {@code width}: LeakyReLU(0.2), batch norm, logit output. */
    public static ConvNetConfig dcganDiscriminator(int width) {
        return new ConvNetConfig(width, ActivationName.LEAKY_RELU, 0.2, true, 0.9, 1e-5, ActivationName.IDENTITY,
                InitName.NORMAL_002);
    }
}
