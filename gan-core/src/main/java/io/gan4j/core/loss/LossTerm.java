package io.gan4j.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One loss term and its gradient with respect to the array it was computed from.
 *
 * @param value    the term (a mean over all elements)
 * @param gradient dValue/dInput, same shape as the input
 */
public record LossTerm(double value, INDArray gradient) {
}
