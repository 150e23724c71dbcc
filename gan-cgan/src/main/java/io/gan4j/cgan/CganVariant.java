package io.gan4j.cgan;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.GanVariant;
import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.config.ConfigProblem;
import io.gan4j.core.nn.ConvNets;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The conditional GAN's provider, registered in {@code META-INF/services/io.gan4j.core.api.GanVariant}; configs
 * select it with {@code "model": {"type": "cgan"}}. It trains on labelled data only.
 */
public final class CganVariant implements GanVariant {

    @Override
    public String name() {
        return "cgan";
    }

    @Override
    public String description() {
        return "Conditional GAN (Mirza & Osindero 2014, arXiv:1411.1784): the class label, one-hot or embedded, joins z"
                + " in G and the example in D; MLP backbone, or DCGAN networks with a projection discriminator";
    }

    @Override
    public String paper() {
        return "Mirza, Osindero (2014), Conditional Generative Adversarial Nets";
    }

    @Override
    public Class<? extends ModelConfig> configType() {
        return CganConfig.class;
    }

    @Override
    public ModelConfig defaultConfig() {
        return CganConfig.defaults();
    }

    @Override
    public Set<DataKind> dataKinds() {
        return Set.of(DataKind.LABELLED);
    }

    @Override
    public void validate(ModelConfig config, DataSpec data, List<ConfigProblem> problems) {
        CganConfig c = (CganConfig) config;
        if (c.backbone() == CganConfig.Backbone.CONV) {
            long[] shape = data.sampleShape();
            String problem = !data.isImage() || shape.length != 3 ? "must be images [C, H, W] for backbone conv"
                    : ConvNets.unsupportedSize(shape[1], shape[2]);
            if (problem != null) {
                problems.add(new ConfigProblem("$.data", problem, data.name() + " " + Arrays.toString(shape), null));
            }
            return;
        }
        double[] range = c.generator().outputActivation().range();
        if (!data.isImage() && Double.isFinite(range[0] + range[1])) {
            problems.add(new ConfigProblem("$.model.generator.outputActivation",
                    "must be unbounded (e.g. identity) for " + data.name() + ", whose values are not limited to ["
                            + range[0] + ", " + range[1] + "]",
                    "'" + c.generator().outputActivation().name().toLowerCase(Locale.ROOT) + "'", null));
        }
    }

    @Override
    public GanModel create(ModelContext context) {
        return new CganModel(context);
    }
}
