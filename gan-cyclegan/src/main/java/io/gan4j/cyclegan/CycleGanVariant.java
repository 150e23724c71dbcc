package io.gan4j.cyclegan;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.model.TypedVariant;
import io.gan4j.core.nn.DataChecks;
import io.gan4j.core.nn.NetFootprints;
import io.gan4j.core.api.ModelFootprint;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.nn.PatchGan;
import io.gan4j.core.nn.ResNetGenerator;
import io.gan4j.core.nn.UNet;

import java.util.List;
import java.util.Set;

/**
 * The CycleGAN provider (Zhu, Park, Isola &amp; Efros 2017, arXiv:1703.10593), registered in
 * {@code META-INF/services/io.gan4j.core.api.GanVariant}; configs select it with {@code "model": {"type": "cyclegan"}}.
 * It trains on two unaligned image domains: {@code "data": {"source": "unpaired", ...}} (derived from MNIST or
 * Fashion-MNIST) or {@code "unaligned-folder"} (CycleGAN's trainA/trainB folders).
 */
public final class CycleGanVariant extends TypedVariant<CycleGanConfig> {

    public CycleGanVariant() {
        super("cyclegan", CycleGanConfig.class, CycleGanConfig::defaults, CycleGanModel::new, Set.of(DataKind.UNPAIRED),
                "Unpaired translation (Zhu et al. 2017, arXiv:1703.10593): generators G: A->B and F: B->A, PatchGAN"
                        + " D_A and D_B, least-squares adversarial + cycle + identity losses, pools of past fakes",
                "Zhu, Park, Isola, Efros (2017), Unpaired Image-to-Image Translation using Cycle-Consistent"
                        + " Adversarial Networks (arXiv:1703.10593)");
    }

    @Override
    protected void check(CycleGanConfig config, DataSpec data, List<ConfigProblem> problems) {
        if (!DataChecks.images(data, problems)) {
            return;
        }
        long[] shape = data.sampleShape();
        PatchGan.checkFits(config.discriminator().layers(), shape[1], shape[2], "$.model.discriminator.layers",
                problems);
        if (config.generator() == CycleGanConfig.GeneratorArchitecture.RESNET) {
            String problem = ResNetGenerator.unsupportedSize(shape[1], shape[2]);
            if (problem != null) {
                problems.add(new ConfigProblem("$.data", problem, shape[1] + "x" + shape[2],
                        "\"generator\": \"unet\", or resize the images"));
            }
        } else {
            UNet.checkDepth(config.unet(), shape[1], shape[2], "$.model.unet.depth", problems);
        }
    }

    /** Two generators (G and F) and two PatchGANs (D_A and D_B). */
    @Override
    protected ModelFootprint footprintOf(CycleGanConfig c, DataSpec data) {
        ModelFootprint g = c.generator() == CycleGanConfig.GeneratorArchitecture.UNET
                ? NetFootprints.unet(c.unet(), "$.model.unet", data)
                : NetFootprints.resnet(c.resnet(), "$.model.resnet", data);
        ModelFootprint d = NetFootprints.patchGan(data.sampleShape()[0], c.discriminator(), "$.model.discriminator",
                data);
        return g.plus(g).plus(d).plus(d);
    }
}
