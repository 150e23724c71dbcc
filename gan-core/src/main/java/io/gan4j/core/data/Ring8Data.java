package io.gan4j.core.data;

import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;

/**
 * Eight 2-D Gaussians evenly spaced on a circle, the mode-collapse benchmark of Metz et al. (2017), Unrolled GANs.
 */
@Doc("Synthetic 2-D ring of 8 Gaussians (Metz et al. 2017)")
public record Ring8Data(
        @Doc("Radius of the ring") @Range(min = 0, minExclusive = true) double radius,
        @Doc("Standard deviation of each Gaussian") @Range(min = 0, minExclusive = true) double std,
        @Doc("Number of points drawn (with the data seed) to train on; at most 10 million (80 MB), which is already far more than a 2-D mixture needs") @Range(min = 1, max = 10_000_000) int size) implements PointMixture {

    public static Ring8Data defaults() {
        return new Ring8Data(2.0, 0.02, 50_000);
    }

    /** The mixture the points are drawn from. */
    @Override
    public GaussianMixture2D mixture() {
        return GaussianMixture2D.ring8(radius, std);
    }
}
