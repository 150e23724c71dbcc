package io.gan4j.dcgan;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.model.LatentGanModel;
import io.gan4j.core.nn.AdversarialUpdates;
import io.gan4j.core.nn.ConvNets;
import org.nd4j.linalg.api.ndarray.INDArray;

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
final class DcganModel extends LatentGanModel<DcganConfig> {
    private final AdversarialLoss loss;

    DcganModel(ModelContext context) {
        super(context, DcganConfig.class, "discriminator", DcganModel::networks);
        this.loss = config.loss().create();
    }

    private static Networks networks(DcganConfig config, ModelContext context) {
        long[] image = context.data().sampleShape();
        return new Networks(
                ConvNets.generator(config.generator(), config.latentCode().width(), image, config.generatorOptimizer(),
                        context.seeds().of("generator"), context.dataType()),
                ConvNets.discriminator(config.discriminator(), image, config.discriminatorOptimizer(),
                        context.seeds().of("discriminator"), context.dataType()));
    }

    /** z as G's input map {@code [n, latentDim, 1, 1]} (a view of the codes {@code [n, latentDim]}). */
    @Override
    protected INDArray generatorInput(INDArray codes) {
        return asChannels(codes);
    }

    @Override
    public StepResult trainStep(Batch batch, StepContext ctx) {
        return AdversarialUpdates.alternatingStep(generator, discriminator,
                generatorInput(codes(ctx.random(), batch.size())), batch.x(), loss, ctx);
    }
}
