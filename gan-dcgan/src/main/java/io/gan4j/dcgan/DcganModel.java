package io.gan4j.dcgan;

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
import io.gan4j.core.nn.ConvNets;
import io.gan4j.core.nn.Net;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DCGAN (Radford, Metz &amp; Chintala 2015): convolutional G and D from {@link ConvNets}, trained like the
 * vanilla GAN. Images {@code [N, C, S, S]} in [-1, 1] go into D as they are; z {@code [N, latentDim]} goes into G
 * as {@code [N, latentDim, 1, 1]}.
 *
 * <p>Update order of one step (as in the PyTorch DCGAN example):
 * <ol>
 *   <li>draw z and compute G(z) once, in training mode (G's batch norm uses the batch's statistics);</li>
 *   <li>update D on the real batch and on G(z) treated as constant, one pass each, because D has batch norm and
 *       each half must be normalised with its own statistics;</li>
 *   <li>update G through the just-updated D on the same G(z), with the non-saturating (or configured) loss.</li>
 * </ol>
 */
final class DcganModel implements GanModel, LatentGenerator {
    private final DcganConfig config;
    private final DataSpec data;
    private final DataType dataType;
    private final Net generator;
    private final Net discriminator;
    private final AdversarialLoss loss;

    DcganModel(ModelContext context) {
        this.config = context.config(DcganConfig.class);
        this.data = context.data();
        this.dataType = context.dataType();
        long[] image = data.sampleShape();
        this.generator = ConvNets.generator(config.generator(), config.latentDim(), image,
                config.generatorOptimizer(), context.seeds().of("generator"), dataType);
        this.discriminator = ConvNets.discriminator(config.discriminator(), image, config.discriminatorOptimizer(),
                context.seeds().of("discriminator"), dataType);
        this.loss = config.loss().create();
    }

    /** z as G's input map {@code [n, latentDim, 1, 1]} (a view of the drawn {@code [n, latentDim]} codes). */
    private INDArray latent(StepRandom random, int n) {
        return config.latent().sample(random, dataType, n, config.latentDim()).reshape(n, config.latentDim(), 1, 1);
    }

    @Override
    public StepResult trainStep(Batch batch, StepContext ctx) {
        return AdversarialUpdates.alternatingStep(generator, discriminator, latent(ctx.random(), batch.size()),
                batch.x(), loss, ctx);
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
            throw new IllegalArgumentException("DCGAN is not conditional: it takes no labels");
        }
        LatentGenerator.checkCodes(z, config.latentDim());
        // Inference mode: batch norm uses its running statistics.
        return generator.output(z.castTo(dataType).reshape(z.size(0), config.latentDim(), 1, 1));
    }
}
