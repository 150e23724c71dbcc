package io.gan4j.core.model;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.LatentCode;
import io.gan4j.core.api.LatentDistribution;
import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.nn.ActivationName;

import java.util.List;
import java.util.Locale;

/**
 * The latent block a {@link LatentGanModel}'s config shares with every other latent model's: a variant's config
 * record implements it with two of its own components, {@code latentDim} and {@code latent}, so the JSON keys stay the
 * record's (a record cannot inherit components; each record keeps its own {@code @Doc} for the config reference).
 * A variant with a structured code (InfoGAN's categorical and continuous parts beside the noise) overrides
 * {@link #latentCode()}.
 */
public interface LatentModelConfig extends ModelConfig {

    /** Dimensions of the latent code z, at least 1. */
    int latentDim();

    /** The prior of the noise: N(0, 1) or U(-1, 1) per value. */
    LatentDistribution latent();

    /**
     * The structure of the generator's latent input, which sampling, interpolation and grids follow. The default is
     * a plain code: one noise part {@code z} of {@link #latentDim()} values from {@link #latent()}, whose draws are
     * exactly {@code latent().sample(...)}'s. A model's latent width is this code's {@link LatentCode#width()}.
     */
    default LatentCode latentCode() {
        return LatentCode.noise(latent(), latentDim());
    }

    /**
     * Adds a problem at {@code network.outputActivation} unless {@code output} is identity: the adversarial losses
     * take a discriminator's (critic's) raw scores and apply any sigmoid themselves, so a squashed output would be
     * squashed twice.
     *
     * @param network the JSON path of the discriminator's config, e.g. {@code $.model.discriminator}
     * @param why     the reason the message gives, e.g. "the losses work on raw logits"
     */
    static void requireRawScores(String network, ActivationName output, String why, List<ConfigProblem> problems) {
        if (output != ActivationName.IDENTITY) {
            problems.add(new ConfigProblem(network + ".outputActivation", "must be identity",
                    "'" + output.name().toLowerCase(Locale.ROOT) + "'", why));
        }
    }
}
