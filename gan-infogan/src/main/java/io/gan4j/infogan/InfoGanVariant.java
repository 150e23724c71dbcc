package io.gan4j.infogan;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.GanVariant;
import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.api.ModelContext;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The InfoGAN provider (Chen et al. 2016, arXiv:1606.03657), registered in
 * {@code META-INF/services/io.gan4j.core.api.GanVariant}; configs select it with {@code "model": {"type": "infogan"}}.
 * Unsupervised: it trains on images alone and learns what its codes mean. Square images whose side is a multiple of
 * 4 (the paper's networks halve it twice), any number of channels.
 */
public final class InfoGanVariant implements GanVariant {

    @Override
    public String name() {
        return "infogan";
    }

    @Override
    public String description() {
        return "InfoGAN (Chen et al. 2016, arXiv:1606.03657): categorical and continuous latent codes recovered by a"
                + " Q head on D, mutual-information term lambda = 1";
    }

    @Override
    public String paper() {
        return "Chen, Duan, Houthooft, Schulman, Sutskever, Abbeel (2016), InfoGAN: Interpretable Representation"
                + " Learning by Information Maximizing Generative Adversarial Nets (arXiv:1606.03657)";
    }

    @Override
    public Class<? extends ModelConfig> configType() {
        return InfoGanConfig.class;
    }

    @Override
    public ModelConfig defaultConfig() {
        return InfoGanConfig.defaults();
    }

    @Override
    public Set<DataKind> dataKinds() {
        return Set.of(DataKind.UNLABELLED);
    }

    @Override
    public void validate(ModelConfig config, DataSpec data, List<ConfigProblem> problems) {
        long[] shape = data.sampleShape();
        if (!data.isImage() || shape.length != 3 || shape[1] != shape[2] || shape[1] % 4 != 0 || shape[1] < 8) {
            problems.add(new ConfigProblem("$.data", "must be square images [C, S, S] with S a multiple of 4"
                    + " (the paper's networks halve S twice)", data.name() + " " + Arrays.toString(shape),
                    "MNIST-sized images [1, 28, 28] are what the paper uses"));
        }
    }

    @Override
    public GanModel create(ModelContext context) {
        return new InfoGanModel(context);
    }
}
