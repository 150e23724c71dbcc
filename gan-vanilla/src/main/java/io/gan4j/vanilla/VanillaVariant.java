package io.gan4j.vanilla;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.model.TypedVariant;
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
public final class VanillaVariant extends TypedVariant<VanillaConfig> {

    /**
     * The registry name ({@code model.type} in configs), the config record and its defaults, the model's constructor,
     * and the data the model trains on (any examples; labels, if the data has them, are ignored). ServiceLoader needs
     * this public no-argument constructor.
     */
    public VanillaVariant() {
        super("vanilla", VanillaConfig.class, VanillaConfig::defaults, VanillaGanModel::new,
                Set.of(DataKind.UNLABELLED));
    }

    @Override
    public String description() {
        return "MLP generator and discriminator; defaults reproduce the Keras MLP GAN recipe";
    }

    @Override
    public String paper() {
        return "Goodfellow, Pouget-Abadie, Mirza, Xu, Warde-Farley, Ozair, Courville, Bengio (2014), Generative Adversarial Nets";
    }

    /** Checks of the config against the data, run by {@code validate} and before training. */
    @Override
    protected void check(VanillaConfig c, DataSpec data, List<ConfigProblem> problems) {
        DataChecks.generatorReachesTheData(c.generator().outputActivation(), "$.model.generator.outputActivation",
                data, problems);
    }

    /** G: z → hidden → one value per data value; D: example → hidden → one logit. */
    @Override
    protected ModelFootprint footprintOf(VanillaConfig c, DataSpec data) {
        return NetFootprints.latentMlpPair(c.latentDim(), 0, c.generator(), "$.model.generator", c.discriminator(),
                "$.model.discriminator", data);
    }
}
