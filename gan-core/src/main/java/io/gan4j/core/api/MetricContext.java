package io.gan4j.core.api;

import java.util.Optional;

/**
 * What core hands {@link GanModel#ownMetrics} at each evaluation: the same values at every periodic evaluation of a
 * run, so the model's own metrics are comparable across steps.
 *
 * @param samples    how many samples the evaluation uses ({@code eval.samples}, or {@code gan4j evaluate --n}), at
 *                   least 1; a model's own metric should use about this many
 * @param seed       the evaluation's seed: draw latent codes from it (and only from it) so the same state always
 *                   gives the same values
 * @param classifier the shipped classifier of the run's data domain, the one behind FID, or null when none applies
 *                   (2-D points, images without {@code eval.features}, shapes other than the classifier's
 *                   {@code [1, 28, 28]})
 */
public record MetricContext(int samples, long seed, ImageClassifier classifier) {

    public MetricContext {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
    }

    /** {@link #classifier()}, empty when none applies. */
    public Optional<ImageClassifier> classifierIfAny() {
        return Optional.ofNullable(classifier);
    }
}
