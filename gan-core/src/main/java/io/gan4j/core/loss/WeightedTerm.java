package io.gan4j.core.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Objects;
import java.util.function.Function;

/**
 * One named term of a composite objective, {@code weight × loss(input)}: an L1 or content loss on the generator's
 * output, a cycle term, InfoGAN's information loss on an auxiliary discriminator head. The training step sums the
 * adversarial loss with any list of such terms, back-propagates their weighted gradients together and logs each
 * term's unweighted value under its name. Adding a term to a variant is adding one of these objects.
 *
 * <p>The function usually closes over the step's data (the target image, the sampled code): make the terms in the
 * step that uses them.
 *
 * @param name   the term's name in logs, e.g. {@code l1}, {@code info}; letters, digits and {@code _}
 * @param weight the factor λ of the term in the objective, finite (0 logs the term without training on it)
 * @param loss   input ↦ the term's mean value and its gradient dValue/dInput (same shape as the input); the
 *               gradient array is handed over to the caller, who scales it in place and closes it
 */
public record WeightedTerm(String name, double weight, Function<INDArray, LossTerm> loss) {

    public WeightedTerm {
        Objects.requireNonNull(loss, "loss");
        if (name == null || !name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("a loss term's name must be letters, digits and _, got '" + name + "'");
        }
        if (!Double.isFinite(weight)) {
            throw new IllegalArgumentException("loss term '" + name + "' has weight " + weight);
        }
    }

    /**
     * The term on {@code input}.
     *
     * @return the unweighted value (what is logged) and {@code weight ×} the gradient (what is back-propagated), a
     *         new array the caller owns
     */
    public Applied apply(INDArray input) {
        LossTerm t = loss.apply(input);
        INDArray gradient = weight == 1.0 ? t.gradient() : t.gradient().muli(weight);
        return new Applied(name, t.value(), gradient);
    }

    /**
     * A term evaluated on one input.
     *
     * @param name             the term's name
     * @param value            the unweighted loss (a mean)
     * @param weightedGradient weight × dValue/dInput, same shape as the input
     */
    public record Applied(String name, double value, INDArray weightedGradient) {
    }
}
