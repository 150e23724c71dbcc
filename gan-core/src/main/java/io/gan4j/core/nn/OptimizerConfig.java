package io.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * A network's optimizer, chosen per network in a variant's config, e.g.
 * {@code {"type": "adam", "lr": 2e-4, "beta1": 0.5}}. Fields left out keep the variant's defaults; changing
 * {@code type} starts from that optimizer's own defaults.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = OptimizerConfig.Adam.class, name = "adam"),
        @JsonSubTypes.Type(value = OptimizerConfig.RmsProp.class, name = "rmsprop"),
        @JsonSubTypes.Type(value = OptimizerConfig.Sgd.class, name = "sgd"),
})
public sealed interface OptimizerConfig permits OptimizerConfig.Adam, OptimizerConfig.RmsProp, OptimizerConfig.Sgd {

    /** The DL4J updater this config describes. */
    IUpdater toUpdater();

    /** The learning rate. */
    double lr();

    /** Adam (Kingma &amp; Ba 2015) with PyTorch's arithmetic ({@link PyTorchAdam}). */
    @Doc("Adam (Kingma & Ba 2015)")
    record Adam(
            @Doc("Learning rate") @Range(min = 0, minExclusive = true) double lr,
            @Doc("Decay of the first-moment estimate") @Range(min = 0, max = 1, maxExclusive = true) double beta1,
            @Doc("Decay of the second-moment estimate") @Range(min = 0, max = 1, maxExclusive = true) double beta2,
            @Doc("Added to the denominator for numerical stability") @Range(min = 0, minExclusive = true) double epsilon)
            implements OptimizerConfig {

        public static Adam defaults() {
            return new Adam(1e-3, 0.9, 0.999, 1e-8);
        }

        /** Adam with the given learning rate and beta1, other fields at their defaults. */
        public static Adam of(double lr, double beta1) {
            return new Adam(lr, beta1, 0.999, 1e-8);
        }

        @Override
        public IUpdater toUpdater() {
            return new PyTorchAdam(lr, beta1, beta2, epsilon);
        }
    }

    /**
     * RMSProp (Tieleman &amp; Hinton 2012) with PyTorch's semantics ({@link PyTorchRmsProp}): {@code v ← decay·v +
     * (1 − decay)·g²} from v = 0, {@code Δθ = −lr·g / (√v + epsilon)}; {@code decay} is PyTorch's {@code alpha}.
     */
    @Doc("RMSProp (Tieleman & Hinton 2012)")
    record RmsProp(
            @Doc("Learning rate") @Range(min = 0, minExclusive = true) double lr,
            @Doc("Decay of the squared-gradient average (PyTorch's alpha)") @Range(min = 0, max = 1, maxExclusive = true) double decay,
            @Doc("Added to the root of the squared-gradient average, as in PyTorch: lr * g / (sqrt(v) + epsilon)") @Range(min = 0, minExclusive = true) double epsilon)
            implements OptimizerConfig {

        public static RmsProp defaults() {
            return new RmsProp(1e-3, 0.99, 1e-8);
        }

        @Override
        public IUpdater toUpdater() {
            return new PyTorchRmsProp(lr, decay, epsilon);
        }
    }

    /** Stochastic gradient descent, with Nesterov momentum when {@code momentum > 0}. */
    @Doc("Stochastic gradient descent, Nesterov momentum when momentum > 0")
    record Sgd(
            @Doc("Learning rate") @Range(min = 0, minExclusive = true) double lr,
            @Doc("Nesterov momentum; 0 = plain SGD") @Range(min = 0, max = 1, maxExclusive = true) double momentum)
            implements OptimizerConfig {

        public static Sgd defaults() {
            return new Sgd(1e-2, 0.0);
        }

        @Override
        public IUpdater toUpdater() {
            return momentum > 0 ? new Nesterovs(lr, momentum) : new org.nd4j.linalg.learning.config.Sgd(lr);
        }
    }
}
