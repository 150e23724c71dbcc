package io.gan4j.core.eval;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.ImageClassifier;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.data.PairedSource;
import io.gan4j.core.metrics.FeatureNetwork;
import io.gan4j.core.metrics.FrechetDistance;
import io.gan4j.core.metrics.ImageQuality;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores a translation model ({@link io.gan4j.core.api.EvaluationKind#PAIRED_TRANSLATION}) on fixed held-out pairs against their targets, next to the trivial baseline
 * that returns its input unchanged, so a report shows what the model adds over doing nothing.
 *
 * <p>Pixel metrics reward the average of the plausible answers, which is blurry; so when a feature network of the
 * targets' domain is given, the outputs are also judged as images of that domain, as the paper judges realism with a
 * pretrained classifier (its FCN-score): {@code fid}, the Fréchet distance of the outputs' features to the targets'
 * features, and {@code class_accuracy}, the share of outputs the classifier assigns to their target's class.
 *
 * <p>The pairs' inputs are derived once, from the evaluation seed, and reused at every evaluation. Metrics, each the
 * mean over the pairs, on images in [-1, 1] ({@link ImageQuality} measures PSNR and SSIM over that range, R = 2):
 * <ul>
 *   <li>{@code l1}: mean absolute difference to the target, in [0, 2];</li>
 *   <li>{@code psnr}: peak signal-to-noise ratio in dB (higher is better);</li>
 *   <li>{@code ssim}: structural similarity in [−1, 1] (1 = identical);</li>
 *   <li>with a feature network, {@code fid} (lower is better) and, for labelled pairs, {@code class_accuracy} in
 *       [0, 1];</li>
 *   <li>{@code identity_l1}, {@code identity_psnr}, {@code identity_ssim} (and {@code identity_fid},
 *       {@code identity_class_accuracy}): the same for the input itself.</li>
 * </ul>
 */
public final class PairedTranslationEvaluator implements TranslationEvaluator {
    private final Batch pairs;
    private final String referenceName;
    private final FeatureNetwork network;
    private final FrechetDistance.Gaussian targetFeatures;
    /** The identity baseline on all pairs, computed once. */
    private final Scores identity;

    /**
     * @param source the paired source of the reference pairs (usually a training source's {@link PairedSource#heldout()})
     * @param stored what {@code source.load} returned
     * @param seed   seed of the inputs' corruptions (masks, noise)
     */
    public PairedTranslationEvaluator(PairedSource source, ArrayDataset stored, long seed) {
        this(source, stored, seed, null);
    }

    /**
     * @param network feature network of the targets' domain for {@code fid} and {@code class_accuracy}, or null
     */
    public PairedTranslationEvaluator(PairedSource source, ArrayDataset stored, long seed, FeatureNetwork network) {
        this.pairs = source.allPairs(stored, seed, DataType.FLOAT);
        this.referenceName = stored.name();
        this.network = network;
        this.targetFeatures = network == null ? null : FrechetDistance.Gaussian.fit(network.features(pairs.y()));
        this.identity = scores(pairs.x(), pairs);
    }

    @Override
    public EvalReport.FeatureInfo featureInfo() {
        return network == null ? null : new EvalReport.FeatureInfo(network.id(), network.displayName(),
                network.sha256(), network.featureDim());
    }

    /** The targets' feature network (behind {@code fid}), or null. */
    @Override
    public ImageClassifier outputClassifier() {
        return network;
    }

    @Override
    public String referenceName() {
        return referenceName;
    }

    @Override
    public int size() {
        return pairs.size();
    }

    @Override
    public Batch first(int n) {
        int m = Math.min(n, pairs.size());
        return new Batch(pairs.x().get(NDArrayIndex.interval(0, m)).dup(),
                pairs.labels() == null ? null : java.util.Arrays.copyOf(pairs.labels(), m),
                pairs.y().get(NDArrayIndex.interval(0, m)).dup());
    }

    /**
     * Translates the first {@code n} reference pairs' inputs and scores the outputs.
     *
     * @return {@code l1}, {@code psnr}, {@code ssim}, then the identity baseline's on all pairs; details hold the
     *         {@link ImageQuality} records ({@code quality}, {@code identity})
     */
    @Override
    public Evaluation evaluate(GanModel model, int n, long seed) {
        Batch used = n >= pairs.size() ? pairs : first(n);
        INDArray outputs = TranslationEvaluator.translate(TranslationEvaluator.forward(model), used.x(), seed);
        Scores s = scores(outputs, used);
        Scores id = used == pairs ? identity : scores(used.x(), used);
        Map<String, Double> summary = new LinkedHashMap<>();
        s.putInto(summary, "");
        id.putInto(summary, "identity_");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("quality", s.quality());
        details.put("identity", id.quality());
        if (s.fid() != null) {
            details.put("fid", s.fid());
            details.put("identityFid", id.fid());
        }
        return new Evaluation(summary, details);
    }

    /** The metrics of one set of images against the pairs' targets; fid and accuracy are null when not computed. */
    private record Scores(double l1, ImageQuality quality, FrechetDistance fid, Double classAccuracy) {
        void putInto(Map<String, Double> summary, String prefix) {
            summary.put(prefix + "l1", l1);
            summary.put(prefix + "psnr", quality.psnr());
            summary.put(prefix + "ssim", quality.ssim());
            if (fid != null) {
                summary.put(prefix + "fid", fid.value());
            }
            if (classAccuracy != null) {
                summary.put(prefix + "class_accuracy", classAccuracy);
            }
        }
    }

    private Scores scores(INDArray images, Batch pairs) {
        INDArray targets = pairs.y();
        double l1 = Transforms.abs(images.sub(targets), false).meanNumber().doubleValue();
        ImageQuality quality = ImageQuality.of(images, targets, -1, 1);
        if (network == null) {
            return new Scores(l1, quality, null, null);
        }
        FrechetDistance fid = FrechetDistance.of(targetFeatures, FrechetDistance.Gaussian.fit(network.features(images)));
        Double accuracy = null;
        if (pairs.labels() != null && pairs.labels().length > 0) {
            int[] predicted = network.probabilities(images).argMax(1).toIntVector();
            int right = 0;
            for (int i = 0; i < predicted.length; i++) {
                right += predicted[i] == pairs.labels()[i] ? 1 : 0;
            }
            accuracy = (double) right / predicted.length;
        }
        return new Scores(l1, quality, fid, accuracy);
    }
}
