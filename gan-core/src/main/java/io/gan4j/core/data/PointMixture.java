package io.gan4j.core.data;

import io.gan4j.core.api.DataKind;

import java.util.Optional;

/**
 * A synthetic mixture of 2-D Gaussians (the mode-collapse benchmarks {@link Ring8Data} and {@link Grid25Data}):
 * unlabelled points {@code [2]}, scored by how many of the mixture's modes generated points cover rather than by a
 * feature network.
 */
public sealed interface PointMixture extends DataConfig permits Ring8Data, Grid25Data {

    /** The mixture the points are drawn from. */
    GaussianMixture2D mixture();

    /** Number of points {@link #load} draws. */
    int size();

    /**
     * Draws {@link #size()} points from {@link #mixture()} with {@code seed}.
     *
     * @return an unlabelled data set named as the source ({@code ring8}, {@code grid25}): points {@code [2]},
     *         unbounded
     */
    @Override
    default ArrayDataset load(long seed) {
        return new ArrayDataset(DataConfig.sourceName(this), mixture().sample(size(), seed), shapeWithoutLoading(),
                null, 0);
    }

    /** Points {@code [2]}. */
    @Override
    default long[] shapeWithoutLoading() {
        return new long[] {2};
    }

    /** {@link #mixture()}: evaluation and the scatter plots score how many of its modes the samples cover. */
    @Override
    default Optional<GaussianMixture2D> modes() {
        return Optional.of(mixture());
    }

    @Override
    default DataKind kind() {
        return DataKind.UNLABELLED;
    }
}
