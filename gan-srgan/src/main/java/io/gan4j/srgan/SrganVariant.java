package io.gan4j.srgan;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelFootprint;
import io.gan4j.core.metrics.DomainClassifier;
import io.gan4j.core.model.TypedVariant;
import io.gan4j.core.nn.DataChecks;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The SRGAN provider (Ledig, Theis, Huszár, Caballero, Cunningham, Acosta, Aitken, Tejani, Totz, Wang &amp; Shi 2017,
 * arXiv:1609.04802), registered in {@code META-INF/services/io.gan4j.core.api.GanVariant}; configs select it with
 * {@code "model": {"type": "srgan"}}. It trains on the paired super-resolution data gan-core derives
 * ({@code "data": {"source": "paired", "task": "superres", "factor": 4}}) or on aligned A|B folders whose A half is that
 * derivation of B ({@code scripts/superres_folder.py}).
 */
public final class SrganVariant extends TypedVariant<SrganConfig> {

    public SrganVariant() {
        super("srgan", SrganConfig.class, SrganConfig::defaults, SrganModel::new, Set.of(DataKind.PAIRED),
                "Super-resolution GAN (Ledig et al. 2017, arXiv:1609.04802): SRResNet G with sub-pixel up-sampling,"
                        + " feature content loss + 1e-3 adversarial; SRResNet-MSE and bicubic baselines",
                "Ledig et al. (2017), Photo-Realistic Single Image Super-Resolution Using a Generative Adversarial"
                        + " Network (arXiv:1609.04802)");
    }

    @Override
    protected void check(SrganConfig config, DataSpec data, List<ConfigProblem> problems) {
        if (!DataChecks.images(data, problems)) {
            return;
        }
        long[] shape = data.sampleShape();
        int f = config.factor();
        if (shape[1] % f != 0 || shape[2] % f != 0 || shape[1] < 2L * f || shape[2] < 2L * f) {
            problems.add(new ConfigProblem("$.model.factor", "must divide the image size and leave at least 2 px",
                    f + " for " + shape[1] + "x" + shape[2], null));
        }
        boolean featureContent = config.trained() && config.content() == SrganConfig.Content.FEATURES;
        long[] classifierInput = {1, DomainClassifier.SIZE, DomainClassifier.SIZE};
        if (featureContent && !Arrays.equals(shape, classifierInput)) {
            problems.add(new ConfigProblem("$.model.content", "must be mse for images other than [1, 28, 28]",
                    "'features' for " + Arrays.toString(shape),
                    "the feature network is the shipped 28x28 grey classifier"));
        }
    }

    /**
     * The learned parameters of the networks {@link SrganModel} builds (none for the bicubic baseline, no
     * discriminator without an adversarial term), counted from the builders' layers: SRResNet's convolutions, batch
     * norm scales and shifts and per-channel PReLU slopes, the discriminator's stages and dense layers. Activations
     * per example are the convolutions' outputs only, a lower bound. The frozen content network is not counted (it
     * is shared, read-only and small).
     */
    @Override
    protected ModelFootprint footprintOf(SrganConfig config, DataSpec data) {
        long[] shape = data.sampleShape();
        if (!config.trained() || !data.isImage()) {
            return ModelFootprint.NONE;
        }
        ModelFootprint g = generatorFootprint(config.generator(), shape, config.factor(), config.stages());
        return config.adversarial() ? g.plus(discriminatorFootprint(config.discriminator(), shape)) : g;
    }

    private static ModelFootprint generatorFootprint(SrResNetConfig config, long[] shape, int factor, int stages) {
        double c = shape[0];
        double k = config.width();
        double lowPixels = (double) (shape[1] / factor) * (shape[2] / factor);
        String path = "$.model.generator";
        ModelFootprint f = ModelFootprint.layer(81 * c * k + k + k, k * lowPixels, path);
        f = f.plus(ModelFootprint.layer(config.residualBlocks() * (18 * k * k + 5 * k),
                config.residualBlocks() * 2 * k * lowPixels, path + ".residualBlocks"));
        f = f.plus(ModelFootprint.layer(9 * k * k + 2 * k, k * lowPixels, path));
        double pixels = lowPixels;
        for (int s = 0; s < stages; s++) {
            f = f.plus(ModelFootprint.layer(9 * k * 4 * k + 4 * k + k, 4 * k * pixels, path));
            pixels *= 4;
        }
        return f.plus(ModelFootprint.layer(81 * k * c + c, c * pixels, path));
    }

    private static ModelFootprint discriminatorFootprint(SrganDiscriminatorConfig config, long[] shape) {
        int stages = SrganDiscriminator.stages(config, Math.min(shape[1], shape[2]));
        String path = "$.model.discriminator";
        ModelFootprint f = ModelFootprint.NONE;
        double in = shape[0];
        double side = Math.min(shape[1], shape[2]);
        double channels = in;
        for (int s = 0; s < stages; s++) {
            channels = config.width() * Math.min(8, 1 << s);
            double first = 9 * in * channels + (s == 0 ? channels : 2 * channels);
            double sideAfter = Math.ceil(side / 2);
            f = f.plus(ModelFootprint.layer(first, channels * side * side, path))
                    .plus(ModelFootprint.layer(9 * channels * channels + 2 * channels,
                            channels * sideAfter * sideAfter, path));
            in = channels;
            side = sideAfter;
        }
        double flat = channels * SrganDiscriminator.featureSide(shape[1], stages)
                * SrganDiscriminator.featureSide(shape[2], stages);
        double dense = config.denseWidth();
        return f.plus(ModelFootprint.layer(flat * dense + dense + dense + 1, dense + 1, path + ".denseWidth"));
    }
}
