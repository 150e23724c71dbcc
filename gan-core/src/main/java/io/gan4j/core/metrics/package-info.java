/**
 * Measures of generated samples: for the 2-D mixtures, mode coverage and the share of high-quality samples; for
 * images, the feature networks that Fréchet- and Inception-style metrics need. gan4j cannot ship Inception-v3, so it
 * trains and ships small domain classifiers ({@link io.gan4j.core.metrics.DomainClassifier}, one for MNIST and one
 * for Fashion-MNIST) whose penultimate layer gives the features and whose softmax gives the class probabilities;
 * metrics computed with them are named after them, e.g. "FID (gan4j-mnist features)", and are not comparable with
 * Inception-based values.
 */
package io.gan4j.core.metrics;
