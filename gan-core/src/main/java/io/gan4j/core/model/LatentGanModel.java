package io.gan4j.core.model;

import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.LatentCode;
import io.gan4j.core.api.LatentDistribution;
import io.gan4j.core.api.LatentGenerator;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.StepRandom;
import io.gan4j.core.nn.Net;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The part every latent-noise GAN repeats: a generator G from latent codes z {@code [n, latentDim]} to examples
 * {@code [n, ...sampleShape]} and a discriminator (or critic) D, their config, data and data type; the networks map
 * a checkpoint saves ({@link #networks()}); the latent code's structure, size and prior ({@link #latentCode()},
 * {@link #latentDim()}, {@link #latentDistribution()}); drawing codes ({@link #codes}) and generating from them in
 * inference mode ({@link #sample}, {@link #generate}). A variant writes its training step
 * ({@link GanModel#trainStep}) and, when its G does not take z as it is (a convolutional G takes
 * {@code [n, latentDim, 1, 1]}), {@link #generatorInput}.
 *
 * <p>Codes follow {@link LatentModelConfig#latentCode()} (by default one noise part of {@code latentDim} values
 * from {@code latent}), drawn with the step's random (training) or a {@link StepRandom} of the caller's seed
 * (sampling), so the same seed gives the same samples.
 *
 * @param <C> the variant's config record
 */
public abstract class LatentGanModel<C extends LatentModelConfig> implements GanModel, LatentGenerator {
    /** The variant's {@code model} section. */
    protected final C config;
    /** The shape of the examples the model trains on and generates. */
    protected final DataSpec data;
    /** The networks' floating-point type: float or double. */
    protected final DataType dataType;
    /** Values per example: 784 for a 28×28 grey image, 2 for a point (what an MLP's input or output layer has). */
    protected final int exampleSize;
    /** G: codes (in {@link #generatorInput}'s shape) → examples. */
    protected final Net generator;
    /** D: examples → one raw score per example. */
    protected final Net discriminator;
    private final String discriminatorName;
    private final LatentCode latentCode;

    /** The two networks of a latent model, as a variant builds them from its config. */
    public record Networks(Net generator, Net discriminator) {
    }

    /** Builds a variant's networks; each network should draw its weights from its own seed of the context. */
    @FunctionalInterface
    public interface NetworkBuilder<C> {
        Networks build(C config, ModelContext context);
    }

    /**
     * @param configType        the variant's config record
     * @param discriminatorName the name D is saved and listed under: {@code "discriminator"}, or {@code "critic"}
     *                          for WGAN (checkpoints of existing runs name it so)
     * @param networks          builds G and D from the config
     */
    protected LatentGanModel(ModelContext context, Class<C> configType, String discriminatorName,
                             NetworkBuilder<C> networks) {
        this.config = context.config(configType);
        this.data = context.data();
        this.dataType = context.dataType();
        this.exampleSize = Math.toIntExact(data.sampleSize());
        Networks built = networks.build(config, context);
        this.generator = built.generator();
        this.discriminator = built.discriminator();
        this.discriminatorName = discriminatorName;
        this.latentCode = config.latentCode();
    }

    /** G then D, by their saved names; checkpoints store and restore them in this order. */
    /** This model itself: its generator is a function of the codes a caller chooses. */
    @Override
    public Optional<LatentGenerator> latentGenerator() {
        return Optional.of(this);
    }

    @Override
    public Map<String, Net> networks() {
        Map<String, Net> nets = new LinkedHashMap<>();
        nets.put("generator", generator);
        nets.put(discriminatorName, discriminator);
        return nets;
    }

    @Override
    public LatentCode latentCode() {
        return latentCode;
    }

    /** The width of a code row, {@code latentCode().width()}: {@code latentDim} for a plain code. */
    @Override
    public int latentDim() {
        return latentCode.width();
    }

    @Override
    public LatentDistribution latentDistribution() {
        return config.latent();
    }

    /** {@code n} fresh codes {@code [n, latentDim]} in the model's data type, drawn from {@code random}. */
    protected INDArray codes(StepRandom random, int n) {
        return latentCode.sample(random, dataType, n);
    }

    /**
     * Codes {@code [n, latentDim]} in G's input shape. The default passes them as they are (an MLP generator);
     * a convolutional generator takes them as a {@code [n, latentDim, 1, 1]} map (a view, see
     * {@link #asChannels}).
     */
    protected INDArray generatorInput(INDArray codes) {
        return codes;
    }

    /** Codes {@code [n, latentDim]} as a {@code [n, latentDim, 1, 1]} map, the input of a transpose-convolution G. */
    protected static INDArray asChannels(INDArray codes) {
        return codes.reshape(codes.size(0), codes.size(1), 1, 1);
    }

    /**
     * Examples {@code [n, ...sampleShape]} as D takes them: images {@code [n, C, H, W]} for a convolutional D,
     * flat rows {@code [n, exampleSize]} for an MLP (Keras's Flatten). Views of a contiguous batch, not copies.
     */
    protected INDArray discriminatorInput(INDArray x, boolean convolutional) {
        long n = x.size(0);
        return convolutional ? x.reshape(data.batchShape(n)) : x.reshape(n, exampleSize);
    }

    /** {@code n} examples from codes drawn with {@code seed}, in inference mode. */
    @Override
    public INDArray sample(int n, long seed) {
        return generate(codes(new StepRandom(seed), n), null);
    }

    /**
     * G's examples for the given codes, in inference mode (batch norm uses its running statistics). This base is
     * unconditional: a conditional variant overrides it to take its labels.
     */
    @Override
    public INDArray generate(INDArray z, int[] labels) {
        if (labels != null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " is not conditional: it takes no labels");
        }
        int n = LatentGenerator.checkCodes(z, latentDim());
        return generator.output(generatorInput(z.castTo(dataType))).reshape(data.batchShape(n));
    }
}
