package io.gan4j.core.data;

import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;

/** A 5x5 grid of 2-D Gaussians, the mode-collapse benchmark of Srivastava et al. (2017), VEEGAN, and PacGAN. */
@Doc("Synthetic 2-D 5x5 grid of 25 Gaussians (VEEGAN, PacGAN)")
public record Grid25Data(
        @Doc("Distance between neighbouring modes") @Range(min = 0, minExclusive = true) double spacing,
        @Doc("Standard deviation of each Gaussian") @Range(min = 0, minExclusive = true) double std,
        @Doc("Number of points drawn (with the data seed) to train on; at most 10 million (80 MB), which is already far more than a 2-D mixture needs") @Range(min = 1, max = 10_000_000) int size) implements PointMixture {

    public static Grid25Data defaults() {
        return new Grid25Data(2.0, 0.05, 50_000);
    }

    /** The mixture the points are drawn from. */
    @Override
    public GaussianMixture2D mixture() {
        return GaussianMixture2D.grid25(spacing, std);
    }
}
