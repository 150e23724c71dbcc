package io.gan4j.srgan;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.api.TranslationModel;
import io.gan4j.core.data.DataException;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.loss.LossTerm;
import io.gan4j.core.loss.ReconstructionLoss;
import io.gan4j.core.loss.WeightedTerm;
import io.gan4j.core.nn.AdversarialUpdates;
import io.gan4j.core.nn.Net;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SRGAN (Ledig et al. 2017) as a {@link TranslationModel} on gan4j's paired super-resolution data. A pair's input x
 * {@code [N, C, H, W]} is the superres task's bilinear up-sampling of the block means; the model recovers the
 * low-resolution image {@code I_LR = [N, C, H/f, W/f]} from it exactly ({@link LowResolution}) and G = {@link SrResNet}
 * maps I_LR to {@code I_SR = G(I_LR)} {@code [N, C, H, W]} in [-1, 1]; the pair's target y is I_HR. D =
 * {@link SrganDiscriminator} judges I_HR against I_SR.
 *
 * <p>One step:
 * <ol>
 *   <li>{@code sr = G(lr)} in training mode;</li>
 *   <li>D update ({@link AdversarialUpdates#discriminatorStep}) on y (real) against sr (generated), two passes (D has
 *       batch norm);</li>
 *   <li>G update: {@code contentWeight · l_X + adversarialWeight · l_Gen}, l_X the content loss (feature or pixel
 *       MSE), l_Gen = −log D(G(lr)) through the just-updated D (the paper's eq. 3–6).</li>
 * </ol>
 * Without an adversarial term (SRResNet) step 2 does not exist; the bicubic baseline has no networks and its step only
 * measures its own pixel MSE.
 *
 * <p>Logged: {@code d_loss}, {@code g_loss} (total), {@code g_content} and {@code g_adv} (unweighted), {@code d_real},
 * {@code d_fake} (D's mean probabilities), and {@code mse}, the pixel MSE of the step's outputs (a diagnostic when the
 * content loss is on features). The paper's schedule (SRResNet pre-trained 10⁶ steps with MSE, then SRGAN initialised
 * from it for 2·10⁵ steps with a learning-rate drop) is not reproduced: each config trains from scratch.
 */
final class SrganModel implements TranslationModel {
    private final SrganConfig config;
    private final DataType dataType;
    private final LowResolution lowResolution;
    private final Net generator;
    private final Net discriminator;
    private final FeatureContentLoss features;
    private final AdversarialLoss loss;
    private final double[][] bicubicRows;
    private final double[][] bicubicCols;

    SrganModel(ModelContext context) {
        this.config = context.config(SrganConfig.class);
        this.dataType = context.dataType();
        long[] image = context.data().sampleShape();
        this.lowResolution = new LowResolution(image[1], image[2], config.factor());
        long[] lowRes = {image[0], image[1] / config.factor(), image[2] / config.factor()};
        boolean trained = config.trained();
        this.generator = trained ? SrResNet.generator(config.generator(), lowRes, config.stages(),
                config.generatorOptimizer(), context.seeds().of("generator"), dataType) : null;
        this.discriminator = config.adversarial() ? SrganDiscriminator.discriminator(config.discriminator(), image,
                config.discriminatorOptimizer(), context.seeds().of("discriminator"), dataType) : null;
        this.features = trained && config.content() == SrganConfig.Content.FEATURES
                ? new FeatureContentLoss(config.contentNetwork(), config.contentLayer(), dataType) : null;
        this.loss = config.loss().create();
        this.bicubicRows = Resampling.bicubicUp((int) lowRes[1], config.factor(), config.bicubicA());
        this.bicubicCols = Resampling.bicubicUp((int) lowRes[2], config.factor(), config.bicubicA());
    }

    /**
     * The low-resolution images a batch of pair inputs was made from.
     *
     * @throws DataException when the inputs are not the superres task's up-sampling by this factor (the user's data
     *                       config names another task: the CLI says so in one line, exit 2)
     */
    INDArray lowResolution(INDArray input) {
        double residual = lowResolution.residual(input);
        if (residual > LowResolution.MAX_RESIDUAL) {
            throw new DataException(String.format(Locale.ROOT, "SRGAN needs the inputs of the superres"
                    + " task with factor %d (data.task superres, data.factor %d): these differ from a bilinear"
                    + " up-sampling of their %dx block means by %.3f RMS", lowResolution.factor(),
                    lowResolution.factor(), lowResolution.factor(), residual));
        }
        return lowResolution.of(input, dataType);
    }

    /** Bicubic up-sampling of low-resolution images, clipped to [-1, 1] (the cubic kernel overshoots). */
    INDArray bicubic(INDArray lowRes) {
        INDArray up = Resampling.apply(lowRes, bicubicRows, bicubicCols, dataType);
        return Transforms.min(Transforms.max(up, -1.0, false), 1.0, false);
    }

    @Override
    public StepResult trainStep(Batch batch, StepContext ctx) {
        if (batch.y() == null) {
            throw new IllegalArgumentException("SRGAN trains on paired data: the batch has no targets");
        }
        INDArray y = batch.y().castTo(dataType);
        INDArray lr = lowResolution(batch.x());
        StepResult.Builder result = StepResult.builder();
        if (generator == null) {
            INDArray up = bicubic(lr);
            result.put("mse", pixelMse(up, y));
            up.close();
            lr.close();
            return result.build();
        }
        INDArray sr = ctx.timer().time("g_forward", () -> generator.forward(lr));
        AdversarialUpdates.DiscriminatorUpdate d = null;
        GeneratorLoss g;
        // Arrays made here are closed when done: ND4J would otherwise free them only when Java's collector reaches
        // their wrappers (see Net).
        try {
            if (discriminator != null) {
                d = ctx.timer().time("d_step", () -> AdversarialUpdates.discriminatorStep(discriminator, y, sr, loss));
            }
            g = ctx.timer().time("g_step", () -> generatorStep(y, sr));
            result.put("mse", config.content() == SrganConfig.Content.MSE ? g.content() : pixelMse(sr, y));
        } finally {
            sr.close();
            lr.close();
            networks().values().forEach(Net::releaseActivations);
        }
        if (d != null) {
            result.put("d_loss", d.loss());
        }
        result.put("g_loss", g.total()).put("g_content", g.content());
        if (d != null) {
            result.put("g_adv", g.adversarial()).put("d_real", d.realScore()).put("d_fake", d.fakeScore());
        }
        return result.build();
    }

    private static double pixelMse(INDArray a, INDArray b) {
        ReconstructionLoss.Value v = ReconstructionLoss.L2.compute(a, b);
        v.gradient().close();
        return v.value();
    }

    /**
     * G's loss terms of one step.
     *
     * @param total       {@code contentWeight · content + adversarialWeight · adversarial}
     * @param content     the content loss (feature or pixel MSE)
     * @param adversarial ℓ_G(D(G(lr))), 0 without a discriminator
     */
    record GeneratorLoss(double total, double content, double adversarial) {
    }

    /** The content term's value and dValue/dSR. */
    private LossTerm content(INDArray sr, INDArray y) {
        ReconstructionLoss.Value v = features != null ? features.compute(sr, y) : ReconstructionLoss.L2.compute(sr, y);
        return new LossTerm(v.value(), v.gradient());
    }

    /**
     * G's update for {@code sr = G(lr)} (G's forward pass just run in training mode): the content term on G's output
     * as a named, weighted term, and the adversarial loss through D weighted by {@code adversarialWeight}, summed and
     * applied by gan-core's {@link AdversarialUpdates#generatorStep}; D's parameters and gradient are left untouched.
     */
    GeneratorLoss generatorStep(INDArray y, INDArray sr) {
        WeightedTerm content = new WeightedTerm("content", config.contentWeight(), out -> content(out, y));
        if (discriminator == null) {
            WeightedTerm.Applied c = content.apply(sr);
            generator.backwardParameters(c.weightedGradient());
            c.weightedGradient().close();
            generator.step();
            return new GeneratorLoss(config.contentWeight() * c.value(), c.value(), 0);
        }
        AdversarialUpdates.GeneratorUpdate u = AdversarialUpdates.generatorStep(generator, discriminator, sr,
                new INDArray[] {sr}, loss, config.adversarialWeight(), List.of(), List.of(content));
        double c = u.terms().get("content");
        return new GeneratorLoss(config.contentWeight() * c + config.adversarialWeight() * u.loss(), c, u.loss());
    }

    /** G's total loss for low-resolution inputs and targets, networks in training mode, nothing updated (tests). */
    double generatorLoss(INDArray lr, INDArray y) {
        INDArray sr = generator.forward(lr);
        double content = features != null ? features.value(sr, y) : pixelMse(sr, y);
        double adversarial = discriminator == null ? 0 : loss.generator(discriminator.forward(sr)).value();
        return config.contentWeight() * content + config.adversarialWeight() * adversarial;
    }

    /** The content loss, for tests. */
    FeatureContentLoss features() {
        return features;
    }

    /** Super-resolves pair inputs: G in inference mode (batch norm's running statistics), or bicubic. */
    @Override
    public INDArray translate(INDArray input, long seed) {
        INDArray lr = lowResolution(input);
        INDArray out = generator == null ? bicubic(lr) : generator.output(lr);
        lr.close();
        return out;
    }

    @Override
    public Map<String, Net> networks() {
        Map<String, Net> nets = new LinkedHashMap<>();
        if (generator != null) {
            nets.put("generator", generator);
        }
        if (discriminator != null) {
            nets.put("discriminator", discriminator);
        }
        return nets;
    }
}
