package io.gan4j.dcgan;

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
 * The DCGAN provider (Radford, Metz &amp; Chintala 2015, arXiv:1511.06434), registered in
 * {@code META-INF/services/io.gan4j.core.api.GanVariant}; configs select it with
 * {@code "model": {"type": "dcgan"}}. It trains on square images whose size {@link ConvNets#layout} accepts
 * (28, 32, 64...), with any number of channels.
 */
public final class DcganVariant extends TypedVariant<DcganConfig> {

    public DcganVariant() {
        super("dcgan", DcganConfig.class, DcganConfig::defaults, DcganModel::new, Set.of(DataKind.UNLABELLED),
                "Deep convolutional GAN (Radford et al. 2015, arXiv:1511.06434): transpose-conv G, strided-conv D,"
                        + " batch norm, depth from the image size",
                "Radford, Metz, Chintala (2015), Unsupervised Representation Learning with Deep Convolutional"
                        + " Generative Adversarial Networks (arXiv:1511.06434)");
    }

    @Override
    protected void check(DcganConfig config, DataSpec data, List<ConfigProblem> problems) {
        DataChecks.convolutionalImages(data, problems);
    }

    /** The DCGAN generator from z and the mirrored discriminator. */
    @Override
    protected ModelFootprint footprintOf(DcganConfig c, DataSpec data) {
        return NetFootprints.latentConvPair(c.latentDim(), c.generator(), "$.model.generator", c.discriminator(),
                "$.model.discriminator", data);
    }
}
