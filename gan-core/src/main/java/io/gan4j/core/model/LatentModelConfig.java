package io.gan4j.core.model;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.LatentDistribution;
import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.nn.ActivationName;

import java.util.List;
import java.util.Locale;

/**
 * The latent block a {@link LatentGanModel}'s config shares with every other latent model's: a variant's config
 * record implements it with two of its own components, {@code latentDim} and {@code latent}, so the JSON keys stay the
 * record's (a record cannot inherit components; each record keeps its own {@code @Doc} for the config reference).
 */
public interface LatentModelConfig extends ModelConfig {

    /** Dimensions of the latent code z, at least 1. */
    int latentDim();

    /** The prior z is drawn from: N(0, 1) or U(-1, 1) per value. */
    LatentDistribution latent();

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
