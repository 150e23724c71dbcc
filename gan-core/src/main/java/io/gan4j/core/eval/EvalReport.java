package io.gan4j.core.eval;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * What {@code gan4j evaluate} writes to {@code eval.json}: the metric values with everything needed to tell
 * whether two reports can be compared (the feature network and its checksum, the metrics version, the reference
 * data and the sample counts).
 *
 * @param format         layout version of this file
 * @param metricsVersion {@link io.gan4j.core.metrics.MetricsVersion#VERSION} of the code that computed it;
 *                       reports of different versions are never compared
 * @param createdAt      ISO-8601 time
 * @param gan4jVersion   gan4j's version
 * @param source         what was evaluated
 * @param reference      the real examples compared with (e.g. {@code mnist/heldout}), or the mixture's name
 * @param referenceCount number of real examples
 * @param generatedCount number of generated samples
 * @param sampleSeed     seed of the generated samples' latent codes, or null for samples read from a file
 * @param features       the feature network, or null for 2-D data
 * @param summary        one number per metric, by key ({@code fid}, {@code kid}, {@code kid_std}, {@code is},
 *                       {@code is_std}, {@code precision}, {@code recall}, {@code density}, {@code coverage},
 *                       {@code classes_covered},
 *                       {@code class_kl_uniform}, {@code class_kl_reference}; for a conditional model also
 *                       {@code conditional_accuracy}; for 2-D data {@code modes_covered}, {@code high_quality})
 * @param details        each metric's full result (parameters, per-class counts...), by metric name
 * @param modelMetrics   the keys of {@code summary} the model contributed itself
 *                       ({@link io.gan4j.core.api.GanModel#ownMetrics}), in order; left out of the file when none
 */
public record EvalReport(int format, int metricsVersion, String createdAt, String gan4jVersion, Source source,
                         String reference, int referenceCount, int generatedCount, Long sampleSeed,
                         FeatureInfo features, Map<String, Double> summary, Map<String, Object> details,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> modelMetrics) {

    /** Current layout version. */
    public static final int FORMAT = 1;

    public EvalReport {
        // Reports written before models had metrics of their own have no such field.
        modelMetrics = modelMetrics == null ? List.of() : List.copyOf(modelMetrics);
    }

    /** A report with core's metrics only. */
    public EvalReport(int format, int metricsVersion, String createdAt, String gan4jVersion, Source source,
                      String reference, int referenceCount, int generatedCount, Long sampleSeed,
                      FeatureInfo features, Map<String, Double> summary, Map<String, Object> details) {
        this(format, metricsVersion, createdAt, gan4jVersion, source, reference, referenceCount, generatedCount,
                sampleSeed, features, summary, details, List.of());
    }

    /**
     * What was evaluated.
     *
     * @param kind         {@code run}, {@code checkpoint} or {@code samples}
     * @param path         the run directory, checkpoint directory or samples file as given
     * @param variant      the variant, or null for a samples file
     * @param step         the checkpoint's training step, or null
     * @param configSha256 the run's config hash, or null
     * @param data         the training data's name, or null
     */
    public record Source(String kind, String path, String variant, Long step, String configSha256, String data) {
    }

    /**
     * The feature network behind the image metrics.
     *
     * @param id          e.g. {@code gan4j-mnist-lenet-v1}
     * @param displayName how metrics computed with it are named, e.g. {@code gan4j-mnist features}
     * @param sha256      checksum of its weights
     * @param dimension   feature dimension
     */
    public record FeatureInfo(String id, String displayName, String sha256, int dimension) {
    }

    /**
     * Why two reports cannot be compared, or null when they can: same metrics version, same feature network
     * (by checksum) and same reference data.
     */
    public String incompatibility(EvalReport other) {
        if (metricsVersion != other.metricsVersion) {
            return "metrics version " + metricsVersion + " vs " + other.metricsVersion;
        }
        String mine = features == null ? "none" : features.id() + " " + features.sha256();
        String theirs = other.features == null ? "none" : other.features.id() + " " + other.features.sha256();
        if (!mine.equals(theirs)) {
            return "feature network " + mine + " vs " + theirs;
        }
        if (!reference.equals(other.reference)) {
            return "reference data " + reference + " vs " + other.reference;
        }
        return null;
    }
}
