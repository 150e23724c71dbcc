package io.gan4j.core.data;

import io.gan4j.core.api.DataKind;

/**
 * A shipped set of labelled images (MNIST, Fashion-MNIST, CIFAR-10): every example carries its class label in
 * {@code [0, classesWithoutLoading())}, and the number of classes is fixed by the set, known without loading.
 */
public sealed interface LabelledImageSet extends DataConfig permits MnistData, FashionMnistData, Cifar10Data {

    @Override
    default DataKind kind() {
        return DataKind.LABELLED;
    }

    /** The set's number of classes (10 for each shipped set). */
    @Override
    int classesWithoutLoading();
}
