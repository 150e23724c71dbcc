/**
 * CycleGAN: unpaired image-to-image translation with cycle-consistent adversarial networks (Zhu, Park, Isola,
 * Efros 2017, "Unpaired Image-to-Image Translation using Cycle-Consistent Adversarial Networks", ICCV,
 * arXiv:1703.10593). Two ResNet (or U-Net) generators and two PatchGAN discriminators from gan-core's
 * {@code io.gan4j.core.nn}, trained on two unaligned domains ({@link io.gan4j.core.data.UnpairedSource}) with
 * least-squares adversarial, cycle-consistency and identity terms and a pool of past fakes per discriminator.
 */
package io.gan4j.cyclegan;
