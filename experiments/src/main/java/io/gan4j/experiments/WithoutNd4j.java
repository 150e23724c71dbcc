package io.gan4j.experiments;

/**
 * Marks a command that never touches ND4J (it only reads configs or the variant registry), so the start-up GPU
 * check is skipped for it: {@code gan4j list} works even where the CUDA backend cannot run.
 */
interface WithoutNd4j {
}
