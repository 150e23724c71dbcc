package io.gan4j.vanilla;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.GanVariant;
import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.nn.NetFootprints;
import io.gan4j.core.api.ModelFootprint;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.nn.DataChecks;

import java.util.List;
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
        DataChecks.generatorReachesTheData(c.generator().outputActivation(), "$.model.generator.outputActivation",
                data, problems);
    }

    /** G: z → hidden → one value per data value; D: example → hidden → one logit. */
    @Override
    public ModelFootprint footprint(ModelConfig config, DataSpec data) {
        VanillaConfig c = (VanillaConfig) config;
        return NetFootprints.mlp(c.latentDim(), "$.model.latentDim", c.generator(), "$.model.generator",
                        data.sampleSize())
                .plus(NetFootprints.mlp(data.sampleSize(), "$.data", c.discriminator(), "$.model.discriminator", 1));
    }

    @Override
    public GanModel create(ModelContext context) {
        return new VanillaGanModel(context);
    }
}
