/**
 * SRGAN: photo-realistic single image super-resolution with a generative adversarial network (Ledig et al. 2017,
 * CVPR, arXiv:1609.04802). The SRResNet generator ({@link io.gan4j.srgan.SrResNet}: residual blocks, sub-pixel
 * up-sampling by {@link io.gan4j.srgan.PixelShuffle}), the paper's discriminator scaled to the image size
 * ({@link io.gan4j.srgan.SrganDiscriminator}), and the perceptual loss: a content loss on a fixed network's features —
 * gan4j's shipped 28×28 classifier stands in for the paper's VGG-19 — plus 10⁻³ × the adversarial loss. The same
 * config gives the SRResNet-MSE and bicubic baselines. Trains on gan-core's paired {@code superres} data, from whose
 * inputs the low-resolution images are recovered exactly ({@link io.gan4j.srgan.LowResolution}).
 */
package io.gan4j.srgan;
