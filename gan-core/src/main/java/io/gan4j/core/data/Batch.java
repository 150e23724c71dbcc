package io.gan4j.core.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training batch.
 *
 * @param x      examples {@code [B, ...sampleShape]}: images {@code [B, C, H, W]} in [-1, 1] or points
 *               {@code [B, D]}; for paired data the inputs, for unpaired data domain A
 * @param labels class labels in {@code [0, numClasses)}, length B, or {@code null} for unlabelled data
 * @param y      targets of the same shape as {@code x} for paired data, domain B for unpaired data, else
 *               {@code null}
 */
public record Batch(INDArray x, int[] labels, INDArray y) {

    /** An unlabelled batch. */
    public static Batch of(INDArray x) {
        return new Batch(x, null, null);
    }

    /** Number of examples, B. */
    public int size() {
        return (int) x.size(0);
    }
}
