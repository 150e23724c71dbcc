package io.gan4j.core.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One direction of a translation model, in inference mode, as {@link GanModel#translator()} declares it. */
@FunctionalInterface
public interface Translator {

    /**
     * Translates a batch of images.
     *
     * @param input {@code [N, C, H, W]} in [-1, 1], the shape the model was built for
     * @param seed  seed of any randomness the translation keeps at test time (dropout); same seed, same output
     * @return {@code [N, C', H', W']} in [-1, 1]
     */
    INDArray translate(INDArray input, long seed);
}
