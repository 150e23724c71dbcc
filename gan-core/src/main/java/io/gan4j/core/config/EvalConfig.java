package io.gan4j.core.config;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;
import io.gan4j.core.data.DataConfig;
import io.gan4j.core.metrics.ClassifierDomain;
import io.gan4j.core.metrics.DomainClassifier;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code eval} section: periodic evaluation during training, which logs the metrics to {@code eval.csv} and
 * keeps the best checkpoint by {@link #metric()} (best is often not latest: late collapse is common). The
 * {@code evaluate} command uses {@link #against()} and {@link #features()} as its defaults too.
 */
public record EvalConfig(
        @Doc("Evaluate every N iterations during training and keep the best checkpoint; 0 = never") @Range(min = 0) int every,
        @Doc("Generated samples per periodic evaluation (paired data: held-out pairs translated; unpaired: images per domain)") @Range(min = 10) int samples,
        @Doc("Metric that picks the best checkpoint: fid, kid, is, precision, recall, coverage (images); modes, quality (2-D data); psnr, ssim, l1 (paired data, unpaired with a known mapping); cycle, fid (unpaired data)") EvalMetric metric,
        @Doc("Real examples (or pairs) to compare with: heldout or train") EvalReference against,
        @Doc("Feature network for image metrics: mnist or fashion-mnist; null = the one matching the data source") ClassifierDomain features) {

    public static EvalConfig defaults() {
        return new EvalConfig(0, 2000, EvalMetric.FID, EvalReference.HELDOUT, null);
    }

    /**
     * Whether {@code data} is a synthetic 2-D mixture ({@link DataConfig#modes()}), scored by mode coverage instead of
     * features.
     */
    public static boolean isPoints(DataConfig data) {
        return data.modes().isPresent();
    }

    /**
     * The feature network for {@code data} (domain A's for unpaired data): the configured one, else the shipped one
     * of the data's declared {@link DataConfig#imageDomain()}, else null.
     */
    public ClassifierDomain featuresFor(DataConfig data) {
        return features != null ? features : ClassifierDomain.of(data.imageDomain());
    }

    /**
     * The feature network for domain B of unpaired data: the configured one, else the shipped one of the data's
     * {@link DataConfig#imageDomainB()}, else null.
     */
    public ClassifierDomain featuresForB(DataConfig data) {
        return features != null ? features : ClassifierDomain.of(data.imageDomainB());
    }

    /** Whether examples of {@code shape} fit the shipped feature networks, which take {@code [1, 28, 28]}. */
    public static boolean fitsFeatureNetworks(long[] shape) {
        return Arrays.equals(shape, new long[] {1, DomainClassifier.SIZE, DomainClassifier.SIZE});
    }

    /**
     * The real examples to compare with: the held-out split of the training source (all of it,
     * {@link DataConfig#heldout()}), or the training examples as configured; null when the source has no held-out
     * split (an image folder has one only with {@code heldoutFraction > 0}).
     */
    public static DataConfig reference(DataConfig data, EvalReference against) {
        return against == EvalReference.TRAIN ? data : data.heldout();
    }

    /**
     * Rules that tie this section to the data source, checked when periodic evaluation is on: the metric must
     * suit the data, a held-out split must exist, and image data needs a feature network, which takes
     * {@code [1, 28, 28]} images (so an image folder must have {@code size} 28 and {@code channels} 1).
     */
    public void checkFits(DataConfig data, List<ConfigProblem> problems) {
        if (every == 0) {
            return;
        }
        String source = DataConfig.sourceName(data);
        String found = "'" + metric.name().toLowerCase(Locale.ROOT) + "'";
        DataKind kind = data.kind();
        if (kind == DataKind.PAIRED) {
            if (!metric.forTranslation()) {
                problems.add(new ConfigProblem("$.eval.metric", "must be psnr, ssim or l1 for paired data", found, null));
            }
            return;
        }
        if (kind == DataKind.UNPAIRED) {
            checkFitsUnpaired(data, source, found, problems);
            return;
        }
        if (metric.forTranslation() || metric == EvalMetric.CYCLE) {
            problems.add(new ConfigProblem("$.eval.metric", "must not be psnr, ssim, l1 or cycle, which need"
                    + " translation data ("
                    + source + " is not)", found, null));
            return;
        }
        if (isPoints(data) && !metric.forPoints()) {
            problems.add(new ConfigProblem("$.eval.metric", "must be modes or quality for 2-D data",
                    "'" + metric.name().toLowerCase(Locale.ROOT) + "'", null));
        }
        if (!isPoints(data) && metric.forPoints()) {
            problems.add(new ConfigProblem("$.eval.metric", "must be fid, kid, is, precision, recall or coverage for"
                    + " images", "'" + metric.name().toLowerCase(Locale.ROOT) + "'", null));
        }
        if (!isPoints(data) && reference(data, against) == null) {
            problems.add(new ConfigProblem("$.eval.against", "must be train for " + source + " data, which has no"
                    + " held-out split", "'heldout'", null));
        }
        checkFeatureNetwork(data, source, problems);
    }

    private void checkFitsUnpaired(DataConfig data, String source, String found, List<ConfigProblem> problems) {
        if (!metric.forUnpaired()) {
            problems.add(new ConfigProblem("$.eval.metric", "must be cycle, fid, or psnr, ssim, l1 (known mapping)"
                    + " for unpaired data", found, null));
        } else if (metric.forTranslation() && !data.knownMapping()) {
            problems.add(new ConfigProblem("$.eval.metric", "must be cycle or fid: " + source + " data has no"
                    + " ground truth for " + metric.name().toLowerCase(Locale.ROOT), found, null));
        } else if (metric == EvalMetric.FID && (featuresFor(data) == null || featuresForB(data) == null
                || data.shapeWithoutLoading() != null && !fitsFeatureNetworks(data.shapeWithoutLoading()))) {
            problems.add(new ConfigProblem("$.eval.metric", "must be cycle for " + source + " data without"
                    + " eval.features", found, "set eval.features (for [1, 28, 28] images) or use cycle"));
        }
    }

    /**
     * Image data needs a feature network, which takes {@code [1, 28, 28]}: images of another shape cannot be
     * evaluated, and images of no shipped domain need {@code eval.features}.
     */
    private void checkFeatureNetwork(DataConfig data, String source, List<ConfigProblem> problems) {
        long[] shape = data.shapeWithoutLoading();
        if (shape != null && shape.length == 3 && !fitsFeatureNetworks(shape)) {
            problems.add(new ConfigProblem("$.eval.every", "must be 0 for " + source + " images of "
                    + Arrays.toString(shape) + ": the feature networks take [1, 28, 28]", Integer.toString(every),
                    data.resizeHint()));
        } else if (!isPoints(data) && featuresFor(data) == null) {
            problems.add(new ConfigProblem("$.eval.features", "is required for " + source + " data", "null",
                    "mnist or fashion-mnist"));
        }
    }
}
