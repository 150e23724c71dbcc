/**
 * Measures of generated samples. For the 2-D mixtures: mode coverage and the share of high-quality samples
 * ({@link io.gan4j.core.metrics.ModeCoverage}). For images, on the features and class probabilities of the domain
 * classifier: Fréchet distance (FID), kernel distance (KID), Inception Score, improved precision and recall, class
 * coverage, conditional accuracy, and the paired PSNR and SSIM. Statistics are computed in double precision, every
 * result records its sample counts and parameters, and any random draw is seeded.
 * {@link io.gan4j.core.metrics.MetricsVersion} names the version of these definitions that recorded scores must
 * share to be compared.
 */
package io.gan4j.core.metrics;
