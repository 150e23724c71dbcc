package io.gan4j.core.api;

/**
 * What kind of examples a variant trains on. A data source provides one kind; a labelled source can also feed a
 * variant that wants {@link #UNLABELLED} data (the labels are ignored).
 */
public enum DataKind {
    /** Samples x only: images {@code [N, C, H, W]} in [-1, 1], or points {@code [N, D]}. */
    UNLABELLED,
    /** Samples x with an integer class label y in {@code [0, numClasses)}. */
    LABELLED,
    /** Aligned pairs (x, y) of the same shape, e.g. input and target images for translation. */
    PAIRED,
    /** Two unaligned collections A and B. */
    UNPAIRED;

    /** Whether data of this kind can feed a variant that asks for {@code wanted}. */
    public boolean canServe(DataKind wanted) {
        return this == wanted || (this == LABELLED && wanted == UNLABELLED);
    }
}
