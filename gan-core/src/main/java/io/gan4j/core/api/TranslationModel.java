package io.gan4j.core.api;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Optional;

/**
 * A model that maps an input image to an output image (pix2pix; CycleGAN's A → B) rather than drawing samples from
 * noise. It trains on {@link DataKind#PAIRED} (or unpaired) batches; there is no latent code, so {@link #sample}
 * does not apply and the tools translate inputs instead: the sample grids show input | output | target rows of fixed
 * pairs, and {@code evaluate} scores outputs against the held-out targets.
 */
public interface TranslationModel extends GanModel {

    /**
     * Translates inputs in inference mode (as configured: a model may keep dropout and batch statistics at test
     * time, as pix2pix does).
     *
     * @param input {@code [N, C, H, W]} in [-1, 1], the shape the model was built for
     * @param seed  seed of any randomness the translation keeps at test time (dropout); same seed, same output
     * @return {@code [N, C, H, W]} in [-1, 1]
     */
    INDArray translate(INDArray input, long seed);

    /**
     * Three rows — inputs, outputs, targets — of {@code pairs.size()} columns.
     *
     * @param pairs x = inputs, y = targets, each {@code [n, C, H, W]}
     */
    default SampleGrid translationGrid(Batch pairs, long seed) {
        INDArray out = translate(pairs.x(), seed).castTo(pairs.x().dataType());
        INDArray images = Nd4j.concat(0, pairs.x(), out, pairs.y().castTo(pairs.x().dataType()));
        return new SampleGrid(images, 3, pairs.size(), new String[] {"input", "output", "target"});
    }

    /** Not defined for a translation model, which has no latent code: translate inputs with {@link #translate}. */
    @Override
    default INDArray sample(int n, long seed) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " translates images and draws no samples from noise; translate inputs instead");
    }

    /** {@link #translationGrid} of the fixed pairs. */
    @Override
    default SampleGrid sampleGrid(int rows, int cols, Batch examples, long seed) {
        return translationGrid(examples, seed);
    }

    /** {@link EvaluationKind#PAIRED_TRANSLATION}: outputs on held-out pairs scored against their targets. */
    @Override
    default EvaluationKind evaluationKind() {
        return EvaluationKind.PAIRED_TRANSLATION;
    }

    /** {@link #translate}. */
    @Override
    default Optional<Translator> translator() {
        return Optional.of(this::translate);
    }

    /** Not defined without inputs: the trainer shows {@link #translationGrid} of fixed pairs. */
    @Override
    default SampleGrid sampleGrid(int rows, int cols, long seed) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " needs input images for a grid; use translationGrid");
    }
}
