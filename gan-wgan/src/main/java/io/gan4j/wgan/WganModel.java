package io.gan4j.wgan;

import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.LatentDistribution;
import io.gan4j.core.api.LatentGenerator;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.api.Batch;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.loss.AdversarialLossType;
import io.gan4j.core.nn.AdversarialUpdates;
import io.gan4j.core.nn.AdversarialUpdates.DiscriminatorUpdate;
import io.gan4j.core.nn.AdversarialUpdates.GeneratorGradient;
import io.gan4j.core.nn.ConvNets;
import io.gan4j.core.nn.Mlp;
import io.gan4j.core.nn.Net;
import io.gan4j.core.api.StepRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.Map;

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
final class WganModel implements GanModel, LatentGenerator {
    private final WganConfig config;
    private final DataSpec data;
    private final DataType dataType;
    private final int exampleSize;
    private final boolean conv;
    private final Net generator;
    private final Net critic;
    private final AdversarialLoss loss = AdversarialLossType.WASSERSTEIN.create();
    private final GradientPenalty penalty;

    WganModel(ModelContext context) {
        this.config = context.config(WganConfig.class);
        this.data = context.data();
        this.dataType = context.dataType();
        this.exampleSize = Math.toIntExact(data.sampleSize());
        this.conv = config.backbone() == WganConfig.Backbone.CONV;
        long gSeed = context.seeds().of("generator");
        long cSeed = context.seeds().of("critic");
        if (conv) {
            this.generator = ConvNets.generator(config.convGenerator(), config.latentDim(), data.sampleShape(),
                    config.generatorOptimizer(), gSeed, dataType);
            this.critic = ConvNets.discriminator(config.convCritic(), data.sampleShape(), config.criticOptimizer(),
                    cSeed, dataType);
        } else {
            this.generator = Mlp.build(config.generator(), config.latentDim(), exampleSize,
                    config.generatorOptimizer(), gSeed, dataType);
            this.critic = Mlp.build(config.critic(), exampleSize, 1, config.criticOptimizer(), cSeed, dataType);
        }
        this.penalty = config.lipschitz() == WganConfig.Lipschitz.GRADIENT_PENALTY
                ? new GradientPenalty(config.penaltyWeight()) : null;
    }

    @Override
    public int batchesPerStep() {
        return config.nCritic();
    }

    /** Fresh latent codes {@code [n, latentDim]}; {@link #asGeneratorInput} gives G's view of them. */
    private INDArray latent(StepRandom random, int n) {
        return config.latent().sample(random, dataType, n, config.latentDim());
    }

    /** z in G's input shape: {@code [n, latentDim]} for the MLP, {@code [n, latentDim, 1, 1]} for conv (a view). */
    private INDArray asGeneratorInput(INDArray codes) {
        return conv ? codes.reshape(codes.size(0), config.latentDim(), 1, 1) : codes;
    }

    /** Examples {@code [n, ...sampleShape]} in the critic's input shape. */
    private INDArray asCriticInput(INDArray x) {
        long n = x.size(0);
        return conv ? x.reshape(data.batchShape(n)) : x.reshape(n, exampleSize);
    }

    @Override
    public StepResult trainStep(Batch batch, StepContext ctx) {
        int k = config.nCritic();
        if (batch.size() % k != 0) {
            throw new IllegalArgumentException("WGAN expects " + k + " batches of equal size per step, got "
                    + batch.size() + " examples");
        }
        int n = batch.size() / k;
        INDArray all = asCriticInput(batch.x());
        double wasserstein = 0;
        double criticLoss = 0;
        double penaltySum = 0;
        double gpNorm = 0;
        // Every array this step makes is closed once used, so native memory does not wait for Java's collector
        // (docs/memory.md): the real batch copy, the codes, G's output, the mixing weights and interpolates. Views
        // (reshape, get) share their owner's buffer and are never closed themselves.
        for (int i = 0; i < k; i++) {
            INDArray real = all.get(NDArrayIndex.interval((long) i * n, (long) (i + 1) * n)).dup();
            INDArray codes = latent(ctx.random(), n);
            INDArray fake = null;
            INDArray mixing = null;
            INDArray interpolates = null;
            try {
                fake = ctx.timer().time("g_forward", () -> generator.forward(asGeneratorInput(codes)));
                if (penalty == null) {
                    INDArray f = fake;
                    DiscriminatorUpdate d = ctx.timer().time("d_step",
                            () -> AdversarialUpdates.discriminatorStep(critic, real, f, loss));
                    critic.clipLearnedParameters(config.clipValue());
                    wasserstein += -d.loss();
                    criticLoss += d.loss();
                } else {
                    mixing = GradientPenalty.mixingWeights(ctx.random(), real);
                    interpolates = GradientPenalty.interpolate(real, fake, mixing);
                    INDArray f = fake;
                    INDArray x = interpolates;
                    GradientPenalty.Update u = ctx.timer().time("d_step", () -> {
                        GradientPenalty.Update r = penalty.backward(critic, real, f, x);
                        critic.step();
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
        INDArray codes = latent(ctx.random(), n);
        double gradNorm;
        GeneratorGradient g;
        INDArray[] fake = new INDArray[1];
        try {
            INDArray z = asGeneratorInput(codes);
            g = ctx.timer().time("g_step", () -> {
                fake[0] = generator.forward(z);
                GeneratorGradient grad = AdversarialUpdates.generatorGradient(critic, fake[0], loss);
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
            critic.releaseActivations();
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

    @Override
    public Map<String, Net> networks() {
        Map<String, Net> nets = new LinkedHashMap<>();
        nets.put("generator", generator);
        nets.put("critic", critic);
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
            throw new IllegalArgumentException("WGAN is not conditional: it takes no labels");
        }
        int n = LatentGenerator.checkCodes(z, config.latentDim());
        INDArray input = z.castTo(dataType);
        // Inference mode: batch norm uses its running statistics.
        return generator.output(conv ? input.reshape(n, config.latentDim(), 1, 1) : input)
                .reshape(data.batchShape(n));
    }

    /** The critic's scores {@code [n, 1]} for examples {@code [n, ...sampleShape]} (inference mode). */
    INDArray score(INDArray x) {
        return critic.output(asCriticInput(x.castTo(dataType))).reshape(x.size(0), 1);
    }
}
