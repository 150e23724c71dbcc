package io.gan4j.core.loss;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.function.Supplier;

/** The adversarial objectives a config can name; see {@link AdversarialLosses} for the formulas. */
public enum AdversarialLossType {
    /** The original minimax game; the generator's gradient vanishes when the discriminator wins. */
    @JsonProperty("minimax") MINIMAX(AdversarialLosses.Minimax::new),
    /** The generator maximises log D(G(z)) instead (the GAN paper's practical choice); the usual default. */
    @JsonProperty("non-saturating") NON_SATURATING(AdversarialLosses.NonSaturating::new),
    /** LSGAN: squared error towards 1 (real) and 0 (fake). */
    @JsonProperty("least-squares") LEAST_SQUARES(AdversarialLosses.LeastSquares::new),
    /** Hinge loss on the raw score. */
    @JsonProperty("hinge") HINGE(AdversarialLosses.Hinge::new),
    /** The critic's estimate of the Wasserstein-1 distance (needs a Lipschitz constraint: clipping or a penalty). */
    @JsonProperty("wasserstein") WASSERSTEIN(AdversarialLosses.Wasserstein::new);

    private final Supplier<AdversarialLoss> factory;

    AdversarialLossType(Supplier<AdversarialLoss> factory) {
        this.factory = factory;
    }

    /** A new instance of this loss. */
    public AdversarialLoss create() {
        return factory.get();
    }
}
