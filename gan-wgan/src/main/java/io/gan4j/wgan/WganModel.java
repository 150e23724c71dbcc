package io.gan4j.wgan;

import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.api.Batch;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.loss.AdversarialLossType;
import io.gan4j.core.model.LatentGanModel;
import io.gan4j.core.nn.AdversarialUpdates;
import io.gan4j.core.nn.AdversarialUpdates.DiscriminatorUpdate;
import io.gan4j.core.nn.AdversarialUpdates.GeneratorGradient;
import io.gan4j.core.nn.ConvNets;
import io.gan4j.core.nn.Mlp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;


/**
 * WGAN and WGAN-GP. One training step is one generator update preceded by {@code nCritic} critic updates, each on
 * its own real batch (the trainer passes the nCritic batches concatenated, see {@link #batchesPerStep()}) and a
 * fresh G(z):
 * <ol>
 *   <li>critic: minimise mean D(G(z)) − mean D(x), then clip its weights (weight-clipping), or minimise that plus
 *       λ·mean (‖∇D(x̂)‖ − 1)² ({@link GradientPenalty});</li>
 *   <li>generator: minimise −mean D(G(z)) through the updated critic.</li>
 * </ol>
 * Logged: {@code wasserstein} (mean over the critic updates of mean D(x) − mean D(G(z)), the critic's estimate of
 * the Wasserstein-1 distance up to its Lipschitz constant), {@code critic_loss}, {@code g_loss},
 * {@code grad_norm} (mean ‖∇ₓD‖ at the generated examples of the generator update), and with the penalty
 * {@code penalty} and {@code gp_grad_norm} (mean ‖∇D(x̂)‖ at the interpolates).
 */
final class WganModel extends LatentGanModel<WganConfig> {
    private final boolean conv;
    private final AdversarialLoss loss = AdversarialLossType.WASSERSTEIN.create();
    private final GradientPenalty penalty;

    WganModel(ModelContext context) {
        super(context, WganConfig.class, "critic", WganModel::networks);
        this.conv = config.backbone() == WganConfig.Backbone.CONV;
        this.penalty = config.lipschitz() == WganConfig.Lipschitz.GRADIENT_PENALTY
                ? new GradientPenalty(config.penaltyWeight()) : null;
    }

    /** G and the critic of the configured backbone; the critic is {@link #discriminator}. */
    private static Networks networks(WganConfig config, ModelContext context) {
        long gSeed = context.seeds().of("generator");
        long cSeed = context.seeds().of("critic");
        DataSpec data = context.data();
        if (config.backbone() == WganConfig.Backbone.CONV) {
            return new Networks(
                    ConvNets.generator(config.convGenerator(), config.latentCode().width(), data.sampleShape(),
                            config.generatorOptimizer(), gSeed, context.dataType()),
                    ConvNets.discriminator(config.convCritic(), data.sampleShape(), config.criticOptimizer(),
                            cSeed, context.dataType()));
        }
        int exampleSize = Math.toIntExact(data.sampleSize());
        return new Networks(
                Mlp.build(config.generator(), config.latentCode().width(), exampleSize, config.generatorOptimizer(),
                        gSeed, context.dataType()),
                Mlp.build(config.critic(), exampleSize, 1, config.criticOptimizer(), cSeed, context.dataType()));
    }

    @Override
    public int batchesPerStep() {
        return config.nCritic();
    }

    /** z in G's input shape: {@code [n, latentDim]} for the MLP, {@code [n, latentDim, 1, 1]} for conv (a view). */
    @Override
    protected INDArray generatorInput(INDArray codes) {
        return conv ? asChannels(codes) : codes;
    }

    @Override
    public StepResult trainStep(Batch batch, StepContext ctx) {
        int k = config.nCritic();
        if (batch.size() % k != 0) {
            throw new IllegalArgumentException("WGAN expects " + k + " batches of equal size per step, got "
                    + batch.size() + " examples");
        }
        int n = batch.size() / k;
        INDArray all = discriminatorInput(batch.x(), conv);
        double wasserstein = 0;
        double criticLoss = 0;
        double penaltySum = 0;
        double gpNorm = 0;
        // Every array this step makes is closed once used, so native memory does not wait for Java's collector
        // (docs/memory.md): the real batch copy, the codes, G's output, the mixing weights and interpolates. Views
        // (reshape, get) share their owner's buffer and are never closed themselves.
        for (int i = 0; i < k; i++) {
            INDArray real = all.get(NDArrayIndex.interval((long) i * n, (long) (i + 1) * n)).dup();
            INDArray codes = codes(ctx.random(), n);
            INDArray fake = null;
            INDArray mixing = null;
            INDArray interpolates = null;
            try {
                fake = ctx.timer().time("g_forward", () -> generator.forward(generatorInput(codes)));
                if (penalty == null) {
                    INDArray f = fake;
                    DiscriminatorUpdate d = ctx.timer().time("d_step",
                            () -> AdversarialUpdates.discriminatorStep(discriminator, real, f, loss));
                    discriminator.clipLearnedParameters(config.clipValue());
                    wasserstein += -d.loss();
                    criticLoss += d.loss();
                } else {
                    mixing = GradientPenalty.mixingWeights(ctx.random(), real);
                    interpolates = GradientPenalty.interpolate(real, fake, mixing);
                    INDArray f = fake;
                    INDArray x = interpolates;
                    GradientPenalty.Update u = ctx.timer().time("d_step", () -> {
                        GradientPenalty.Update r = penalty.backward(discriminator, real, f, x);
                        discriminator.step();
                        return r;
                    });
                    wasserstein += u.wasserstein();
                    criticLoss += u.loss();
                    penaltySum += u.penalty();
                    gpNorm += u.gradientNorm();
                }
            } finally {
                AdversarialUpdates.closeAll(real, codes, fake, mixing, interpolates);
            }
        }
        INDArray codes = codes(ctx.random(), n);
        double gradNorm;
        GeneratorGradient g;
        INDArray[] fake = new INDArray[1];
        try {
            INDArray z = generatorInput(codes);
            g = ctx.timer().time("g_step", () -> {
                fake[0] = generator.forward(z);
                GeneratorGradient grad = AdversarialUpdates.generatorGradient(discriminator, fake[0], loss);
                // dL/dz is not needed.
                generator.backwardParameters(grad.dLdFake());
                generator.step();
                return grad;
            });
            // loss = −mean D(G(z)), so each row of dL/dfake is −∇ₓD(G(zᵢ))/n.
            INDArray norms = g.dLdFake().reshape(n, exampleSize).norm2(1);
            gradNorm = norms.sumNumber().doubleValue();
            AdversarialUpdates.closeAll(norms, g.dLdFake());
        } finally {
            AdversarialUpdates.closeAll(codes, fake[0]);
            // The networks' hidden activations of this step's last passes are not needed any more.
            generator.releaseActivations();
            discriminator.releaseActivations();
        }

        StepResult.Builder r = StepResult.builder()
                .put("critic_loss", criticLoss / k)
                .put("g_loss", g.loss())
                .put("wasserstein", wasserstein / k)
                .put("grad_norm", gradNorm);
        if (penalty != null) {
            r.put("penalty", penaltySum / k).put("gp_grad_norm", gpNorm / k);
        }
        return r.build();
    }

    /** The critic's scores {@code [n, 1]} for examples {@code [n, ...sampleShape]} (inference mode). */
    INDArray score(INDArray x) {
        return discriminator.output(discriminatorInput(x.castTo(dataType), conv)).reshape(x.size(0), 1);
    }
}
