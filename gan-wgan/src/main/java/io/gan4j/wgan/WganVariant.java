package io.gan4j.wgan;

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
 * The Wasserstein GAN's provider, registered in {@code META-INF/services/io.gan4j.core.api.GanVariant}; configs
 * select it with {@code "model": {"type": "wgan"}} and choose weight clipping or the gradient penalty with
 * {@code lipschitz}.
 */
public final class WganVariant extends TypedVariant<WganConfig> {

    public WganVariant() {
        super("wgan", WganConfig.class, WganConfig::defaults, WganModel::new, Set.of(DataKind.UNLABELLED),
                "Wasserstein GAN (Arjovsky et al. 2017, arXiv:1701.07875) with weight clipping, or WGAN-GP"
                        + " (Gulrajani et al. 2017, arXiv:1704.00028) with a gradient penalty; nCritic critic updates"
                        + " per generator update; MLP or DCGAN backbone",
                "Arjovsky, Chintala, Bottou (2017), Wasserstein GAN; Gulrajani, Ahmed, Arjovsky, Dumoulin, Courville"
                        + " (2017), Improved Training of Wasserstein GANs");
    }

    @Override
    protected void check(WganConfig c, DataSpec data, List<ConfigProblem> problems) {
        DataChecks.backboneFitsTheData(c.backbone() == WganConfig.Backbone.CONV, c.generator().outputActivation(), data,
                problems);
    }

    /** The backbone's generator and critic; the critic's nCritic updates reuse its memory. */
    @Override
    protected ModelFootprint footprintOf(WganConfig c, DataSpec data) {
        if (c.backbone() == WganConfig.Backbone.CONV) {
            return NetFootprints.latentConvPair(c.latentDim(), c.convGenerator(), "$.model.convGenerator",
                    c.convCritic(), "$.model.convCritic", data);
        }
        return NetFootprints.latentMlpPair(c.latentDim(), 0, c.generator(), "$.model.generator", c.critic(),
                "$.model.critic", data);
    }
}
