package io.gan4j.core.metrics;

/**
 * The version of how the metrics in this package are computed, to be stored next to every recorded score.
 *
 * <p>Any change that can alter a metric's value for the same input — a different estimator, default, kernel,
 * epsilon, subset sampling, window or random stream — must increment {@link #VERSION}. Scores are only comparable
 * when they were computed under the same version; code that compares runs checks this with
 * {@link #requireSame(int, int)} and refuses to mix versions rather than report a difference the metric code made.
 * Pure refactorings that leave every value unchanged keep the version.
 */
public final class MetricsVersion {
    /** The current version, 1: the first set of domain metrics (FID, KID, IS, precision/recall, coverage, ...). */
    public static final int VERSION = 1;

    private MetricsVersion() {
    }

    /**
     * Checks that two recorded scores were computed by the same metric code.
     *
     * @param a the version recorded with one score
     * @param b the version recorded with the other
     * @throws IllegalStateException if they differ
     */
    public static void requireSame(int a, int b) {
        if (a != b) {
            throw new IllegalStateException("metrics computed by different versions (" + a + " and " + b
                    + ") cannot be compared; recompute both with version " + VERSION);
        }
    }
}
