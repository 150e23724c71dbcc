/**
 * The Wasserstein GAN: a critic D with an unbounded score is trained to estimate the Wasserstein-1 distance
 * between the data and G's distribution, E[D(x)] − E[D(G(z))], under a Lipschitz constraint, and G to shrink it.
 * Two constraints ({@link io.gan4j.wgan.WganConfig#lipschitz()}):
 * <ul>
 *   <li>weight clipping — Arjovsky, Chintala and Bottou (2017), "Wasserstein GAN", arXiv:1701.07875, Algorithm 1:
 *       every critic weight and bias clipped to ±c after each critic update (batch-norm running statistics
 *       never), RMSProp;</li>
 *   <li>gradient penalty — Gulrajani, Ahmed, Arjovsky, Dumoulin and Courville (2017), "Improved Training of
 *       Wasserstein GANs", arXiv:1704.00028: λ(‖∇D(x̂)‖ − 1)² on random interpolates, its parameter gradient computed
 *       exactly by double backpropagation ({@link io.gan4j.wgan.GradientPenalty}).</li>
 * </ul>
 * Both with gan-vanilla's MLPs or gan-dcgan's convolutional networks ({@code backbone}).
 */
package io.gan4j.wgan;
