package io.gan4j.core.api;

import io.gan4j.core.backend.NdArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

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

    /**
     * Frees the native memory of {@code x} and {@code y} now (views are left alone), instead of when Java's collector
     * reaches them. The trainer calls it after the step that used the batch; a model must copy what it keeps.
     */
    public void close() {
        if (x != null) {
            x.close();
        }
        if (y != null) {
            y.close();
        }
    }

    /** An unlabelled batch. */
    public static Batch of(INDArray x) {
        return new Batch(x, null, null);
    }

    /**
     * The batches one after the other along the first axis; all must have labels or none, targets or none.
     *
     * @return {@code [ΣB, ...]}, labels and targets concatenated likewise
     */
    public static Batch concat(List<Batch> batches) {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        INDArray[] xs = new INDArray[batches.size()];
        INDArray[] ys = new INDArray[batches.size()];
        boolean labelled = batches.get(0).labels() != null;
        boolean targets = batches.get(0).y() != null;
        int n = 0;
        for (int i = 0; i < xs.length; i++) {
            Batch b = batches.get(i);
            if ((b.labels() != null) != labelled || (b.y() != null) != targets) {
                throw new IllegalArgumentException("batch " + i + " differs from batch 0 in having labels or targets");
            }
            xs[i] = b.x();
            ys[i] = b.y();
            n += b.size();
        }
        int[] labels = null;
        if (labelled) {
            labels = new int[n];
            int at = 0;
            for (Batch b : batches) {
                System.arraycopy(b.labels(), 0, labels, at, b.size());
                at += b.size();
            }
        }
        return new Batch(NdArrays.rows(xs), labels, targets ? NdArrays.rows(ys) : null);
    }

    /**
     * This batch with {@code x} and {@code y} cast to {@code dataType} (the same arrays where they already are), for a
     * model that trains on paired or unpaired data; the labels are kept.
     *
     * @param noTargets the message of the exception when the batch has no {@code y}, naming what the model needs
     * @throws IllegalArgumentException if {@code y} is {@code null}
     */
    public Batch pairedAs(DataType dataType, String noTargets) {
        if (y == null) {
            throw new IllegalArgumentException(noTargets);
        }
        return new Batch(x.castTo(dataType), labels, y.castTo(dataType));
    }

    /** Number of examples, B. */
    public int size() {
        return (int) x.size(0);
    }
}
