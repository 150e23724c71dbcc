/**
 * Measures of generated samples. For the 2-D mixtures: mode coverage and the share of high-quality samples
 * ({@link io.gan4j.core.metrics.ModeCoverage}). For images, on the features and class probabilities of a feature
 * network: Fréchet distance (FID), kernel distance (KID), Inception Score, improved precision and recall, class
 * coverage, conditional accuracy, and the paired PSNR and SSIM. Statistics are computed in double precision, every
 * result records its sample counts and parameters, and any random draw is seeded.
 * {@link io.gan4j.core.metrics.MetricsVersion} names the version of these definitions that recorded scores must
 * share to be compared.
 *
 * <p>gan4j cannot ship Inception-v3, so it trains and ships small domain classifiers
 * ({@link io.gan4j.core.metrics.DomainClassifier}, one for MNIST and one for Fashion-MNIST) whose penultimate layer
 * gives the features and whose softmax gives the class probabilities; metrics computed with them are named after
 * them, e.g. "FID (gan4j-mnist features)", and are not comparable with Inception-based values.
 */
package io.gan4j.core.metrics;
