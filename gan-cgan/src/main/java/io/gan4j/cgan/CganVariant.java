package io.gan4j.cgan;

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
 * The conditional GAN's provider, registered in {@code META-INF/services/io.gan4j.core.api.GanVariant}; configs
 * select it with {@code "model": {"type": "cgan"}}. It trains on labelled data only.
 */
public final class CganVariant extends TypedVariant<CganConfig> {

    public CganVariant() {
        super("cgan", CganConfig.class, CganConfig::defaults, CganModel::new, Set.of(DataKind.LABELLED),
                "Conditional GAN (Mirza & Osindero 2014, arXiv:1411.1784): the class label, one-hot or embedded,"
                        + " joins z in G and the example in D; MLP backbone, or DCGAN networks with a projection"
                        + " discriminator",
                "Mirza, Osindero (2014), Conditional Generative Adversarial Nets");
    }

    @Override
    protected void check(CganConfig c, DataSpec data, List<ConfigProblem> problems) {
        DataChecks.backboneFitsTheData(c.backbone() == CganConfig.Backbone.CONV, c.generator().outputActivation(), data,
                problems);
    }

    /**
     * The backbone's networks with the label's inputs: C one-hot values (or embeddingDim) beside z in G and beside
     * the example in D; the projection discriminator's class embedding is left out (small beside the convolutions).
     */
    @Override
    protected ModelFootprint footprintOf(CganConfig c, DataSpec data) {
        double classes = data.numClasses();
        if (c.backbone() == CganConfig.Backbone.CONV) {
            return NetFootprints.latentConvPair(c.latentDim() + classes, c.convGenerator(), "$.model.convGenerator",
                    c.convDiscriminator(), "$.model.convDiscriminator", data);
        }
        double label = c.labelEncoding() == CganConfig.LabelEncoding.ONE_HOT ? classes : c.embeddingDim();
        return NetFootprints.latentMlpPair(c.latentDim(), label, c.generator(), "$.model.generator",
                c.discriminator(), "$.model.discriminator", data);
    }
}
