package io.gan4j.core.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A capability of models whose generator is a function of a latent code z drawn from a known prior, so callers can
 * choose the codes themselves (latent interpolation, fixed-style grids). A {@link GanModel} implements it in
 * addition; translation models (pix2pix, CycleGAN) have no latent code and do not.
 */
public interface LatentGenerator {

    /** Dimensions of z, at least 1. */
    int latentDim();

    /**
     * The prior z is drawn from during training; decides how codes are interpolated. For a structured code
     * ({@link #latentCode()} with several parts) it is the prior of the noise part(s).
     */
    LatentDistribution latentDistribution();

    /**
     * The structure of z: its parts (noise, categorical codes, continuous codes) and their columns, which
     * sampling, interpolation and grids follow. Its {@link LatentCode#width()} equals {@link #latentDim()}. The
     * default is a plain code, one noise part {@code z} of {@code latentDim()} values from
     * {@link #latentDistribution()}, whose draws are exactly {@code latentDistribution().sample(...)}'s.
     */
    default LatentCode latentCode() {
        return LatentCode.noise(latentDistribution(), latentDim());
    }

    /**
     * Generates one example per latent code, in inference mode (batch norm uses its running statistics).
     *
     * @param z      {@code [n, latentDim]} codes, any floating-point type (cast to the model's)
     * @param labels {@code null} for an unconditional model; for a {@link ConditionalGanModel} the class of each
     *               example, length n, each in {@code [0, numClasses)}
     * @return {@code [n, ...sampleShape]}: images in [-1, 1], or points
     * @throws IllegalArgumentException when z has the wrong width, or labels are missing, of the wrong length or out
     *                                  of range for a conditional model, or given to an unconditional one
     */
    INDArray generate(INDArray z, int[] labels);

    /**
     * Checks that {@code z} is a matrix of codes {@code [n, latentDim]}, as {@link #generate} requires.
     *
     * @return n, the number of codes
     * @throws IllegalArgumentException naming the expected and the actual shape
     */
    static int checkCodes(INDArray z, int latentDim) {
        if (z.rank() != 2 || z.size(1) != latentDim) {
            throw new IllegalArgumentException("z must be [n, " + latentDim + "], got " + java.util.Arrays.toString(z.shape()));
        }
        return (int) z.size(0);
    }
}
