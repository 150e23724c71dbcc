package io.gan4j.core.api;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Optional;

/**
 * A translation model trained on unpaired domains A and B that maps both ways (CycleGAN's G: A → B and F: B → A).
 * {@link #translate} is A → B, {@link #translateBack} is B → A; there are no targets, so its grids show each
 * direction with its cycle reconstruction instead of a target row.
 */
public interface BidirectionalTranslationModel extends TranslationModel {

    /**
     * Translates domain-B images to domain A in inference mode.
     *
     * @param input {@code [N, C, H, W]} in [-1, 1]
     * @param seed  seed of any randomness kept at test time
     * @return {@code [N, C, H, W]} in [-1, 1]
     */
    INDArray translateBack(INDArray input, long seed);

    /**
     * Six rows of {@code images.size()} columns: a | G(a) | F(G(a)) and b | F(b) | G(F(b)).
     *
     * @param images x = domain-A images, y = domain-B images, each {@code [n, C, H, W]} (unrelated to each other)
     */
    @Override
    default SampleGrid translationGrid(Batch images, long seed) {
        INDArray a = images.x();
        INDArray b = images.y().castTo(a.dataType());
        INDArray ab = translate(a, seed).castTo(a.dataType());
        INDArray aba = translateBack(ab, seed).castTo(a.dataType());
        INDArray ba = translateBack(b, seed).castTo(a.dataType());
        INDArray bab = translate(ba, seed).castTo(a.dataType());
        return new SampleGrid(Nd4j.concat(0, a, ab, aba, b, ba, bab), 6, images.size(),
                new String[] {"A", "G(A)", "F(G(A))", "B", "F(B)", "G(F(B))"});
    }

    /** {@link EvaluationKind#CYCLE_TRANSLATION}: both directions scored on held-out images of the two domains. */
    @Override
    default EvaluationKind evaluationKind() {
        return EvaluationKind.CYCLE_TRANSLATION;
    }

    /** {@link #translateBack}. */
    @Override
    default Optional<Translator> backTranslator() {
        return Optional.of(this::translateBack);
    }
}
