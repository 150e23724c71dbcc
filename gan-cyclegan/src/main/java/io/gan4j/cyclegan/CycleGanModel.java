package io.gan4j.cyclegan;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.BidirectionalTranslationModel;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.loss.ReconstructionLoss;
import io.gan4j.core.loss.WeightedTerm;
import io.gan4j.core.nn.AdversarialUpdates;
import io.gan4j.core.nn.ImagePool;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.OptimizerConfig;
import io.gan4j.core.nn.PatchGan;
import io.gan4j.core.nn.ResNetGenerator;
import io.gan4j.core.nn.UNet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CycleGAN (Zhu, Park, Isola, Efros 2017). Code names and the paper's:
 * <ul>
 *   <li>{@code generatorAB} = G: X → Y, here A → B ({@link #translate});</li>
 *   <li>{@code generatorBA} = F: Y → X, B → A ({@link #translateBack});</li>
 *   <li>{@code discriminatorA} = D_X, real A images against F's outputs;</li>
 *   <li>{@code discriminatorB} = D_Y, real B images against G's outputs;</li>
 *   <li>{@code poolA}, {@code poolB}: the 50 past fakes D_X and D_Y see (checkpointed as model state).</li>
 * </ul>
 * Images {@code [N, C, H, W]} in [-1, 1]; a batch's x holds A images and y B images, unrelated to each other.
 *
 * <p>One step, with λ = lambdaCycle and λ_id = λ·lambdaIdentity:
 * <ol>
 *   <li>generators: {@code L_G = ℓ_G(D_B(G(a))) + ℓ_G(D_A(F(b))) + λ(|F(G(a)) − a| + |G(F(b)) − b|)
 *       + λ_id(|G(b) − b| + |F(a) − a|)}, both gradients complete before either network moves, then G and F step
 *       together — the same as one Adam over their joined parameters, since Adam acts on each parameter alone;</li>
 *   <li>discriminators, with the fakes from before the generators' update through the pools:
 *       {@code s·(ℓ_D(D_B(b), real) + ℓ_D(D_B(pool_B(G(a))), fake))}, the same for D_A, s =
 *       discriminatorLossScale.</li>
 * </ol>
 * Each generator runs twice per step (on its own domain's images and on the other generator's outputs); the passes
 * are ordered so that each backward pass follows its own forward pass, so no pass is recomputed.
 *
 * <p>Logged: {@code d_loss} (D_A + D_B, scaled), {@code g_loss} (L_G), {@code g_gan} (both adversarial terms),
 * {@code cycle_a} = |F(G(a)) − a|, {@code cycle_b} = |G(F(b)) − b|, {@code idt_a} = |F(a) − a|, {@code idt_b} =
 * |G(b) − b| (unweighted means), {@code d_a_real}, {@code d_a_fake}, {@code d_b_real}, {@code d_b_fake} (mean
 * scores), {@code lr_factor} (the schedule's factor on both learning rates).
 */
final class CycleGanModel implements BidirectionalTranslationModel {
    // The generator terms' names, which are also their metrics.csv columns.
    private static final String CYCLE_A = "cycle_a";
    private static final String CYCLE_B = "cycle_b";
    private static final String IDENTITY_A = "idt_a";
    private static final String IDENTITY_B = "idt_b";
    private final CycleGanConfig config;
    private final DataType dataType;
    private final long[] imageShape;
    private final Net generatorAB;
    private final Net generatorBA;
    private final Net discriminatorA;
    private final Net discriminatorB;
    private final ImagePool poolA;
    private final ImagePool poolB;
    private final AdversarialLoss loss;
    private double lrFactor = 1.0;

    CycleGanModel(ModelContext context) {
        this.config = context.config(CycleGanConfig.class);
        DataSpec data = context.data();
        this.dataType = context.dataType();
        long[] image = data.sampleShape();
        this.imageShape = image.clone();
        this.generatorAB = generator(image, context.seeds().of("generatorAB"));
        this.generatorBA = generator(image, context.seeds().of("generatorBA"));
        this.discriminatorA = PatchGan.discriminator(config.discriminator(), image, config.discriminatorOptimizer(),
                context.seeds().of("discriminatorA"), dataType);
        this.discriminatorB = PatchGan.discriminator(config.discriminator(), image, config.discriminatorOptimizer(),
                context.seeds().of("discriminatorB"), dataType);
        this.poolA = new ImagePool(config.poolSize());
        this.poolB = new ImagePool(config.poolSize());
        this.loss = config.loss().create();
    }

    private Net generator(long[] image, long seed) {
        return config.generator() == CycleGanConfig.GeneratorArchitecture.UNET
                ? UNet.generator(config.unet(), image, config.generatorOptimizer(), seed, dataType)
                : ResNetGenerator.generator(config.resnet(), image, config.generatorOptimizer(), seed, dataType);
    }

    @Override
    public StepResult trainStep(Batch batch, StepContext ctx) {
        Batch ab = batch.pairedAs(dataType, "CycleGAN trains on unpaired data: the batch has no domain-B images");
        INDArray a = ab.x();
        INDArray b = ab.y();
        if (a.size(0) != b.size(0)) {
            throw new IllegalArgumentException("domain A gave " + a.size(0) + " images, domain B " + b.size(0));
        }
        applySchedule(ctx.step());
        GeneratorPass g = ctx.timer().time("g_step", () -> {
            GeneratorPass pass = backwardGenerators(a, b);
            generatorAB.step();
            generatorBA.step();
            return pass;
        });
        AdversarialUpdates.DiscriminatorUpdate dB;
        AdversarialUpdates.DiscriminatorUpdate dA;
        try {
            dB = ctx.timer().time("d_step", () -> discriminatorStep(discriminatorB, b, poolB, g.fakeB(), ctx));
            dA = ctx.timer().time("d_step", () -> discriminatorStep(discriminatorA, a, poolA, g.fakeA(), ctx));
        } finally {
            // Every array the step made is closed by now except the generators' outputs and the networks' hidden
            // activations from their last passes (Net would free those at their next forward pass, a step later):
            // freed here so that native memory does not wait for Java's collector (see Net).
            AdversarialUpdates.closeAll(g.fakeB(), g.fakeA());
            networks().values().forEach(Net::releaseActivations);
        }
        GeneratorLoss l = g.loss();
        return StepResult.builder()
                .put("d_loss", dA.loss() + dB.loss())
                .put("g_loss", l.total())
                .put("g_gan", l.ganAB() + l.ganBA())
                .put(CYCLE_A, l.cycleA())
                .put(CYCLE_B, l.cycleB())
                .put(IDENTITY_A, l.identityA())
                .put(IDENTITY_B, l.identityB())
                .put("d_a_real", dA.realScore()).put("d_a_fake", dA.fakeScore())
                .put("d_b_real", dB.realScore()).put("d_b_fake", dB.fakeScore())
                .put("lr_factor", lrFactor)
                .build();
    }

    /** One update of {@code d} on {@code real} against the pool's answer for {@code fakes}. */
    private AdversarialUpdates.DiscriminatorUpdate discriminatorStep(Net d, INDArray real, ImagePool pool,
                                                                     INDArray fakes, StepContext ctx) {
        INDArray pooled = pool.query(fakes, ctx.random());
        try {
            return AdversarialUpdates.discriminatorStep(d, new INDArray[] {real}, new INDArray[] {pooled}, loss,
                    config.discriminatorLossScale());
        } finally {
            // A new array unless the pool is off (then it is the caller's fakes, closed by the caller).
            if (pooled != fakes) {
                pooled.close();
            }
        }
    }

    /** Sets all four learning rates for {@code step} when the schedule's factor changes. */
    private void applySchedule(long step) {
        double f = config.learningRateFactor(step);
        if (f == lrFactor) {
            return;
        }
        lrFactor = f;
        setLearningRate(generatorAB, config.generatorOptimizer(), f);
        setLearningRate(generatorBA, config.generatorOptimizer(), f);
        setLearningRate(discriminatorA, config.discriminatorOptimizer(), f);
        setLearningRate(discriminatorB, config.discriminatorOptimizer(), f);
    }

    private static void setLearningRate(Net net, OptimizerConfig optimizer, double factor) {
        net.setLearningRate(optimizer.lr() * factor);
    }

    /**
     * The generators' loss terms (unweighted means) of one step.
     *
     * @param total L_G as in the class comment
     */
    record GeneratorLoss(double total, double ganAB, double ganBA, double cycleA, double cycleB, double identityA,
                         double identityB) {
    }

    /**
     * The generators' loss and their outputs on this step's batch (before their update), {@code [N, C, H, W]}: new
     * arrays the caller closes.
     */
    record GeneratorPass(GeneratorLoss loss, INDArray fakeB, INDArray fakeA) {
    }

    /**
     * Back-propagates L_G into both generators' parameter gradients without applying them; the discriminators'
     * parameters and gradients are left untouched. The cycle and identity terms are {@link WeightedTerm}s named as
     * they are logged, each on the output it reads (see {@link #direction}).
     */
    GeneratorPass backwardGenerators(INDArray a, INDArray b) {
        Map<String, Double> values = new LinkedHashMap<>();
        Direction ab = direction(generatorAB, generatorBA, discriminatorB, a, b,
                cycleTerm(CYCLE_A, a), identityTerm(IDENTITY_B, b), values);
        Direction ba;
        try {
            ba = direction(generatorBA, generatorAB, discriminatorA, b, a,
                    cycleTerm(CYCLE_B, b), identityTerm(IDENTITY_A, a), values);
        } catch (RuntimeException | Error e) {
            ab.fake().close();
            throw e;
        }
        double cycleA = values.get(CYCLE_A);
        double cycleB = values.get(CYCLE_B);
        double identityA = values.getOrDefault(IDENTITY_A, 0.0);
        double identityB = values.getOrDefault(IDENTITY_B, 0.0);
        // Grouped as the class comment writes L_G (and as before the terms were objects), so g_loss keeps its bits.
        double total = ab.gan() + ba.gan() + config.lambdaCycle() * (cycleA + cycleB)
                + identityWeight() * (identityB + identityA);
        GeneratorLoss l = new GeneratorLoss(total, ab.gan(), ba.gan(), cycleA, cycleB, identityA, identityB);
        return new GeneratorPass(l, ab.fake(), ba.fake());
    }

    /** λ·|back(forward(x)) − x| on back's output, logged as {@code name}. */
    private WeightedTerm cycleTerm(String name, INDArray x) {
        return new WeightedTerm(name, config.lambdaCycle(), ReconstructionLoss.L1.towards(x));
    }

    /** λ·λ_identity·|forward(y) − y| on forward's output for y, logged as {@code name}; null when the term is off. */
    private WeightedTerm identityTerm(String name, INDArray y) {
        return config.lambdaIdentity() > 0
                ? new WeightedTerm(name, identityWeight(), ReconstructionLoss.L1.towards(y))
                : null;
    }

    private double identityWeight() {
        return config.lambdaCycle() * config.lambdaIdentity();
    }

    /**
     * What starts at {@code forward}'s input x (domain X): its translation {@code fake = forward(x)} and the
     * adversarial term through {@code judge} (the discriminator of the other domain).
     *
     * @param gan ℓ_G(judge(fake))
     */
    private record Direction(INDArray fake, double gan) {
    }

    /**
     * One direction's terms: the adversarial term of {@code fake = forward(x)} through {@code judge}, {@code cycle}
     * on back(fake) and {@code identity} (null: off) on forward(y), y the other domain's images. The terms' values go
     * into {@code values} under their names; their weighted gradients are summed by
     * {@link AdversarialUpdates#addTerms}.
     *
     * <p>Order: forward's pass on [x; y], back's pass on fake, back's backward (its parameter gradient and
     * d cycle / d fake), judge's input gradient, forward's backward. Each network's backward follows its own
     * forward; parameter gradients accumulate until the step.
     */
    private Direction direction(Net forward, Net back, Net judge, INDArray x, INDArray y, WeightedTerm cycle,
                                WeightedTerm identity, Map<String, Double> values) {
        long n = x.size(0);
        // Every array made here is closed once its last reader is done (try/finally, so an exception frees them too);
        // ND4J would otherwise free them only when Java's collector reaches their wrappers, which at a few KiB of heap
        // per MiB of native memory it seldom does (see Net). Not closed: x and y (the batch's), views (fake, the
        // identity half), and what Net owns (hidden activations).
        List<INDArray> made = new ArrayList<>();
        try {
            INDArray input = identity != null ? track(made, Nd4j.concat(0, x, y)) : x;
            INDArray out = track(made, forward.forward(input));
            INDArray fake = identity != null ? out.get(NDArrayIndex.interval(0, n)) : out;

            INDArray reconstruction = track(made, back.forward(fake));
            INDArray cycleGrad = track(made, AdversarialUpdates.addTerms(null, reconstruction, List.of(cycle), values));
            INDArray dFake = track(made, back.backward(cycleGrad));

            AdversarialUpdates.GeneratorGradient adversarial = AdversarialUpdates.generatorGradient(judge, fake, loss);
            dFake.addi(track(made, adversarial.dLdFake()));

            INDArray dOut = dFake;
            if (identity != null) {
                INDArray idGrad = track(made, AdversarialUpdates.addTerms(null,
                        out.get(NDArrayIndex.interval(n, 2 * n)), List.of(identity), values));
                dOut = track(made, Nd4j.concat(0, dFake, idGrad));
            }
            // dL/d(forward's input) is not wanted: the images are data.
            track(made, forward.backward(dOut));
            return new Direction(fake.dup(), adversarial.loss());
        } finally {
            closeDistinct(made);
        }
    }

    private static INDArray track(List<INDArray> made, INDArray a) {
        made.add(a);
        return a;
    }

    /**
     * Closes each array once. Only arrays this class made (never a view or a network's parameters or gradient
     * buffer) are listed, but one may appear twice, e.g. a network output that also was the next network's input.
     */
    private static void closeDistinct(List<INDArray> arrays) {
        List<INDArray> closed = new ArrayList<>();
        for (INDArray a : arrays) {
            if (a != null && closed.stream().noneMatch(c -> c == a)) {
                a.close();
                closed.add(a);
            }
        }
    }

    /** L_G of a and b with all networks in training mode, nothing updated (for tests). */
    double generatorLoss(INDArray a, INDArray b) {
        INDArray ab = generatorAB.forward(a);
        INDArray ba = generatorBA.forward(b);
        double gan = loss.generator(discriminatorB.forward(ab)).value() + loss.generator(discriminatorA.forward(ba)).value();
        double cycle = ReconstructionLoss.L1.compute(generatorBA.forward(ab), a).value()
                + ReconstructionLoss.L1.compute(generatorAB.forward(ba), b).value();
        double identity = config.lambdaIdentity() == 0 ? 0
                : ReconstructionLoss.L1.compute(generatorAB.forward(b), b).value()
                + ReconstructionLoss.L1.compute(generatorBA.forward(a), a).value();
        return gan + config.lambdaCycle() * cycle + config.lambdaCycle() * config.lambdaIdentity() * identity;
    }

    /** G: A → B in inference mode; no randomness, so {@code seed} does not matter. */
    @Override
    public INDArray translate(INDArray input, long seed) {
        return generatorAB.output(input.castTo(dataType));
    }

    /** F: B → A in inference mode. */
    @Override
    public INDArray translateBack(INDArray input, long seed) {
        return generatorBA.output(input.castTo(dataType));
    }

    @Override
    public Map<String, Net> networks() {
        Map<String, Net> nets = new LinkedHashMap<>();
        nets.put("generatorAB", generatorAB);
        nets.put("generatorBA", generatorBA);
        nets.put("discriminatorA", discriminatorA);
        nets.put("discriminatorB", discriminatorB);
        return nets;
    }

    /** The two pools of past fakes, {@code [size, C, H, W]} each, null while empty. */
    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put("poolA", poolA.contents());
        state.put("poolB", poolB.contents());
        return state;
    }

    @Override
    public void restoreState(Map<String, INDArray> stored) {
        for (String name : stored.keySet()) {
            if (!name.equals("poolA") && !name.equals("poolB")) {
                throw new IllegalArgumentException("unknown CycleGAN state '" + name + "'");
            }
        }
        restorePool(poolA, "poolA", stored.get("poolA"));
        restorePool(poolB, "poolB", stored.get("poolB"));
    }

    private void restorePool(ImagePool pool, String name, INDArray images) {
        if (images != null && !Arrays.equals(Arrays.copyOfRange(images.shape(), 1, images.rank()), imageShape)) {
            throw new IllegalArgumentException(name + " must hold images [N, " + imageShape[0] + ", " + imageShape[1]
                    + ", " + imageShape[2] + "], found " + Arrays.toString(images.shape()));
        }
        pool.restore(images == null ? null : images.castTo(dataType));
    }
}
