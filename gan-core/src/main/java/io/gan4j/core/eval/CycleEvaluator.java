package io.gan4j.core.eval;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.ImageClassifier;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.api.Translator;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.data.UnpairedSource;
import io.gan4j.core.metrics.FeatureNetwork;
import io.gan4j.core.metrics.FrechetDistance;
import io.gan4j.core.metrics.ImageQuality;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores a model that translates both ways ({@link io.gan4j.core.api.EvaluationKind#CYCLE_TRANSLATION}: G: A → B,
 * F: B → A) on the held-out images of two unpaired
 * domains, next to the identity baseline (the input returned unchanged). Images {@code [N, C, H, W]} in [-1, 1];
 * each metric is a mean over the images:
 * <ul>
 *   <li>{@code l1}, {@code psnr}, {@code ssim}: G(a) against a's true B image, when the source knows the mapping
 *       ({@link UnpairedSource#trueTranslations}); PSNR and SSIM over the range [-1, 1] as in {@link ImageQuality};</li>
 *   <li>{@code fid}: Fréchet distance of G(a)'s features to the real B images' features in B's feature network;
 *       {@code fid_back}: F(b) against the real A images in A's network (only for {@code [1, 28, 28]} images with a
 *       network per domain); lower is better;</li>
 *   <li>{@code cycle_l1_a} = mean |F(G(a)) − a|, {@code cycle_l1_b} = mean |G(F(b)) − b| (in [0, 2]) and
 *       {@code cycle_l1}, their mean: how much of its input a round trip keeps;</li>
 *   <li>{@code identity_l1}, {@code identity_psnr}, {@code identity_ssim}, {@code identity_fid},
 *       {@code identity_fid_back}: the same for a (and b) untranslated.</li>
 * </ul>
 * The first n images of each domain are used, at most as many as the smaller domain has; the reference features
 * are always those of all real images.
 */
public final class CycleEvaluator implements TranslationEvaluator {
    private final INDArray a;
    private final INDArray b;
    /** a's true translations, or null without a known mapping. */
    private final INDArray truth;
    private final String referenceName;
    private final FeatureNetwork networkA;
    private final FeatureNetwork networkB;
    private final FrechetDistance.Gaussian realA;
    private final FrechetDistance.Gaussian realB;

    /**
     * @param source   the unpaired source of the reference images (usually a training source's
     *                 {@link UnpairedSource#heldout()})
     * @param stored   what {@code source.load} returned
     * @param networkA feature network of domain A for {@code fid_back}, or null
     * @param networkB feature network of domain B for {@code fid}, or null
     */
    public CycleEvaluator(UnpairedSource source, ArrayDataset stored, FeatureNetwork networkA, FeatureNetwork networkB) {
        ArrayDataset domainA = UnpairedSource.domain(stored, UnpairedSource.A);
        this.a = domainA.examples(domainA.size());
        ArrayDataset domainB = UnpairedSource.domain(stored, UnpairedSource.B);
        this.b = domainB.examples(domainB.size());
        ArrayDataset t = source.trueTranslations(domainA);
        this.truth = t == null ? null : t.examples(t.size());
        this.referenceName = stored.name();
        this.networkA = networkA;
        this.networkB = networkB;
        this.realA = networkA == null ? null : FrechetDistance.Gaussian.fit(networkA.features(a));
        this.realB = networkB == null ? null : FrechetDistance.Gaussian.fit(networkB.features(b));
    }

    /** Whether translations are scored against a known ground truth ({@code l1}, {@code psnr}, {@code ssim}). */
    public boolean hasGroundTruth() {
        return truth != null;
    }

    @Override
    public Evaluation evaluate(GanModel model, int n, long seed) {
        Translator g = TranslationEvaluator.forward(model);
        Translator f = model.backTranslator().orElseThrow(() -> new IllegalArgumentException(
                model.getClass().getSimpleName() + " translates one way only; unpaired evaluation needs A -> B and"
                        + " B -> A"));
        INDArray a = first(this.a, Math.min(n, size()));
        INDArray b = first(this.b, Math.min(n, size()));
        INDArray ab = TranslationEvaluator.translate(g, a, seed);
        INDArray aba = TranslationEvaluator.translate(f, ab, seed);
        INDArray ba = TranslationEvaluator.translate(f, b, Seeds.derive(seed, UnpairedSource.B));
        INDArray bab = TranslationEvaluator.translate(g, ba, Seeds.derive(seed, UnpairedSource.B));

        Map<String, Double> summary = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        INDArray target = truth == null ? null : first(truth, n);
        score("", "quality", ab, ba, target, summary, details);
        double cycleA = meanAbs(aba, a);
        double cycleB = meanAbs(bab, b);
        summary.put("cycle_l1", (cycleA + cycleB) / 2);
        summary.put("cycle_l1_a", cycleA);
        summary.put("cycle_l1_b", cycleB);
        // The identity baseline: the inputs themselves scored as if they were translations.
        score("identity_", "identity", a, b, target, summary, details);
        return new Evaluation(summary, details);
    }

    /**
     * Scores images standing in domain B ({@code asB}, against the true translations {@code target} when known and
     * against B's features) and images standing in domain A ({@code asA}, against A's features), under keys
     * {@code prefix + "l1"}, {@code "psnr"}, {@code "ssim"}, {@code "fid"} and {@code "fid_back"}.
     */
    private void score(String prefix, String qualityKey, INDArray asB, INDArray asA, INDArray target,
                       Map<String, Double> summary, Map<String, Object> details) {
        if (target != null) {
            ImageQuality q = ImageQuality.of(asB, target, -1, 1);
            summary.put(prefix + "l1", meanAbs(asB, target));
            summary.put(prefix + "psnr", q.psnr());
            summary.put(prefix + "ssim", q.ssim());
            details.put(qualityKey, q);
        }
        if (realB != null) {
            summary.put(prefix + "fid", FrechetDistance.of(realB, FrechetDistance.Gaussian.fit(networkB.features(asB)))
                    .value());
        }
        if (realA != null) {
            summary.put(prefix + "fid_back", FrechetDistance.of(realA,
                    FrechetDistance.Gaussian.fit(networkA.features(asA))).value());
        }
    }

    private static double meanAbs(INDArray x, INDArray y) {
        return Transforms.abs(x.sub(y), false).meanNumber().doubleValue();
    }

    private static INDArray first(INDArray images, int n) {
        return n >= images.size(0) ? images : images.get(NDArrayIndex.interval(0, n));
    }

    /** The first {@code n} images of A (x) and of B (y), for the a | G(a) | F(G(a)), b | F(b) | G(F(b)) grid. */
    @Override
    public Batch first(int n) {
        int m = (int) Math.min(n, Math.min(a.size(0), b.size(0)));
        return new Batch(first(a, m).dup(), null, first(b, m).dup());
    }

    /**
     * Images of each domain an evaluation can use: the smaller domain's count, so that both directions are scored on
     * as many images as the report says (with 5 test images of A and 4 of B it claimed 5 of each).
     */
    @Override
    public int size() {
        return (int) Math.min(a.size(0), b.size(0));
    }

    @Override
    public String referenceName() {
        return referenceName;
    }

    /** B's network (behind {@code fid}), else A's, else null. */
    @Override
    public EvalReport.FeatureInfo featureInfo() {
        FeatureNetwork n = networkB != null ? networkB : networkA;
        return n == null ? null : new EvalReport.FeatureInfo(n.id(), n.displayName(), n.sha256(), n.featureDim());
    }

    /** B's network, the one G(a) is scored in, or null. */
    @Override
    public ImageClassifier outputClassifier() {
        return networkB;
    }

    @Override
    public String unit() {
        return "images per domain";
    }
}
