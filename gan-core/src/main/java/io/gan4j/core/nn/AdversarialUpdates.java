package io.gan4j.core.nn;

import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.loss.DiscriminatorLoss;
import io.gan4j.core.loss.LossTerm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.function.Function;

/**
 * The two building blocks of alternating GAN training, shared by the variants so none re-implements them:
 * a discriminator update on real and generated examples, and the generator's adversarial gradient passed back
 * through the discriminator without changing it.
 */
public final class AdversarialUpdates {
    private AdversarialUpdates() {
    }

    /**
     * One iteration of the standard alternating scheme (Goodfellow et al. 2014, Algorithm 1 with k = 1), which the
     * unconditional single-input variants share: (1) {@code fake = G(z)}, keeping G's layer inputs; (2) one
     * discriminator update on {@code real} against {@code fake} ({@link #discriminatorStep}); (3) G's loss on D's
     * verdict on {@code fake}, back-propagated through D (which does not learn from it) into G, and only G's
     * optimizer steps. The phases are timed as {@code g_forward}, {@code d_step} and {@code g_step}.
     *
     * @param generator     G, taking {@code z} and emitting examples in D's input shape
     * @param discriminator D, emitting logits {@code [N, 1]} (or a map of logits)
     * @param z             latent codes in G's input shape, {@code [N, ...]}
     * @param real          real examples {@code [N, ...]} in D's input shape, values as the data gives them
     * @return {@code d_loss}, {@code g_loss}, and D's mean scores {@code d_real}, {@code d_fake} in [0, 1]
     */
    public static StepResult alternatingStep(Net generator, Net discriminator, INDArray z, INDArray real,
                                             AdversarialLoss loss, StepContext ctx) {
        return alternatingStep(generator, discriminator, new INDArray[] {z}, fake -> new INDArray[] {fake},
                new INDArray[] {real}, loss, ctx);
    }

    /**
     * {@link #alternatingStep(Net, Net, INDArray, INDArray, AdversarialLoss, StepContext)} for networks with
     * several inputs, such as a conditional GAN's G(z, y) and D(x, y): the same three phases, with the conditions
     * fed to both networks as constants.
     *
     * @param generatorInputs     G's inputs, each {@code [N, ...]}
     * @param discriminatorInputs D's inputs for G's output {@code fake}: {@code fake} (in D's input shape) first,
     *                            then the conditions it was generated for
     * @param realInputs          D's inputs for the real batch, in the same order
     */
    public static StepResult alternatingStep(Net generator, Net discriminator, INDArray[] generatorInputs,
                                             Function<INDArray, INDArray[]> discriminatorInputs, INDArray[] realInputs,
                                             AdversarialLoss loss, StepContext ctx) {
        INDArray fake = ctx.timer().time("g_forward", () -> generator.forward(generatorInputs)[0]);
        INDArray[] fakeInputs = discriminatorInputs.apply(fake);
        DiscriminatorUpdate d = ctx.timer().time("d_step",
                () -> discriminatorStep(discriminator, realInputs, fakeInputs, loss));
        GeneratorGradient g = ctx.timer().time("g_step", () -> {
            GeneratorGradient grad = generatorGradient(discriminator, fakeInputs, loss);
            generator.backwardParameters(grad.dLdFake());
            grad.dLdFake().close();
            generator.step();
            return grad;
        });
        // Freed now rather than when Java's collector finds their wrappers (see Net): G's output, and the
        // networks' hidden activations, which no pass needs any more.
        fake.close();
        generator.releaseActivations();
        discriminator.releaseActivations();
        return StepResult.builder()
                .put("d_loss", d.loss())
                .put("g_loss", g.loss())
                .put("d_real", d.realScore())
                .put("d_fake", d.fakeScore())
                .build();
    }

    /**
     * One discriminator update: minimises {@code loss} on {@code real} (as real) and {@code fake} (as generated)
     * and applies the discriminator's optimizer. Without batch norm the two halves go through the network in one
     * pass; with batch norm in two, so each half is normalised with its own statistics (as reference code does).
     *
     * @param d    the discriminator, emitting logits
     * @param real real examples {@code [N, ...]} in the discriminator's input shape
     * @param fake generated examples {@code [M, ...]}, treated as constants (the generator is not updated)
     * @return the loss before the update, with its parts and the discriminator's mean scores
     */
    public static DiscriminatorUpdate discriminatorStep(Net d, INDArray real, INDArray fake, AdversarialLoss loss) {
        return discriminatorStep(d, new INDArray[] {real}, new INDArray[] {fake}, loss);
    }

    /**
     * {@link #discriminatorStep(Net, INDArray, INDArray, AdversarialLoss)} for a discriminator with several inputs,
     * such as a conditional one that takes an example and its label: input k of the real pass is {@code real[k]},
     * of the fake pass {@code fake[k]}, each {@code [N, ...]} (real) or {@code [M, ...]} (fake).
     */
    public static DiscriminatorUpdate discriminatorStep(Net d, INDArray[] real, INDArray[] fake, AdversarialLoss loss) {
        return discriminatorStep(d, real, fake, loss, 1.0);
    }

    /**
     * {@link #discriminatorStep(Net, INDArray[], INDArray[], AdversarialLoss)} on {@code scale} times the loss (pix2pix
     * halves D's objective to slow D relative to G): gradients and reported terms are scaled, scores are not.
     */
    public static DiscriminatorUpdate discriminatorStep(Net d, INDArray[] real, INDArray[] fake, AdversarialLoss loss,
                                                        double scale) {
        if (real.length != fake.length || real.length == 0) {
            throw new IllegalArgumentException(real.length + " real inputs but " + fake.length + " fake inputs");
        }
        DiscriminatorUpdate result;
        // Every array made here is closed once used: ND4J would otherwise free it only when Java's collector
        // reaches its wrapper, and the heap fills too slowly for that (see Net).
        if (d.hasBatchNorm()) {
            INDArray realLogits = d.forward(real)[0];
            LossTerm r = loss.discriminatorOnReal(realLogits);
            double realScore = loss.meanScore(realLogits);
            d.backwardParameters(scaled(r.gradient(), scale));
            r.gradient().close();
            realLogits.close();
            INDArray fakeLogits = d.forward(fake)[0];
            LossTerm f = loss.discriminatorOnFake(fakeLogits);
            double fakeScore = loss.meanScore(fakeLogits);
            d.backwardParameters(scaled(f.gradient(), scale));
            f.gradient().close();
            fakeLogits.close();
            result = new DiscriminatorUpdate(scale * (r.value() + f.value()), scale * r.value(), scale * f.value(),
                    realScore, fakeScore);
        } else {
            long n = real[0].size(0);
            INDArray[] both = new INDArray[real.length];
            for (int k = 0; k < both.length; k++) {
                both[k] = Nd4j.concat(0, real[k], fake[k]);
            }
            INDArray logits = d.forward(both)[0];
            INDArray realLogits = logits.get(NDArrayIndex.interval(0, n));
            INDArray fakeLogits = logits.get(NDArrayIndex.interval(n, logits.size(0)));
            DiscriminatorLoss l = loss.discriminator(realLogits, fakeLogits);
            INDArray grad = Nd4j.concat(0, l.gradReal(), l.gradFake());
            d.backwardParameters(scaled(grad, scale));
            result = new DiscriminatorUpdate(scale * l.value(), scale * l.realTerm(), scale * l.fakeTerm(),
                    loss.meanScore(realLogits), loss.meanScore(fakeLogits));
            grad.close();
            l.gradReal().close();
            l.gradFake().close();
            logits.close();
            closeAll(both);
        }
        d.step();
        return result;
    }

    /** Closes arrays the caller owns and no longer needs (null entries and views are skipped). */
    public static void closeAll(INDArray... arrays) {
        if (arrays == null) {
            return;
        }
        for (INDArray a : arrays) {
            if (a != null) {
                a.close();
            }
        }
    }

    private static INDArray scaled(INDArray gradient, double scale) {
        return scale == 1.0 ? gradient : gradient.muli(scale);
    }

    /**
     * Scalars of one discriminator update.
     *
     * @param loss      the discriminator's loss before the update, {@code realTerm + fakeTerm}
     * @param realTerm  the part on real examples
     * @param fakeTerm  the part on generated examples
     * @param realScore {@link AdversarialLoss#meanScore} on real examples (D(x) for cross-entropy losses)
     * @param fakeScore {@link AdversarialLoss#meanScore} on generated examples (D(G(z)))
     */
    public record DiscriminatorUpdate(double loss, double realTerm, double fakeTerm, double realScore, double fakeScore) {
    }

    /**
     * The generator's adversarial term and its gradient with respect to the generated examples, back-propagated
     * through {@code d} in training mode; {@code d}'s parameters and pending gradient are left untouched.
     * The caller passes {@link GeneratorGradient#dLdFake()} (plus any other terms) into the generator's
     * {@link Net#backward} and steps it.
     *
     * @param fake generated examples {@code [M, ...]} in the discriminator's input shape
     */
    public static GeneratorGradient generatorGradient(Net d, INDArray fake, AdversarialLoss loss) {
        return generatorGradient(d, new INDArray[] {fake}, loss);
    }

    /**
     * {@link #generatorGradient(Net, INDArray, AdversarialLoss)} for a discriminator with several inputs: input 0
     * is the generated example, the others (e.g. the label it was generated for) are conditions treated as
     * constants. {@link GeneratorGradient#dLdFake()} is the gradient with respect to input 0.
     *
     * @param inputs the discriminator's inputs, {@code inputs[0]} the generated examples {@code [M, ...]}
     */
    public static GeneratorGradient generatorGradient(Net d, INDArray[] inputs, AdversarialLoss loss) {
        INDArray logits = d.forward(inputs)[0];
        LossTerm term = loss.generator(logits);
        double score = loss.meanScore(logits);
        INDArray[] grads = d.backwardInput(new INDArray[] {term.gradient()});
        term.gradient().close();
        logits.close();
        for (int k = 1; k < grads.length; k++) {
            // Gradients with respect to the conditions are not wanted.
            if (grads[k] != null && !Net.sameBuffer(grads[k], grads[0])) {
                grads[k].close();
            }
        }
        return new GeneratorGradient(term.value(), score, grads[0]);
    }

    /**
     * @param loss      the generator's adversarial loss
     * @param meanScore {@link AdversarialLoss#meanScore} of the discriminator's outputs on the generated examples
     * @param dLdFake   dLoss/dFake, same shape as the generated examples
     */
    public record GeneratorGradient(double loss, double meanScore, INDArray dLdFake) {
    }
}
