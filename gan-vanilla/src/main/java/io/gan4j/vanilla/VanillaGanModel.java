package io.gan4j.vanilla;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.model.LatentGanModel;
import io.gan4j.core.nn.AdversarialUpdates;
import io.gan4j.core.nn.Mlp;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A GAN with MLP networks (Goodfellow et al. 2014). G maps z ∈ R^latentDim to a flattened example; D maps a
 * flattened example to one logit. Examples of any shape work: images {@code [C, H, W]} are flattened on the way
 * into D and G's output is reshaped to the data's shape; 2-D points pass through as they are.
 *
 * <p>Update order of one step (Algorithm 1 of the paper with k = 1, and G's non-saturating objective):
 * <ol>
 *   <li>draw z and compute G(z) once, in training mode;</li>
 *   <li>update D on the real batch and on G(z) treated as constant;</li>
 *   <li>update G through the just-updated D, reusing the same G(z) (G's parameters have not changed, so its
 *       stored activations are still valid).</li>
 * </ol>
 * Keras-GAN instead runs D on real and fake batches as two separate optimizer steps and draws fresh z for G;
 * gan4j takes one D step on the summed loss, like the PyTorch reference implementations.
 */
final class VanillaGanModel extends LatentGanModel<VanillaConfig> {
    // LatentGanModel holds what every latent-noise GAN shares: the config, the data's shape, G and D, the networks
    // map a checkpoint saves, drawing codes z and generating from them (sample, generate). A variant adds its loss
    // and its training step; a convolutional G would also override generatorInput (DCGAN's does).
    private final AdversarialLoss loss;

    VanillaGanModel(ModelContext context) {
        super(context, VanillaConfig.class, "discriminator", VanillaGanModel::networks);
        this.loss = config.loss().create();
    }

    /** G: z → a flat example, D: a flat example → one logit; both MLPs. */
    private static Networks networks(VanillaConfig config, ModelContext context) {
        int exampleSize = Math.toIntExact(context.data().sampleSize());
        // Each network gets its own seed, so changing one network's size does not re-draw the other's weights.
        return new Networks(
                Mlp.build(config.generator(), config.latentCode().width(), exampleSize, config.generatorOptimizer(),
                        context.seeds().of("generator"), context.dataType()),
                Mlp.build(config.discriminator(), exampleSize, 1, config.discriminatorOptimizer(),
                        context.seeds().of("discriminator"), context.dataType()));
    }

    @Override
    public StepResult trainStep(Batch batch, StepContext ctx) {
        int n = batch.size();
        // D is an MLP: it sees flat vectors (Keras's Flatten), a view of the batch, not a copy.
        INDArray real = discriminatorInput(batch.x(), false);
        INDArray z = codes(ctx.random(), n);

        // The shared alternating update: (1) G(z), keeping G's layer inputs; (2) one D update, real labelled real
        // and G(z) labelled fake, G untouched; (3) G's loss on D's verdict on G(z), its gradient passed back through
        // D (which does not learn from it) into G, and only G's optimizer steps. A variant with another schedule
        // (several critic steps, extra loss terms) writes these steps out with AdversarialUpdates' building blocks.
        return AdversarialUpdates.alternatingStep(generator, discriminator, z, real, loss, ctx);
    }
}
