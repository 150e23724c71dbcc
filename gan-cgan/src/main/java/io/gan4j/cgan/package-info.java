/**
 * The conditional GAN of Mirza and Osindero (2014), "Conditional Generative Adversarial Nets" (arXiv:1411.1784):
 * both networks see the class label y. G(z, y) maps a latent code and a label to an example; D(x, y) judges whether
 * x is a real example of class y. Trained so, G generates the class it is asked for.
 *
 * <p>Backbone {@code mlp} (the only one so far): y, one-hot or through a learned embedding
 * ({@link io.gan4j.cgan.CganConfig#labelEncoding()}), is concatenated with z at G's input and with the flattened
 * example at D's input, as in the paper's MNIST experiment; each network is a DL4J {@code ComputationGraph} with two
 * inputs and a merge vertex. A convolutional backbone (label maps as extra image channels into D) is planned under
 * {@link io.gan4j.cgan.CganConfig.Backbone}.
 *
 * <p>Classes, following gan-vanilla's template: {@link io.gan4j.cgan.CganConfig} (the {@code model} section),
 * {@link io.gan4j.cgan.CganNetworks} (the two-input graphs), {@code CganModel} (update order, conditional sampling)
 * and {@link io.gan4j.cgan.CganVariant} (the provider, name {@code cgan}).
 */
package io.gan4j.cgan;
