package io.gan4j.vanilla;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.LatentDistribution;
import io.gan4j.core.api.LatentGenerator;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepRandom;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.nn.AdversarialUpdates;
import io.gan4j.core.nn.Mlp;
import io.gan4j.core.nn.Net;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

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
final class VanillaGanModel implements GanModel, LatentGenerator {
    private final VanillaConfig config;
    private final DataSpec data;
    private final DataType dataType;
    /** Values per example: 784 for a 28x28 grey image, 2 for a point. */
    private final int exampleSize;
    private final Net generator;
    private final Net discriminator;
    private final AdversarialLoss loss;

    VanillaGanModel(ModelContext context) {
        this.config = context.config(VanillaConfig.class);
        this.data = context.data();
        this.dataType = context.dataType();
        this.exampleSize = Math.toIntExact(data.sampleSize());
        // Each network gets its own seed, so changing one network's size does not re-draw the other's weights.
        this.generator = Mlp.build(config.generator(), config.latentDim(), exampleSize, config.generatorOptimizer(),
                context.seeds().of("generator"), dataType);
        this.discriminator = Mlp.build(config.discriminator(), exampleSize, 1, config.discriminatorOptimizer(),
                context.seeds().of("discriminator"), dataType);
        this.loss = config.loss().create();
    }

    @Override
    public StepResult trainStep(Batch batch, StepContext ctx) {
        int n = batch.size();
        // D sees flat vectors (Keras's Flatten); reshape of a contiguous batch is a view, not a copy.
        INDArray real = batch.x().reshape(n, exampleSize);
        INDArray z = config.latent().sample(ctx.random(), dataType, n, config.latentDim());

        // The shared alternating update: (1) G(z), keeping G's layer inputs; (2) one D update, real labelled real
        // and G(z) labelled fake, G untouched; (3) G's loss on D's verdict on G(z), its gradient passed back through
        // D (which does not learn from it) into G, and only G's optimizer steps. A variant with another schedule
        // (several critic steps, extra loss terms) writes these steps out with AdversarialUpdates' building blocks.
        return AdversarialUpdates.alternatingStep(generator, discriminator, z, real, loss, ctx);
    }

    @Override
    public Map<String, Net> networks() {
        Map<String, Net> nets = new LinkedHashMap<>();
        nets.put("generator", generator);
        nets.put("discriminator", discriminator);
        return nets;
    }

    @Override
    public INDArray sample(int n, long seed) {
        return generate(config.latent().sample(new StepRandom(seed), dataType, n, config.latentDim()), null);
    }

    @Override
    public int latentDim() {
        return config.latentDim();
    }

    @Override
    public LatentDistribution latentDistribution() {
        return config.latent();
    }

    @Override
    public INDArray generate(INDArray z, int[] labels) {
        if (labels != null) {
            throw new IllegalArgumentException("the vanilla GAN is not conditional: it takes no labels");
        }
        LatentGenerator.checkCodes(z, config.latentDim());
        // Inference mode: batch norm uses its running statistics, as Keras's predict() does.
        return generator.output(z.castTo(dataType)).reshape(data.batchShape(z.size(0)));
    }
}
