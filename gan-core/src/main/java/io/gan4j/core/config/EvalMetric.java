package io.gan4j.core.config;

import io.gan4j.core.metrics.ClassifierDomain;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The metric that decides which checkpoint is "best", with its direction. The image metrics use a feature network
 * (see {@link ClassifierDomain}); {@link #MODES} and {@link #QUALITY} apply to the synthetic 2-D mixtures.
 */
public enum EvalMetric {
    /** Fréchet distance of feature Gaussians; lower is better. */
    @JsonProperty("fid") FID("fid", false),
    /** Kernel distance (unbiased MMD², cubic kernel); lower is better. */
    @JsonProperty("kid") KID("kid", false),
    /** Inception-score analogue with the domain classifier; higher is better. */
    @JsonProperty("is") IS("is", true),
    /** Improved precision (share of samples on the real manifold); higher is better. */
    @JsonProperty("precision") PRECISION("precision", true),
    /** Improved recall (share of real data on the sample manifold); higher is better. */
    @JsonProperty("recall") RECALL("recall", true),
    /**
     * Coverage (Naeem et al. 2020, diversity): share of real k-NN balls holding a sample; higher is better. Its
     * companion density is not offered: it has no better direction (about 1 for matching data, above 1 when the
     * samples crowd the dense regions, as a collapsing generator's do).
     */
    @JsonProperty("coverage") COVERAGE("coverage", true),
    /** 2-D mixtures: modes covered; higher is better. */
    @JsonProperty("modes") MODES("modes_covered", true),
    /** 2-D mixtures: share of samples within 3σ of a mode; higher is better. */
    @JsonProperty("quality") QUALITY("high_quality", true),
    /** Translation: mean absolute error to the targets; lower is better. */
    @JsonProperty("l1") L1("l1", false),
    /** Translation: peak signal-to-noise ratio to the targets in dB; higher is better. */
    @JsonProperty("psnr") PSNR("psnr", true),
    /** Translation: structural similarity to the targets; higher is better. */
    @JsonProperty("ssim") SSIM("ssim", true),
    /** Unpaired translation: mean cycle-reconstruction error of both directions; lower is better. */
    @JsonProperty("cycle") CYCLE("cycle_l1", false);

    private final String key;
    private final boolean higherIsBetter;

    EvalMetric(String key, boolean higherIsBetter) {
        this.key = key;
        this.higherIsBetter = higherIsBetter;
    }

    /** The metric's key in {@link io.gan4j.core.eval.EvalReport#summary()} and in {@code eval.csv}. */
    public String key() {
        return key;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether the metric compares a translation model's outputs with paired targets. */
    public boolean forTranslation() {
        return this == L1 || this == PSNR || this == SSIM;
    }

    /**
     * Whether the metric applies to unpaired translation: {@link #CYCLE}, {@link #FID} of the translations, and the
     * target metrics when the domains' mapping is known.
     */
    public boolean forUnpaired() {
        return this == CYCLE || this == FID || forTranslation();
    }

    /** Whether the metric is computed on 2-D points rather than images. */
    public boolean forPoints() {
        return this == MODES || this == QUALITY;
    }

    /** Whether {@code candidate} is better than {@code best} (any value beats a missing one). */
    public boolean better(double candidate, Double best) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        return best == null || (higherIsBetter ? candidate > best : candidate < best);
    }
}
