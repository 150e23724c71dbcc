package io.gan4j.core.loss;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Pixel-wise losses between a generated image and its target (pix2pix's λ·L1, CycleGAN's cycle and identity
 * terms). Both are means over every element, as PyTorch's {@code L1Loss}/{@code MSELoss} compute them.
 */
public enum ReconstructionLoss {
    /** mean |ŷ − y|; gradient sign(ŷ − y)/n (0 where equal). */
    @JsonProperty("l1") L1,
    /** mean (ŷ − y)²; gradient 2(ŷ − y)/n. */
    @JsonProperty("l2") L2;

    /**
     * The loss and dLoss/dPrediction.
     *
     * @param prediction generated values, e.g. {@code [N, C, H, W]} in [-1, 1]
     * @param target     values of the same shape
     */
    public Value compute(INDArray prediction, INDArray target) {
        if (!java.util.Arrays.equals(prediction.shape(), target.shape())) {
            throw new IllegalArgumentException("prediction " + java.util.Arrays.toString(prediction.shape())
                    + " and target " + java.util.Arrays.toString(target.shape()) + " differ in shape");
        }
        INDArray diff = prediction.sub(target);
        long n = diff.length();
        // The per-element terms are a temporary the size of the image batch: closed at once rather than left to
        // Java's collector (see Net). The gradient is computed in place in diff, which the caller owns.
        INDArray terms = this == L1 ? Transforms.abs(diff, true) : diff.mul(diff);
        double value = terms.sumNumber().doubleValue() / n;
        terms.close();
        return switch (this) {
            case L1 -> new Value(value, Transforms.sign(diff, false).divi(n));
            case L2 -> new Value(value, diff.muli(2.0 / n));
        };
    }

    /**
     * This loss towards a fixed {@code target}, as the function of a {@link WeightedTerm} (e.g. pix2pix's
     * {@code new WeightedTerm("l1", 100, ReconstructionLoss.L1.towards(target))} on the generator's output).
     */
    public java.util.function.Function<INDArray, LossTerm> towards(INDArray target) {
        return prediction -> {
            Value v = compute(prediction, target);
            return new LossTerm(v.value(), v.gradient());
        };
    }

    /**
     * @param value    the mean loss
     * @param gradient dValue/dPrediction, same shape as the prediction: a new array the caller owns (and closes)
     */
    public record Value(double value, INDArray gradient) {
    }
}
