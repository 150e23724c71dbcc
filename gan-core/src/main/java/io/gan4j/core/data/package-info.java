/**
 * Training data: IDX files, the shipped MNIST digits, Fashion-MNIST, folders of PNG/JPEG images, synthetic 2-D
 * Gaussian mixtures, and deterministic batches. Examples live in memory as {@link io.gan4j.core.data.ArrayDataset}; images are
 * {@code [C, H, W]} with values in [-1, 1].
 */
package io.gan4j.core.data;
