package io.gan4j.core.config;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.GanVariant;
import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.ModelFootprint;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Required;
import io.gan4j.core.api.Validatable;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.nn.OptimizerConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Config records and variants that exist only for the config tests. */
final class Fakes {

    private Fakes() {
    }

    /** An enum without {@code @JsonProperty}: its JSON names are the lower-case constant names. */
    enum Activation { RELU, LEAKY_RELU, TANH }

    /** A nested record with a cross-field rule of its own. */
    record Layer(@Doc("Units in the layer") @Range(min = 1) int units,
                 @Doc("Dropout probability") @Range(min = 0, max = 1, maxExclusive = true) double dropout)
            implements Validatable {

        public static Layer defaults() {
            return new Layer(128, 0.0);
        }

        @Override
        public void validate(String path, List<ConfigProblem> problems) {
            if (dropout > 0 && units < 2) {
                problems.add(ConfigProblem.of(path + ".units", "must be >= 2 when dropout > 0", Integer.toString(units)));
            }
        }
    }

    /** A variant config with a field of every kind the binder supports. */
    record NetConfig(
            @Doc("Size of the latent code") @Range(min = 1) int latentDim,
            @Doc("Discriminator steps per generator step") @Range(min = 1) long steps,
            @Doc("Gradient penalty weight") @Range(min = 0) double gpWeight,
            @Doc("Free-text label; null = none") String label,
            @Doc("Hidden layer sizes") @Range(min = 1) List<Integer> hidden,
            @Doc("Hidden activation") Activation activation,
            @Doc("Output head") Layer head,
            @Doc("Generator optimizer") OptimizerConfig generatorOptimizer,
            @Doc("Discriminator optimizer") OptimizerConfig discriminatorOptimizer,
            @Doc("Spectral normalisation in the discriminator") boolean spectralNorm,
            @Doc("Loss weight per class name") Map<String, Double> weights)
            implements ModelConfig, Validatable {

        public static NetConfig defaults() {
            return new NetConfig(64, 1, 10.0, null, List.of(256, 256), Activation.LEAKY_RELU, Layer.defaults(),
                    OptimizerConfig.Adam.of(2e-4, 0.5), OptimizerConfig.Adam.of(2e-4, 0.5), false, Map.of());
        }

        @Override
        public void validate(String path, List<ConfigProblem> problems) {
            if (head != null && head.units() < latentDim) {
                problems.add(ConfigProblem.of(path + ".head.units", "must be >= latentDim (" + latentDim + ")",
                        Integer.toString(head.units())));
            }
        }
    }

    /** A variant config with a required field, a float and a nullable nested record. */
    record LabelConfig(
            @Doc("Number of classes") @Required Integer classes,
            @Doc("Label smoothing") @Range(min = 0, max = 1, minExclusive = true) float smoothing,
            @Doc("Optional projection head; null = none") Layer projection) implements ModelConfig {

        public static LabelConfig defaults() {
            return new LabelConfig(null, 0.9f, null);
        }
    }

    /** A record whose constructor rejects values that each pass the field checks. */
    record Window(@Range(min = 0) int from, @Range(min = 0) int to) {
        Window {
            if (to < from) {
                throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
            }
        }
    }

    /**
     * A variant that only carries config metadata and the footprint the memory check sees ({@link ModelFootprint#NONE}
     * skips it); config tests never build a model.
     */
    record FakeVariant(String name, Class<? extends ModelConfig> configType, ModelConfig defaultConfig,
                       Set<DataKind> dataKinds, ModelFootprint footprint) implements GanVariant {

        FakeVariant(String name, Class<? extends ModelConfig> configType, ModelConfig defaultConfig,
                    Set<DataKind> dataKinds) {
            this(name, configType, defaultConfig, dataKinds, ModelFootprint.NONE);
        }

        /** This variant claiming {@code footprint} for every config and data. */
        FakeVariant withFootprint(ModelFootprint footprint) {
            return new FakeVariant(name, configType, defaultConfig, dataKinds, footprint);
        }

        @Override
        public ModelFootprint footprint(ModelConfig config, DataSpec data) {
            return footprint;
        }

        @Override
        public String description() {
            return "Fake " + name + " for config tests";
        }

        @Override
        public String paper() {
            return "Nobody (2024), Config Tests";
        }

        @Override
        public GanModel create(ModelContext context) {
            throw new UnsupportedOperationException("config tests never build models");
        }
    }

    static final FakeVariant VANILLA = new FakeVariant("vanilla", NetConfig.class, NetConfig.defaults(),
            Set.of(DataKind.UNLABELLED));
    static final FakeVariant DCGAN = new FakeVariant("dcgan", NetConfig.class,
            new NetConfig(100, 1, 0.0, "dc", List.of(512), Activation.RELU, new Layer(256, 0.0),
                    OptimizerConfig.Adam.of(2e-4, 0.5), OptimizerConfig.Sgd.defaults(), true, Map.of()),
            Set.of(DataKind.UNLABELLED));
    static final FakeVariant CGAN = new FakeVariant("cgan", LabelConfig.class, LabelConfig.defaults(),
            Set.of(DataKind.LABELLED));

    /** The three fake variants. */
    static VariantRegistry registry() {
        return new VariantRegistry(List.of(VANILLA, DCGAN, CGAN));
    }
}
