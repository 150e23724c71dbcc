package io.gan4j.infogan;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelFootprint;
import io.gan4j.core.model.TypedVariant;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The InfoGAN provider (Chen et al. 2016, arXiv:1606.03657), registered in
 * {@code META-INF/services/io.gan4j.core.api.GanVariant}; configs select it with {@code "model": {"type": "infogan"}}.
 * Unsupervised: it trains on images alone and learns what its codes mean. Square images whose side is a multiple of
 * 4 (the paper's networks halve it twice), any number of channels.
 */
public final class InfoGanVariant extends TypedVariant<InfoGanConfig> {

    /** ServiceLoader needs this public no-argument constructor. */
    public InfoGanVariant() {
        super("infogan", InfoGanConfig.class, InfoGanConfig::defaults, InfoGanModel::new, Set.of(DataKind.UNLABELLED));
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
    protected void check(InfoGanConfig config, DataSpec data, List<ConfigProblem> problems) {
        long[] shape = data.sampleShape();
        if (!data.isImage() || shape.length != 3 || shape[1] != shape[2] || shape[1] % 4 != 0 || shape[1] < 8) {
            problems.add(new ConfigProblem("$.data", "must be square images [C, S, S] with S a multiple of 4"
                    + " (the paper's networks halve S twice)", data.name() + " " + Arrays.toString(shape),
                    "MNIST-sized images [1, 28, 28] are what the paper uses"));
        }
    }

    /**
     * The networks of {@link InfoGanNetworks}, counted layer by layer: weights (no bias before batch norm), batch
     * norm's scale and shift, and each layer's output per example (kept with its gradient for the backward pass).
     */
    @Override
    protected ModelFootprint footprintOf(InfoGanConfig c, DataSpec data) {
        long[] shape = data.sampleShape();
        if (shape.length != 3) {
            return ModelFootprint.NONE;
        }
        double channels = shape[0];
        double s = shape[1];
        double q = Math.floor(s / 4);
        double flat = q * q * 128;
        String g = "$.model.noise";
        String d = "$.data";
        return ModelFootprint.layer(c.codeWidth() * 1024.0 + 2 * 1024, 3 * 1024, g)
                .plus(ModelFootprint.layer(1024 * flat + 2 * flat, 3 * flat, g))
                .plus(ModelFootprint.layer(128 * 64 * 16 + 2 * 64, 3 * 64 * (2 * q) * (2 * q), g))
                .plus(ModelFootprint.layer(64 * channels * 16 + channels, 2 * channels * s * s, g))
                .plus(ModelFootprint.layer(channels * 64 * 16 + 64, 2 * 64 * (2 * q) * (2 * q), d))
                .plus(ModelFootprint.layer(64 * 128 * 16 + 2 * 128, 3 * flat, d))
                .plus(ModelFootprint.layer(flat * 1024 + 2 * 1024 + 1024 + 1, 3 * 1024 + 1, d))
                .plus(ModelFootprint.layer(1024 * 128 + 2 * 128, 3 * 128, "$.model.categorical"))
                .plus(ModelFootprint.layer(129.0 * (c.categorical() + c.continuous()),
                        c.categorical() + c.continuous(), "$.model.categorical"));
    }
}
