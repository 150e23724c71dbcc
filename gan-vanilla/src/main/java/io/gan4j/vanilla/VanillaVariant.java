package io.gan4j.vanilla;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.GanVariant;
import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.config.ConfigProblem;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The vanilla GAN's provider, registered in {@code META-INF/services/io.gan4j.core.api.GanVariant}; configs
 * select it with {@code "model": {"type": "vanilla"}}.
 */
public final class VanillaVariant implements GanVariant {

    @Override
    public String name() {
        return "vanilla";
    }

    @Override
    public String description() {
        return "MLP generator and discriminator; defaults reproduce the Keras MLP GAN recipe";
    }

    @Override
    public String paper() {
        return "Goodfellow, Pouget-Abadie, Mirza, Xu, Warde-Farley, Ozair, Courville, Bengio (2014), Generative Adversarial Nets";
    }

    @Override
    public Class<? extends ModelConfig> configType() {
        return VanillaConfig.class;
    }

    @Override
    public ModelConfig defaultConfig() {
        return VanillaConfig.defaults();
    }

    @Override
    public Set<DataKind> dataKinds() {
        return Set.of(DataKind.UNLABELLED);
    }

    @Override
    public void validate(ModelConfig config, DataSpec data, List<ConfigProblem> problems) {
        VanillaConfig c = (VanillaConfig) config;
        double[] range = c.generator().outputActivation().range();
        // Images are scaled to [-1, 1]; other data (2-D points) can lie anywhere, so G's output must be unbounded.
        if (!data.isImage() && Double.isFinite(range[0] + range[1])) {
            problems.add(new ConfigProblem("$.model.generator.outputActivation",
                    "must be unbounded (e.g. identity) for " + data.name() + ", whose values are not limited to ["
                            + range[0] + ", " + range[1] + "]",
                    "'" + c.generator().outputActivation().name().toLowerCase(Locale.ROOT) + "'", null));
        }
    }

    @Override
    public GanModel create(ModelContext context) {
        return new VanillaGanModel(context);
    }
}
