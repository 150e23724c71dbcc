package io.gan4j.core.data;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.config.Doc;
import io.gan4j.core.config.Range;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60,000 training and 10,000 test images of clothing, 10 classes, read
 * from the official IDX files (Debian package {@code dataset-fashion-mnist}). Images {@code [1, 28, 28]} in [-1, 1].
 */
@Doc("Fashion-MNIST from the official IDX files (Debian package dataset-fashion-mnist)")
public record FashionMnistData(
        @Doc("Directory with the official IDX files") String dir,
        @Doc("Which split: train (60,000) or heldout (the official 10,000 test images)") Split split,
        @Doc("Use only the first N examples; 0 = all") @Range(min = 0) int limit) implements DataConfig {

    /** Where Debian's dataset-fashion-mnist package installs the files. */
    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";

    public static FashionMnistData defaults() {
        return new FashionMnistData(DEBIAN_DIR, Split.TRAIN, 0);
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
