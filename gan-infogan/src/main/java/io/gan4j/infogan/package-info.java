/**
 * InfoGAN: information maximizing generative adversarial networks (Chen, Duan, Houthooft, Schulman, Sutskever &amp;
 * Abbeel 2016, "InfoGAN: Interpretable Representation Learning by Information Maximizing Generative Adversarial
 * Nets", arXiv:1606.03657).
 *
 * <p>Built on gan-core's extension points only (this module changes nothing in core): the structured latent code
 * ({@link io.gan4j.core.api.LatentCode}: noise z, a categorical code, continuous codes), a discriminator with extra
 * named heads (Q) trained through {@link io.gan4j.core.nn.Net}, and the information loss as
 * {@link io.gan4j.core.loss.WeightedTerm}s that gan-core's alternating step adds to D's and G's objectives.
 * {@link io.gan4j.infogan.InfoGanConfig} holds the fields, {@link io.gan4j.infogan.InfoGanNetworks} the paper's
 * MNIST networks, {@link io.gan4j.infogan.InformationLoss} L_I, {@link io.gan4j.infogan.CodeAccuracy} the
 * measurement of how well the categorical code recovers the classes.
 */
package io.gan4j.infogan;
