/**
 * Losses that return their gradient: adversarial objectives on raw discriminator logits (real is the positive
 * class for all of them) and pixel-wise reconstruction losses, each a mean with the gradient of that mean.
 */
package io.gan4j.core.loss;
