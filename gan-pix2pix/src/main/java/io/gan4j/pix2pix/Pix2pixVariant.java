package io.gan4j.pix2pix;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.model.TypedVariant;
import io.gan4j.core.nn.DataChecks;
import io.gan4j.core.nn.NetFootprints;
import io.gan4j.core.api.ModelFootprint;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.nn.PatchGan;
import io.gan4j.core.nn.UNet;

import java.util.List;
import java.util.Set;

/**
 * The pix2pix provider (Isola, Zhu, Zhou &amp; Efros 2017, arXiv:1611.07004), registered in
 * {@code META-INF/services/io.gan4j.core.api.GanVariant}; configs select it with {@code "model": {"type": "pix2pix"}}.
 * It trains on paired images: {@code "data": {"source": "paired", ...}} (inputs derived from MNIST or Fashion-MNIST)
 * or {@code "aligned-folder"} (pix2pix's A|B dataset folders).
 */
public final class Pix2pixVariant extends TypedVariant<Pix2pixConfig> {

    public Pix2pixVariant() {
        super("pix2pix", Pix2pixConfig.class, Pix2pixConfig::defaults, Pix2pixModel::new, Set.of(DataKind.PAIRED),
                "Image-to-image translation (Isola et al. 2017, arXiv:1611.07004): U-Net G, PatchGAN D on"
                        + " (input, output), adversarial + lambda*L1",
                "Isola, Zhu, Zhou, Efros (2017), Image-to-Image Translation with Conditional Adversarial Networks"
                        + " (arXiv:1611.07004)");
    }

    @Override
    protected void check(Pix2pixConfig config, DataSpec data, List<ConfigProblem> problems) {
        if (!DataChecks.images(data, problems)) {
            return;
        }
        long[] shape = data.sampleShape();
        if (config.adversarial()) {
            PatchGan.checkFits(config.discriminator().layers(), shape[1], shape[2], "$.model.discriminator.layers",
                    problems);
        }
        UNet.checkDepth(config.generator(), shape[1], shape[2], "$.model.generator.depth", problems);
    }

    /** The U-Net and, unless lambdaGan is 0, the PatchGAN (on input and output together when conditional). */
    @Override
    protected ModelFootprint footprintOf(Pix2pixConfig c, DataSpec data) {
        ModelFootprint g = NetFootprints.unet(c.generator(), "$.model.generator", data);
        if (c.lambdaGan() == 0) {
            return g;
        }
        double channels = data.sampleShape()[0] * (c.conditional() ? 2.0 : 1.0);
        return g.plus(NetFootprints.patchGan(channels, c.discriminator(), "$.model.discriminator", data));
    }
}
