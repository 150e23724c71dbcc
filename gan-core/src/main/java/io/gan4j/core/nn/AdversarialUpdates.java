package io.gan4j.core.nn;

import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.backend.NdArrays;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.loss.DiscriminatorLoss;
import io.gan4j.core.loss.LossTerm;
import io.gan4j.core.loss.WeightedTerm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The two building blocks of alternating GAN training, shared by the variants so none re-implements them:
 * a discriminator update on real and generated examples, and the generator's adversarial gradient passed back
 * through the discriminator without changing it.
 *
 * <p>Heads and terms compose. The discriminator's output 0 is its adversarial logit; a discriminator built as a
 * graph may have further named outputs ("heads": InfoGAN's Q, an AC-GAN class head). Each step sums the adversarial
 * loss with any list of extra {@link WeightedTerm}s, on heads of the discriminator ({@link HeadTerm}) or on the
 * generator's output (L1, content, cycle), back-propagates them together and reports each term's unweighted value
 * by name: {@code d_<name>} for discriminator-step terms, {@code g_<name>} for generator-step terms.
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
        return alternatingStep(generator, discriminator, generatorInputs, discriminatorInputs, realInputs, loss,
                ExtraTerms.NONE, ctx);
    }

    /**
     * The same three phases with extra loss terms: {@link ExtraTerms#discriminator()} join D's loss in its update,
     * {@link ExtraTerms#generatorHeads()} (on D's heads for the generated examples) and
     * {@link ExtraTerms#generatorOutput()} (on G's output) join G's. Make the terms for this step (they usually
     * close over its data, e.g. the sampled code).
     *
     * @return {@code d_loss}, {@code g_loss} (the adversarial parts), {@code d_real}, {@code d_fake}, then each
     *         term's unweighted value as {@code d_<name>} and {@code g_<name>}
     */
    public static StepResult alternatingStep(Net generator, Net discriminator, INDArray[] generatorInputs,
                                             Function<INDArray, INDArray[]> discriminatorInputs, INDArray[] realInputs,
                                             AdversarialLoss loss, ExtraTerms terms, StepContext ctx) {
        INDArray fake = ctx.timer().time("g_forward", () -> generator.forward(generatorInputs)[0]);
        INDArray[] fakeInputs = discriminatorInputs.apply(fake);
        DiscriminatorUpdate d = ctx.timer().time("d_step",
                () -> discriminatorStep(discriminator, realInputs, fakeInputs, loss, 1.0, terms.discriminator()));
        GeneratorUpdate g = ctx.timer().time("g_step", () -> generatorStep(generator, discriminator, fake,
                fakeInputs, loss, terms.generatorAdversarialWeight(), terms.generatorHeads(),
                terms.generatorOutput()));
        // Freed now rather than when Java's collector finds their wrappers (see Net): G's output, and the
        // networks' hidden activations, which no pass needs any more.
        fake.close();
        generator.releaseActivations();
        discriminator.releaseActivations();
        StepResult.Builder result = StepResult.builder()
                .put("d_loss", d.loss())
                .put("g_loss", g.loss())
                .put("d_real", d.realScore())
                .put("d_fake", d.fakeScore());
        d.terms().forEach((name, value) -> result.put("d_" + name, value));
        g.terms().forEach((name, value) -> result.put("g_" + name, value));
        return result.build();
    }

    /** Which examples' discriminator outputs a {@link HeadTerm} reads. */
    public enum Examples {
        /** The real batch. */
        REAL,
        /** The generated batch. */
        FAKE
    }

    /**
     * A loss term on one named output ("head") of the discriminator, for the real or the generated examples.
     *
     * @param head a name in {@link Net#outputNames()}, usually not output 0 (the adversarial logit)
     * @param on   which examples' outputs the term reads; a generator step takes only {@link Examples#FAKE}
     * @param term the term; its input is the head's output for those examples, {@code [N, ...]}
     */
    public record HeadTerm(String head, Examples on, WeightedTerm term) {
    }

    /**
     * The extra terms of one {@link #alternatingStep}.
     *
     * @param discriminator   terms added to D's loss in its update (on D's heads, for real or generated examples)
     * @param generatorHeads  terms added to G's loss on D's heads for the generated examples (D does not learn
     *                        from them in the generator step)
     * @param generatorOutput terms added to G's loss on G's output {@code [N, ...]}
     * @param generatorAdversarialWeight the weight of the adversarial loss in G's objective (SRGAN: 1e-3 next to a
     *                        content loss of weight 1); 1 in the plain step
     */
    public record ExtraTerms(List<HeadTerm> discriminator, List<HeadTerm> generatorHeads,
                             List<WeightedTerm> generatorOutput, double generatorAdversarialWeight) {
        /** No extra terms: the plain adversarial step. */
        public static final ExtraTerms NONE = new ExtraTerms(List.of(), List.of(), List.of());

        public ExtraTerms {
            discriminator = List.copyOf(discriminator);
            generatorHeads = List.copyOf(generatorHeads);
            generatorOutput = List.copyOf(generatorOutput);
            if (!Double.isFinite(generatorAdversarialWeight)) {
                throw new IllegalArgumentException("adversarial weight " + generatorAdversarialWeight);
            }
        }

        /** Terms with the generator's adversarial loss at weight 1. */
        public ExtraTerms(List<HeadTerm> discriminator, List<HeadTerm> generatorHeads,
                          List<WeightedTerm> generatorOutput) {
            this(discriminator, generatorHeads, generatorOutput, 1.0);
        }
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
        return discriminatorStep(d, real, fake, loss, scale, List.of());
    }

    /**
     * {@link #discriminatorStep(Net, INDArray[], INDArray[], AdversarialLoss, double)} with extra terms on D's heads:
     * each {@link HeadTerm} reads its head's outputs for the real or the generated examples, and its weighted
     * gradient joins the adversarial one in the same backward pass. Every term is scaled by {@code scale} too.
     *
     * @return the update's scalars; {@link DiscriminatorUpdate#terms()} holds each term's unweighted, unscaled value
     */
    public static DiscriminatorUpdate discriminatorStep(Net d, INDArray[] real, INDArray[] fake, AdversarialLoss loss,
                                                        double scale, List<HeadTerm> terms) {
        if (real.length != fake.length || real.length == 0) {
            throw new IllegalArgumentException(real.length + " real inputs but " + fake.length + " fake inputs");
        }
        // Every array made here is closed once used: ND4J would otherwise free it only when Java's collector
        // reaches its wrapper, and the heap fills too slowly for that (see Net).
        DiscriminatorUpdate result = d.hasBatchNorm() ? separatePasses(d, real, fake, loss, scale, terms)
                : onePass(d, real, fake, loss, scale, terms);
        d.step();
        return result;
    }

    /** D's gradient from one pass over real and one over generated examples (a D with batch norm). */
    private static DiscriminatorUpdate separatePasses(Net d, INDArray[] real, INDArray[] fake, AdversarialLoss loss,
                                                      double scale, List<HeadTerm> terms) {
        Map<String, Double> values = new LinkedHashMap<>();
        INDArray[] realOut = d.forward(real);
        LossTerm r = loss.discriminatorOnReal(realOut[0]);
        double realScore = loss.meanScore(realOut[0]);
        INDArray[] errors = errorsOf(realOut, scaled(r.gradient(), scale));
        addHeadTerms(errors, d, realOut, 0, realOut[0].size(0), terms, Examples.REAL, scale, values);
        d.backwardParameters(errors);
        closeAll(errors);
        closeAll(realOut);
        INDArray[] fakeOut = d.forward(fake);
        LossTerm f = loss.discriminatorOnFake(fakeOut[0]);
        double fakeScore = loss.meanScore(fakeOut[0]);
        errors = errorsOf(fakeOut, scaled(f.gradient(), scale));
        addHeadTerms(errors, d, fakeOut, 0, fakeOut[0].size(0), terms, Examples.FAKE, scale, values);
        d.backwardParameters(errors);
        closeAll(errors);
        closeAll(fakeOut);
        return new DiscriminatorUpdate(scale * (r.value() + f.value()), scale * r.value(), scale * f.value(),
                realScore, fakeScore, values);
    }

    /** D's gradient from one pass over the real and generated examples stacked (a D without batch norm). */
    private static DiscriminatorUpdate onePass(Net d, INDArray[] real, INDArray[] fake, AdversarialLoss loss,
                                               double scale, List<HeadTerm> terms) {
        long n = real[0].size(0);
        INDArray[] both = new INDArray[real.length];
        for (int k = 0; k < both.length; k++) {
            both[k] = NdArrays.rows(real[k], fake[k]);
        }
        INDArray[] out = d.forward(both);
        long total = out[0].size(0);
        INDArray realLogits = out[0].get(NDArrayIndex.interval(0, n));
        INDArray fakeLogits = out[0].get(NDArrayIndex.interval(n, total));
        DiscriminatorLoss l = loss.discriminator(realLogits, fakeLogits);
        // ND4J's concat here, not NdArrays.rows: on these [N, 1] columns it would save a few µs, and the other array's
        // buffer moved D's output-bias gradient (1ᵀ·dz in OpenBLAS) by one ulp in a 20-step cgan-mnist run.
        INDArray[] errors = errorsOf(out, scaled(Nd4j.concat(0, l.gradReal(), l.gradFake()), scale));
        Map<String, Double> values = new LinkedHashMap<>();
        addHeadTerms(errors, d, out, 0, n, terms, Examples.REAL, scale, values);
        addHeadTerms(errors, d, out, n, total, terms, Examples.FAKE, scale, values);
        d.backwardParameters(errors);
        DiscriminatorUpdate result = new DiscriminatorUpdate(scale * l.value(), scale * l.realTerm(),
                scale * l.fakeTerm(), loss.meanScore(realLogits), loss.meanScore(fakeLogits), values);
        closeAll(errors);
        l.gradReal().close();
        l.gradFake().close();
        closeAll(out);
        closeAll(both);
        return result;
    }

    /** Errors for every output of {@code outputs}: the adversarial one at 0, null (no loss yet) elsewhere. */
    private static INDArray[] errorsOf(INDArray[] outputs, INDArray adversarial) {
        INDArray[] errors = new INDArray[outputs.length];
        errors[0] = adversarial;
        return errors;
    }

    /**
     * Applies each term of {@code terms} on {@code on} to rows {@code [from, to)} of its head's output and adds its
     * weighted, scaled gradient to that head's error in {@code errors} (zero outside those rows); records values.
     */
    private static void addHeadTerms(INDArray[] errors, Net d, INDArray[] outputs, long from, long to,
                                     List<HeadTerm> terms, Examples on, double scale, Map<String, Double> values) {
        for (HeadTerm t : terms) {
            if (t.on() != on) {
                continue;
            }
            int head = d.outputIndex(t.head());
            INDArray out = outputs[head];
            boolean allRows = from == 0 && to == out.size(0);
            WeightedTerm.Applied a = t.term().apply(allRows ? out : out.get(NDArrayIndex.interval(from, to)));
            if (values.put(t.term().name(), a.value()) != null) {
                throw new IllegalArgumentException("two terms named '" + t.term().name() + "' in one step");
            }
            INDArray gradient = scaled(a.weightedGradient(), scale);
            if (!allRows) {
                INDArray full = Nd4j.zeros(out.dataType(), out.shape());
                full.get(NDArrayIndex.interval(from, to)).assign(gradient);
                gradient.close();
                gradient = full;
            }
            if (errors[head] == null) {
                errors[head] = gradient;
            } else {
                errors[head].addi(gradient);
                gradient.close();
            }
        }
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
     * @param loss      the discriminator's adversarial loss before the update, {@code realTerm + fakeTerm}
     * @param realTerm  the part on real examples
     * @param fakeTerm  the part on generated examples
     * @param realScore {@link AdversarialLoss#meanScore} on real examples (D(x) for cross-entropy losses)
     * @param fakeScore {@link AdversarialLoss#meanScore} on generated examples (D(G(z)))
     * @param terms     the extra head terms' unweighted values by name, in the order applied (empty without any)
     */
    public record DiscriminatorUpdate(double loss, double realTerm, double fakeTerm, double realScore, double fakeScore,
                                      Map<String, Double> terms) {
        public DiscriminatorUpdate {
            terms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        }

        /** An update without extra terms. */
        public DiscriminatorUpdate(double loss, double realTerm, double fakeTerm, double realScore, double fakeScore) {
            this(loss, realTerm, fakeTerm, realScore, fakeScore, Map.of());
        }
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
        return generatorGradient(d, inputs, loss, 1.0, List.of());
    }

    /**
     * {@link #generatorGradient(Net, INDArray[], AdversarialLoss)} with extra terms on D's heads for the generated
     * examples (e.g. InfoGAN's information loss on Q's output): {@link GeneratorGradient#dLdFake()} is the gradient
     * of the adversarial loss plus every weighted term.
     *
     * @param adversarialWeight the factor of the adversarial loss's gradient (1 for the plain objective; its
     *                          reported value stays unweighted)
     * @param terms             terms on {@link Examples#FAKE} only
     */
    public static GeneratorGradient generatorGradient(Net d, INDArray[] inputs, AdversarialLoss loss,
                                                      double adversarialWeight, List<HeadTerm> terms) {
        for (HeadTerm t : terms) {
            if (t.on() != Examples.FAKE) {
                throw new IllegalArgumentException("the generator's term '" + t.term().name() + "' reads real "
                        + "examples, which do not depend on the generator");
            }
        }
        INDArray[] outputs = d.forward(inputs);
        LossTerm term = loss.generator(outputs[0]);
        double score = loss.meanScore(outputs[0]);
        INDArray[] errors = errorsOf(outputs, scaled(term.gradient(), adversarialWeight));
        Map<String, Double> values = new LinkedHashMap<>();
        addHeadTerms(errors, d, outputs, 0, outputs[0].size(0), terms, Examples.FAKE, 1.0, values);
        INDArray[] grads = d.backwardInput(errors);
        closeAll(errors);
        closeAll(outputs);
        for (int k = 1; k < grads.length; k++) {
            // Gradients with respect to the conditions are not wanted.
            if (grads[k] != null && !Net.sameBuffer(grads[k], grads[0])) {
                grads[k].close();
            }
        }
        return new GeneratorGradient(term.value(), score, grads[0], values);
    }

    /**
     * @param loss      the generator's adversarial loss
     * @param meanScore {@link AdversarialLoss#meanScore} of the discriminator's outputs on the generated examples
     * @param dLdFake   dLoss/dFake, same shape as the generated examples
     * @param terms     the extra head terms' unweighted values by name (empty without any)
     */
    public record GeneratorGradient(double loss, double meanScore, INDArray dLdFake, Map<String, Double> terms) {
        /** A gradient without extra terms. */
        public GeneratorGradient(double loss, double meanScore, INDArray dLdFake) {
            this(loss, meanScore, dLdFake, Map.of());
        }
    }

    /**
     * One generator update: the adversarial loss and {@code headTerms} through D ({@link #generatorGradient}, D does
     * not learn), plus {@code outputTerms} on G's output, back-propagated through G together; then G's optimizer
     * steps. G must hold the training pass that produced {@code fake}.
     *
     * @param fake        G's output {@code [N, ...]} of its last {@link Net#forward}
     * @param fakeInputs  D's inputs for {@code fake}: {@code fake} in D's input shape first, then any conditions
     * @param adversarialWeight the adversarial loss's weight in G's objective (1 for the plain GAN objective)
     * @param headTerms   terms on D's heads for the generated examples ({@link Examples#FAKE})
     * @param outputTerms terms on {@code fake}; their gradients (shaped like {@code fake}) are added to dL/dfake
     */
    public static GeneratorUpdate generatorStep(Net generator, Net discriminator, INDArray fake, INDArray[] fakeInputs,
                                                AdversarialLoss loss, double adversarialWeight,
                                                List<HeadTerm> headTerms, List<WeightedTerm> outputTerms) {
        GeneratorUpdate update = generatorBackward(generator, discriminator, fake, fakeInputs, UnaryOperator.identity(),
                loss, adversarialWeight, headTerms, outputTerms);
        generator.step();
        return update;
    }

    /**
     * {@link #generatorStep} without the optimizer step: G's loss is back-propagated into G's parameter gradient,
     * which is left pending (for a caller that steps several networks together, or checks the gradient). D's
     * parameters and pending gradient are left untouched.
     *
     * @param toFakeGradient maps dL/d(D's input 0) to dL/d{@code fake}, for a D whose input 0 is not {@code fake}
     *                       itself: pix2pix's conditional D reads {@code [x, fake]} on the channel axis
     *                       {@code [N, 2C, H, W]}, and only channels {@code [C, 2C)} lead back into G.
     *                       {@link UnaryOperator#identity()} when input 0 is {@code fake}. When it returns a new array
     *                       (shaped like {@code fake}, not a view), its argument is closed here.
     * @return the adversarial loss (unweighted), D's mean score, and every term's unweighted value by name
     */
    public static GeneratorUpdate generatorBackward(Net generator, Net discriminator, INDArray fake,
                                                    INDArray[] fakeInputs, UnaryOperator<INDArray> toFakeGradient,
                                                    AdversarialLoss loss, double adversarialWeight,
                                                    List<HeadTerm> headTerms, List<WeightedTerm> outputTerms) {
        GeneratorGradient grad = generatorGradient(discriminator, fakeInputs, loss, adversarialWeight, headTerms);
        INDArray dLdFake = toFakeGradient.apply(grad.dLdFake());
        if (dLdFake != grad.dLdFake()) {
            grad.dLdFake().close();
        }
        Map<String, Double> values = new LinkedHashMap<>(grad.terms());
        addTerms(dLdFake, fake, outputTerms, values);
        generator.backwardParameters(dLdFake);
        dLdFake.close();
        return new GeneratorUpdate(grad.loss(), grad.meanScore(), values);
    }

    /**
     * Applies each of {@code terms} to {@code input} and sums their weighted gradients: the one place a variant's
     * extra terms (L1, cycle, identity) are added up, in list order.
     *
     * @param gradient the gradient the terms join (same number of elements as {@code input}; added to in place), or
     *                 null to start from the first term's gradient
     * @param input    what the terms read, e.g. G's output {@code [N, C, H, W]}
     * @param values   receives each term's unweighted value under its name; a name already there is refused
     * @return {@code gradient} with every term's weighted gradient added; when {@code gradient} is null, a new array
     *         shaped like {@code input} the caller closes, or null when {@code terms} is empty
     */
    public static INDArray addTerms(INDArray gradient, INDArray input, List<WeightedTerm> terms,
                                    Map<String, Double> values) {
        INDArray sum = gradient;
        for (WeightedTerm t : terms) {
            WeightedTerm.Applied a = t.apply(input);
            if (values.put(t.name(), a.value()) != null) {
                a.weightedGradient().close();
                throw new IllegalArgumentException("two terms named '" + t.name() + "' in one step");
            }
            if (sum == null) {
                sum = a.weightedGradient();
            } else {
                sum.addi(a.weightedGradient().reshape(sum.shape()));
                a.weightedGradient().close();
            }
        }
        return sum;
    }

    /**
     * Scalars of one generator update.
     *
     * @param loss      the generator's adversarial loss before the update
     * @param meanScore {@link AdversarialLoss#meanScore} of D's outputs on the generated examples
     * @param terms     the extra terms' unweighted values by name: head terms first, then output terms
     */
    public record GeneratorUpdate(double loss, double meanScore, Map<String, Double> terms) {
        public GeneratorUpdate {
            terms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        }
    }
}
