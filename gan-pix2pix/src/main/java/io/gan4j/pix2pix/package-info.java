/**
 * pix2pix: image-to-image translation with conditional adversarial networks (Isola, Zhu, Zhou, Efros 2017,
 * "Image-to-Image Translation with Conditional Adversarial Networks", CVPR, arXiv:1611.07004). A U-Net generator
 * and a PatchGAN discriminator from gan-core's {@code io.gan4j.core.nn} (shared with CycleGAN), trained on aligned
 * pairs ({@link io.gan4j.core.data.PairedSource}) with an adversarial and a λ·L1 term.
 */
package io.gan4j.pix2pix;
