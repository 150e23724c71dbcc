/**
 * Shared model code for variants: {@link io.gan4j.core.model.LatentGanModel}, the base of the models whose generator
 * maps a latent code to an example (vanilla, DCGAN, WGAN, the conditional GAN), and the part of their configs it reads
 * ({@link io.gan4j.core.model.LatentModelConfig}). It sits above the building blocks ({@code nn}, {@code loss}) that
 * models are made of and below nothing else in core: core runs models through the {@code api} contract only, so no
 * other core package depends on this one.
 */
package io.gan4j.core.model;
