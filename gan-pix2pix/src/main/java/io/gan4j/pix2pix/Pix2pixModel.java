package io.gan4j.pix2pix;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.api.TranslationModel;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.loss.WeightedTerm;
import io.gan4j.core.nn.AdversarialUpdates;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.PatchGan;
import io.gan4j.core.nn.UNet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * pix2pix (Isola et al. 2017): G = {@link UNet} maps an input image x {@code [N, C, H, W]} to an output
 * {@code G(x)} of the same shape, in [-1, 1]; D = {@link PatchGan} scores patches of {@code [x, y]} (channel
 * concatenation, {@code [N, 2C, H, W]}) when conditional, of {@code y} alone otherwise. There is no noise input:
 * dropout in G's decoder is the only randomness, as in the paper.
 *
 * <p>One step, on a batch with x the inputs and y the targets:
 * <ol>
 *   <li>{@code fake = G(x)} in training mode;</li>
 *   <li>D update ({@link AdversarialUpdates#discriminatorStep}): {@code s · (ℓ_D(D(x, y), real) + ℓ_D(D(x, fake), fake))}
 *       with s = {@code discriminatorLossScale} (½ in the paper), one pass for each half when D has batch norm;</li>
 *   <li>G update through the just-updated D: {@code λ_GAN · ℓ_G(D(x, fake)) + λ_L1 · mean|fake − y|}; the adversarial
 *       gradient reaches G as dL/d(input of D) restricted to the output's channels.</li>
 * </ol>
 * With {@code lambdaGan = 0} there is no D and step 3 is plain L1 regression (the paper's "L1 only" baseline).
 *
 * <p>Logged: {@code d_loss} (scaled), {@code g_loss} (total), {@code g_gan}, {@code g_l1} (unweighted mean
 * reconstruction error), {@code d_real}, {@code d_fake} (mean D score over patches; 0.5 = undecided).
 */
final class Pix2pixModel implements TranslationModel {
    /** The reconstruction term's name: logged as {@code g_l1} (also for the l2 loss, as the column always was). */
    private static final String RECONSTRUCTION = "l1";
    private final Pix2pixConfig config;
    private final DataSpec data;
    private final DataType dataType;
    private final int channels;
    private final Net generator;
    private final Net discriminator;
    private final AdversarialLoss loss;

    Pix2pixModel(ModelContext context) {
        this.config = context.config(Pix2pixConfig.class);
        this.data = context.data();
        this.dataType = context.dataType();
        long[] image = data.sampleShape();
        this.channels = (int) image[0];
        this.generator = UNet.generator(config.generator(), image, config.generatorOptimizer(),
                context.seeds().of("generator"), dataType);
        long[] dInput = {config.conditional() ? 2L * channels : channels, image[1], image[2]};
        this.discriminator = config.adversarial()
                ? PatchGan.discriminator(config.discriminator(), dInput, config.discriminatorOptimizer(),
                context.seeds().of("discriminator"), dataType)
                : null;
        this.loss = config.loss().create();
    }

    /** What D sees for an output image: {@code [x, output]} when conditional, else the output. */
    private INDArray discriminatorInput(INDArray x, INDArray output) {
        return config.conditional() ? Nd4j.concat(1, x, output) : output;
    }

    @Override
    public StepResult trainStep(Batch batch, StepContext ctx) {
        Batch pair = batch.pairedAs(dataType, "pix2pix trains on paired data: the batch has no targets");
        INDArray x = pair.x();
        INDArray y = pair.y();
        INDArray fake = ctx.timer().time("g_forward", () -> generator.forward(x));
        StepResult.Builder result = StepResult.builder();
        AdversarialUpdates.DiscriminatorUpdate d;
        GeneratorLoss g;
        // Arrays made here are closed when done (try/finally): ND4J would otherwise free them only when Java's
        // collector reaches their wrappers, which it seldom does (see Net). Not x and y (the batch's).
        try {
            d = discriminator == null ? null : ctx.timer().time("d_step", () -> discriminatorStep(x, y, fake));
            g = ctx.timer().time("g_step", () -> {
                GeneratorLoss l = backwardGenerator(x, y, fake);
                generator.step();
                return l;
            });
        } finally {
            fake.close();
            // The hidden activations of the networks' last passes (Net would free them at the next forward, a step
            // later).
            networks().values().forEach(Net::releaseActivations);
        }
        if (d != null) {
            result.put("d_loss", d.loss());
        }
        result.put("g_loss", g.total());
        if (d != null) {
            result.put("g_gan", g.adversarial());
        }
        result.put("g_l1", g.reconstruction());
        if (d != null) {
            result.put("d_real", d.realScore()).put("d_fake", d.fakeScore());
        }
        return result.build();
    }

    /** D's update on [x, y] against [x, fake] (or y against fake when not conditional). */
    private AdversarialUpdates.DiscriminatorUpdate discriminatorStep(INDArray x, INDArray y, INDArray fake) {
        INDArray real = discriminatorInput(x, y);
        INDArray generated = discriminatorInput(x, fake);
        try {
            return AdversarialUpdates.discriminatorStep(discriminator, new INDArray[] {real},
                    new INDArray[] {generated}, loss, config.discriminatorLossScale());
        } finally {
            closeIfMade(real, y);
            closeIfMade(generated, fake);
        }
    }

    /** Closes {@code a} when it is a concatenation this class made rather than {@code original} itself. */
    private static void closeIfMade(INDArray a, INDArray original) {
        if (a != original) {
            a.close();
        }
    }

    /**
     * G's loss terms of one step.
     *
     * @param total          {@code lambdaGan · adversarial + lambdaL1 · reconstruction}
     * @param adversarial    ℓ_G(D(x, G(x))), 0 without a discriminator
     * @param reconstruction mean |G(x) − y| (or squared, for l2)
     */
    record GeneratorLoss(double total, double adversarial, double reconstruction) {
    }

    /**
     * Back-propagates G's loss for {@code fake = G(x)} (G's forward pass just run in training mode) into G's
     * parameter gradient, without applying it; D's parameters and gradient are left untouched. The reconstruction
     * term is a {@link WeightedTerm} ({@code l1}, weight λ_L1) on G's output; the adversarial term, weighted λ_GAN,
     * goes through D ({@link AdversarialUpdates#generatorBackward}).
     */
    GeneratorLoss backwardGenerator(INDArray x, INDArray y, INDArray fake) {
        List<WeightedTerm> terms = List.of(new WeightedTerm(RECONSTRUCTION, config.lambdaL1(),
                config.reconstruction().towards(y)));
        double gan = 0;
        double reconstruction;
        if (discriminator == null) {
            Map<String, Double> values = new LinkedHashMap<>();
            INDArray grad = AdversarialUpdates.addTerms(null, fake, terms, values);
            generator.backwardParameters(grad);
            grad.close();
            reconstruction = values.get(RECONSTRUCTION);
        } else {
            INDArray dInput = discriminatorInput(x, fake);
            AdversarialUpdates.GeneratorUpdate g;
            try {
                g = AdversarialUpdates.generatorBackward(generator, discriminator, fake, new INDArray[] {dInput},
                        this::outputChannels, loss, config.lambdaGan(), List.of(), terms);
            } finally {
                closeIfMade(dInput, fake);
            }
            gan = g.loss();
            reconstruction = g.terms().get(RECONSTRUCTION);
        }
        return new GeneratorLoss(config.lambdaGan() * gan + config.lambdaL1() * reconstruction, gan, reconstruction);
    }

    /** D's input gradient covers [x, output] when conditional; only the output's channels lead back into G. */
    private INDArray outputChannels(INDArray dLdInput) {
        return config.conditional()
                ? dLdInput.get(NDArrayIndex.all(), NDArrayIndex.interval(channels, 2L * channels), NDArrayIndex.all(),
                NDArrayIndex.all()).dup()
                : dLdInput;
    }

    /** G's total loss for inputs x and targets y, both networks in training mode, nothing updated (for tests). */
    double generatorLoss(INDArray x, INDArray y) {
        INDArray fake = generator.forward(x);
        double rec = config.reconstruction().compute(fake, y).value();
        double gan = discriminator == null ? 0 : loss.generator(discriminator.forward(discriminatorInput(x, fake))).value();
        return config.lambdaGan() * gan + config.lambdaL1() * rec;
    }

    @Override
    public INDArray translate(INDArray input, long seed) {
        INDArray x = input.castTo(dataType);
        if (config.testMode() == Pix2pixConfig.TestMode.EVAL) {
            return generator.output(x);
        }
        // Dropout draws from ND4J's global generator; seeding it makes the translation a function of the seed.
        Nd4j.getRandom().setSeed(seed);
        return generator.forward(x);
    }

    @Override
    public Map<String, Net> networks() {
        Map<String, Net> nets = new LinkedHashMap<>();
        nets.put("generator", generator);
        if (discriminator != null) {
            nets.put("discriminator", discriminator);
        }
        return nets;
    }
}
