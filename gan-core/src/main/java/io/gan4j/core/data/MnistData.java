package io.gan4j.core.data;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.config.Doc;
import io.gan4j.core.config.Range;

/**
 * The 10,000 MNIST digits shipped with gan4j (embedded in the jar), split into 8,000 training and 2,000 held-out
 * examples; or the same file layout read from a directory. Images {@code [1, 28, 28]} in [-1, 1], labels 0-9.
 */
@Doc("MNIST digits shipped with gan4j (8,000 train / 2,000 held-out)")
public record MnistData(
        @Doc("Which split: train or heldout") Split split,
        @Doc("Directory holding train-/heldout-{images-idx3,labels-idx1}-ubyte[.gz] instead of the embedded copy; null = embedded") String dir,
        @Doc("Use only the first N examples; 0 = all") @Range(min = 0) int limit) implements DataConfig {

    public static MnistData defaults() {
        return new MnistData(Split.TRAIN, null, 0);
    }

    @Override
    public ArrayDataset load(long seed) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public DataKind kind() {
        return DataKind.LABELLED;
    }
}
