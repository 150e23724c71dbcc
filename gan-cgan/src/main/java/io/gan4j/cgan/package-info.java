/**
 * The conditional GAN of Mirza and Osindero (2014), "Conditional Generative Adversarial Nets" (arXiv:1411.1784):
 * both networks see the class label y. G(z, y) maps a latent code and a label to an example; D(x, y) judges whether
 * x is a real example of class y. Trained so, G generates the class it is asked for.
 *
 * <p>Backbone {@code mlp}: y, one-hot or through a learned embedding
 * ({@link io.gan4j.cgan.CganConfig#labelEncoding()}), is concatenated with z at G's input and with the flattened
 * example at D's input, as in the paper's MNIST experiment; each network is a DL4J {@code ComputationGraph} with two
 * inputs and a merge vertex.
 *
 * <p>Backbone {@code conv}: DCGAN's networks (gan-core's {@code ConvNets}); the one-hot y joins z as extra channels
 * of G's 1×1 input map, and D is a {@link io.gan4j.cgan.ProjectionDiscriminator} (Miyato and Koyama 2018, "cGANs
 * with Projection Discriminator", arXiv:1802.05637), whose class enters as an inner product with D's last features
 * rather than as label channels on the image; the reasons are on that class.
 *
 * <p>Classes, following gan-vanilla's template: {@link io.gan4j.cgan.CganConfig} (the {@code model} section),
 * {@link io.gan4j.cgan.CganNetworks} (the two-input MLP graphs),
 * {@link io.gan4j.cgan.ProjectionDiscriminator} (the conv D), {@code CganModel} (update order, conditional sampling)
 * and {@link io.gan4j.cgan.CganVariant} (the provider, name {@code cgan}).
 */
package io.gan4j.cgan;
