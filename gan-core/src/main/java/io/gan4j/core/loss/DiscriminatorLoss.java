package io.gan4j.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The discriminator's (or critic's) loss on one batch and its gradient with respect to the raw outputs.
 *
 * @param value    the loss, {@code realTerm + fakeTerm}
 * @param realTerm the part computed on real examples (mean over all real logits)
 * @param fakeTerm the part computed on generated examples (mean over all fake logits)
 * @param gradReal dValue/dRealLogits, same shape as the real logits
 * @param gradFake dValue/dFakeLogits, same shape as the fake logits
 */
public record DiscriminatorLoss(double value, double realTerm, double fakeTerm, INDArray gradReal, INDArray gradFake) {
}
