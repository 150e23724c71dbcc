package io.gan4j.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An adversarial objective on the discriminator's raw outputs ("logits": no sigmoid inside the network).
 * Each element of a logits array is one decision (an MLP emits {@code [N, 1]}, a PatchGAN {@code [N, 1, h, w]});
 * every term is a mean over its elements, and gradients are of that mean, so they can be fed straight into
 * {@link io.gan4j.core.nn.Net#backward}.
 *
 * <p>Label convention, fixed here for every loss: real examples are the positive class (target 1 / high score),
 * generated examples the negative class (target 0 / low score). The discriminator minimises
 * {@code discriminatorOnReal + discriminatorOnFake}; the generator minimises {@link #generator}. The two
 * discriminator terms are separate so a discriminator with batch norm can take one pass per term.
 */
public interface AdversarialLoss {

    /** The config name of this loss, e.g. {@code non-saturating}. */
    String name();

    /** The discriminator's term on real examples; {@code logits} has any shape {@code [N, ...]}. */
    LossTerm discriminatorOnReal(INDArray logits);

    /** The discriminator's term on generated examples; {@code logits} has any shape {@code [M, ...]}. */
    LossTerm discriminatorOnFake(INDArray logits);

    /** The generator's term, computed on the discriminator's outputs for generated examples. */
    LossTerm generator(INDArray fakeLogits);

    /**
     * A readable summary of the discriminator's outputs for logging: the mean probability of "real" for the
     * cross-entropy losses (D(x), D(G(z)) in the GAN paper), the mean raw score for the others.
     */
    double meanScore(INDArray logits);

    /** Both discriminator terms at once. */
    default DiscriminatorLoss discriminator(INDArray realLogits, INDArray fakeLogits) {
        LossTerm r = discriminatorOnReal(realLogits);
        LossTerm f = discriminatorOnFake(fakeLogits);
        return new DiscriminatorLoss(r.value() + f.value(), r.value(), f.value(), r.gradient(), f.gradient());
    }
}
