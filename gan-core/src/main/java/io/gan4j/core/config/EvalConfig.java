package io.gan4j.core.config;

import io.gan4j.core.metrics.ClassifierDomain;
import io.gan4j.core.metrics.DomainClassifier;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;
import io.gan4j.core.data.DataConfig;
import io.gan4j.core.data.FashionMnistData;
import io.gan4j.core.data.Grid25Data;
import io.gan4j.core.data.Cifar10Data;
import io.gan4j.core.data.IdxData;
import io.gan4j.core.data.ImageFolderData;
import io.gan4j.core.data.DerivedPairsData;
import io.gan4j.core.data.DerivedUnpairedData;
import io.gan4j.core.data.UnalignedFolderData;
import io.gan4j.core.data.UnpairedSource;
import io.gan4j.core.data.MnistData;
import io.gan4j.core.data.PairedSource;
import io.gan4j.core.data.Ring8Data;
import io.gan4j.core.data.Split;

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
        @Doc("Metric that picks the best checkpoint: fid, kid, is, precision, recall (images); modes, quality (2-D data); psnr, ssim, l1 (paired data, unpaired with a known mapping); cycle, fid (unpaired data)") EvalMetric metric,
        @Doc("Real examples (or pairs) to compare with: heldout or train") EvalReference against,
        @Doc("Feature network for image metrics: mnist or fashion-mnist; null = the one matching the data source") ClassifierDomain features) {

    public static EvalConfig defaults() {
        return new EvalConfig(0, 2000, EvalMetric.FID, EvalReference.HELDOUT, null);
    }

    /** Whether {@code data} is one of the synthetic 2-D mixtures, scored by mode coverage instead of features. */
    public static boolean isPoints(DataConfig data) {
        return data instanceof Ring8Data || data instanceof Grid25Data;
    }

    /** The feature network for {@code data}: the configured one, else the one trained on that data set, else null. */
    public ClassifierDomain featuresFor(DataConfig data) {
        if (features != null) {
            return features;
        }
        if (data instanceof MnistData) {
            return ClassifierDomain.MNIST;
        }
        if (data instanceof FashionMnistData) {
            return ClassifierDomain.FASHION_MNIST;
        }
        if (data instanceof DerivedPairsData d) {
            return domainOf(d.images());
        }
        if (data instanceof DerivedUnpairedData u) {
            return domainOf(u.images());
        }
        return null;
    }

    /**
     * The feature network for domain B of unpaired data: the configured one, else the one of B's data set for a
     * derived source, else null.
     */
    public ClassifierDomain featuresForB(DataConfig data) {
        if (features != null) {
            return features;
        }
        if (data instanceof DerivedUnpairedData u) {
            return domainOf(u.imagesB() != null ? u.imagesB() : u.images());
        }
        return null;
    }

    private static ClassifierDomain domainOf(DerivedPairsData.Images images) {
        return images == DerivedPairsData.Images.FASHION_MNIST ? ClassifierDomain.FASHION_MNIST : ClassifierDomain.MNIST;
    }

    /**
     * The real examples to compare with: the held-out split of the training source (all of it), or the training
     * examples as configured; null when the source has no held-out split (an image folder has one only with
     * {@code heldoutFraction > 0}).
     */
    public static DataConfig reference(DataConfig data, EvalReference against) {
        if (against == EvalReference.TRAIN) {
            return data;
        }
        if (data instanceof MnistData m) {
            return new MnistData(Split.HELDOUT, m.dir(), 0);
        }
        if (data instanceof FashionMnistData f) {
            return new FashionMnistData(f.dir(), Split.HELDOUT, 0);
        }
        if (data instanceof PairedSource p) {
            return p.heldout();
        }
        if (data instanceof UnpairedSource u) {
            return u.heldout();
        }
        if (data instanceof ImageFolderData d && d.heldoutFraction() > 0) {
            return new ImageFolderData(d.dir(), d.size(), d.channels(), Split.HELDOUT, d.heldoutFraction(), 0);
        }
        if (data instanceof Cifar10Data c) {
            return new Cifar10Data(c.dir(), Split.HELDOUT, 0);
        }
        return null;
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
        if (data instanceof PairedSource) {
            if (!metric.forTranslation()) {
                problems.add(new ConfigProblem("$.eval.metric", "must be psnr, ssim or l1 for paired data", found, null));
            }
            return;
        }
        if (data instanceof UnpairedSource) {
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
            problems.add(new ConfigProblem("$.eval.metric", "must be fid, kid, is, precision or recall for images",
                    "'" + metric.name().toLowerCase(Locale.ROOT) + "'", null));
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
        } else if (metric.forTranslation() && !(data instanceof DerivedUnpairedData d && d.knownMapping())) {
            problems.add(new ConfigProblem("$.eval.metric", "must be cycle or fid: " + source + " data has no"
                    + " ground truth for " + metric.name().toLowerCase(Locale.ROOT), found, null));
        } else if (metric == EvalMetric.FID && (featuresFor(data) == null || featuresForB(data) == null
                || data instanceof UnalignedFolderData f && (f.size() != DomainClassifier.SIZE || f.channels() != 1))) {
            problems.add(new ConfigProblem("$.eval.metric", "must be cycle for " + source + " data without"
                    + " eval.features", found, "set eval.features (for [1, 28, 28] images) or use cycle"));
        }
    }

    /** Image data needs a feature network, which takes {@code [1, 28, 28]} images. */
    private void checkFeatureNetwork(DataConfig data, String source, List<ConfigProblem> problems) {
        if (data instanceof ImageFolderData d && (d.size() != DomainClassifier.SIZE || d.channels() != 1)) {
            problems.add(new ConfigProblem("$.eval.every", "must be 0 for folder images of [" + d.channels() + ", "
                    + d.size() + ", " + d.size() + "]: the feature networks take [1, 28, 28]", Integer.toString(every),
                    "set data.size 28 and data.channels 1 to evaluate"));
        } else if (data instanceof Cifar10Data) {
            problems.add(new ConfigProblem("$.eval.every", "must be 0 for cifar10 images of [3, 32, 32]: the feature"
                    + " networks take [1, 28, 28]", Integer.toString(every), null));
        } else if ((data instanceof IdxData || data instanceof ImageFolderData) && featuresFor(data) == null) {
            problems.add(new ConfigProblem("$.eval.features", "is required for " + source + " data", "null",
                    "mnist or fashion-mnist"));
        }
    }
}
