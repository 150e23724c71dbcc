package io.gan4j.core.eval;

import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.ImageClassifier;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.data.GaussianMixture2D;
import io.gan4j.core.metrics.ClassCoverage;
import io.gan4j.core.metrics.DensityCoverage;
import io.gan4j.core.metrics.ConditionalAccuracy;
import io.gan4j.core.metrics.FeatureNetwork;
import io.gan4j.core.metrics.FrechetDistance;
import io.gan4j.core.metrics.InceptionScore;
import io.gan4j.core.metrics.KernelInceptionDistance;
import io.gan4j.core.metrics.ModeCoverage;
import io.gan4j.core.metrics.PrecisionRecall;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Computes every metric that applies to generated samples against one fixed reference set. The reference's
 * features, Gaussian fit and class histogram are computed once, so periodic evaluation during training only pays
 * for the generated side.
 *
 * <p>Images ({@code [N, C, H, W]} in [-1, 1]): FID, KID, IS, improved precision and recall, density and coverage,
 * all in the feature network's space, and class coverage from its predictions. 2-D points ({@code [N, 2]}): modes covered and the
 * high-quality share of the data's Gaussian mixture. Samples of a conditional model, given with the labels they
 * were generated for, also get the conditional accuracy.
 */
public final class Evaluator {
    /** Samples generated per call, bounding the memory a large evaluation needs. */
    static final int CHUNK = 500;

    private final FeatureNetwork network;
    private final GaussianMixture2D mixture;
    private final String referenceName;
    private final int referenceCount;
    private final INDArray referenceFeatures;
    private final FrechetDistance.Gaussian referenceGaussian;
    private final double[] referenceHistogram;

    private Evaluator(FeatureNetwork network, GaussianMixture2D mixture, String referenceName, int referenceCount,
                      INDArray referenceFeatures, double[] referenceHistogram) {
        this.network = network;
        this.mixture = mixture;
        this.referenceName = referenceName;
        this.referenceCount = referenceCount;
        this.referenceFeatures = referenceFeatures;
        this.referenceGaussian = referenceFeatures == null ? null : FrechetDistance.Gaussian.fit(referenceFeatures);
        this.referenceHistogram = referenceHistogram;
    }

    /**
     * An evaluator for images against {@code reference}; its class histogram comes from its labels when it has
     * them, else from the network's predictions.
     */
    public static Evaluator images(FeatureNetwork network, ArrayDataset reference) {
        long[] shape = new long[reference.sampleShape().length + 1];
        shape[0] = reference.size();
        System.arraycopy(reference.sampleShape(), 0, shape, 1, shape.length - 1);
        INDArray images = Nd4j.create(reference.values(), shape, 'c');
        INDArray features = network.features(images);
        double[] histogram = new double[network.numClasses()];
        if (reference.hasLabels() && reference.numClasses() == network.numClasses()) {
            for (int label : reference.labels()) {
                histogram[label]++;
            }
        } else {
            for (int label : network.probabilities(images).argMax(1).toIntVector()) {
                histogram[label]++;
            }
        }
        return new Evaluator(network, null, reference.name(), reference.size(), features, histogram);
    }

    /** An evaluator for 2-D points drawn to imitate {@code mixture}. */
    public static Evaluator points(GaussianMixture2D mixture, String name) {
        return new Evaluator(null, mixture, name, mixture.numModes(), null, null);
    }

    /** What the samples are compared with, e.g. {@code mnist/heldout}. */
    public String referenceName() {
        return referenceName;
    }

    /** Number of reference examples (for 2-D mixtures, the number of modes). */
    public int referenceCount() {
        return referenceCount;
    }

    /** The feature network as a classifier, handed to a model's own metrics; null for 2-D data. */
    public ImageClassifier classifier() {
        return network;
    }

    /** The feature network's identity, or null for 2-D data. */
    public EvalReport.FeatureInfo featureInfo() {
        return network == null ? null : new EvalReport.FeatureInfo(network.id(), network.displayName(),
                network.sha256(), network.featureDim());
    }

    /**
     * Only the Fréchet distance of {@code generated} images to the reference, the cheapest of the image metrics.
     *
     * @param generated images {@code [N, C, H, W]} in [-1, 1]
     * @throws IllegalStateException for an evaluator of 2-D points
     */
    public FrechetDistance frechetDistance(INDArray generated) {
        if (network == null) {
            throw new IllegalStateException("2-D points have no feature space; use evaluate");
        }
        return FrechetDistance.of(referenceGaussian, FrechetDistance.Gaussian.fit(network.features(generated)));
    }

    /**
     * Scores generated samples. FID, KID, IS and class coverage use all of them; precision and recall use the
     * first {@code min(N, reference count)} so that both k-NN manifolds are built from equally many points.
     *
     * @param generated images {@code [N, C, H, W]} in [-1, 1], or points {@code [N, 2]}
     * @param seed      seed of the metrics' own random choices (KID's subsets)
     */
    public Evaluation evaluate(INDArray generated, long seed) {
        return evaluate(generated, seed, KernelInceptionDistance.DEFAULT_SUBSETS);
    }

    /**
     * Scores generated samples with {@code kidSubsets} KID subsets instead of the standard 100. KID's cost grows with
     * its subsets and dominates an evaluation; periodic evaluation during training uses fewer (same estimator,
     * larger spread).
     *
     * @param generated  images {@code [N, C, H, W]} in [-1, 1], or points {@code [N, 2]}
     * @param seed       seed of the metrics' own random choices (KID's subsets)
     * @param kidSubsets number of KID subsets, at least 1
     */
    public Evaluation evaluate(INDArray generated, long seed, int kidSubsets) {
        return evaluate(generated, null, seed, kidSubsets);
    }

    /**
     * Scores samples of a conditional model: every metric of {@link #evaluate(INDArray, long, int)} and, for
     * images whose requested labels are classes of the feature network, {@code conditional_accuracy}: the share of
     * samples the domain classifier assigns to the class they were generated for ({@link ConditionalAccuracy}, with
     * its per-class counts in the details under {@code conditionalAccuracy}).
     *
     * @param generated       images {@code [N, C, H, W]} in [-1, 1], or points {@code [N, 2]}
     * @param requestedLabels the class each sample was generated for, length N, or null for unconditional samples
     * @param seed            seed of the metrics' own random choices (KID's subsets)
     * @param kidSubsets      number of KID subsets, at least 1
     */
    public Evaluation evaluate(INDArray generated, int[] requestedLabels, long seed, int kidSubsets) {
        if (requestedLabels != null && requestedLabels.length != generated.size(0)) {
            throw new IllegalArgumentException(requestedLabels.length + " labels for " + generated.size(0) + " samples");
        }
        if (mixture != null) {
            return evaluateModes(generated);
        }
        Map<String, Double> summary = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        INDArray features = network.features(generated);
        INDArray probabilities = network.probabilities(generated);
        FrechetDistance fid = FrechetDistance.of(referenceGaussian, FrechetDistance.Gaussian.fit(features));
        int subsetSize = (int) Math.min(KernelInceptionDistance.MAX_DEFAULT_SUBSET_SIZE,
                Math.min(referenceFeatures.size(0), features.size(0)));
        KernelInceptionDistance kid = KernelInceptionDistance.of(referenceFeatures, features, kidSubsets, subsetSize, seed);
        InceptionScore is = InceptionScore.of(probabilities);
        // k-NN radii shrink as a set grows, so precision and recall compare equal-sized sets (as Kynkäänniemi et
        // al. do); generated samples are i.i.d., so their first ones are a fair subsample.
        long equal = Math.min(referenceFeatures.size(0), features.size(0));
        // Density and coverage on the same sets and k: they use only the real balls, so a collapsed generator that
        // an outlying real sample's wide ball vouches for scores high on precision but not on these.
        INDArray realSubset = referenceFeatures.get(NDArrayIndex.interval(0, equal), NDArrayIndex.all());
        INDArray fakeSubset = features.get(NDArrayIndex.interval(0, equal), NDArrayIndex.all());
        PrecisionRecall pr = PrecisionRecall.of(realSubset, fakeSubset);
        DensityCoverage dc = DensityCoverage.of(realSubset, fakeSubset, pr.k());
        ClassCoverage coverage = ClassCoverage.of(probabilities, referenceHistogram);
        summary.put("fid", fid.value());
        summary.put("kid", kid.mean());
        summary.put("kid_std", kid.std());
        summary.put("is", is.mean());
        summary.put("is_std", is.std());
        summary.put("precision", pr.precision());
        summary.put("recall", pr.recall());
        summary.put("density", dc.density());
        summary.put("coverage", dc.coverage());
        summary.put("classes_covered", (double) coverage.classesCovered());
        summary.put("class_kl_uniform", coverage.klFromUniform());
        summary.put("class_kl_reference", coverage.klFromReference());
        details.put("fid", fid);
        details.put("kid", kid);
        details.put("is", is);
        details.put("precisionRecall", pr);
        details.put("densityCoverage", dc);
        details.put("classCoverage", coverage);
        if (requestedLabels != null && Arrays.stream(requestedLabels).allMatch(l -> l >= 0 && l < network.numClasses())) {
            putConditionalAccuracy(summary, details, probabilities, requestedLabels);
        }
        return new Evaluation(summary, details);
    }

    /** The 2-D mixture's scores: how many modes the samples cover, and how many samples lie near a mode. */
    private Evaluation evaluateModes(INDArray generated) {
        Map<String, Double> summary = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        ModeCoverage modes = ModeCoverage.of(generated, mixture);
        summary.put("modes_covered", (double) modes.modesCovered());
        summary.put("high_quality", modes.highQualityShare());
        details.put("modeCoverage", modes);
        return new Evaluation(summary, details);
    }

    private static void putConditionalAccuracy(Map<String, Double> summary, Map<String, Object> details,
                                               INDArray probabilities, int[] requestedLabels) {
        ConditionalAccuracy accuracy = ConditionalAccuracy.of(probabilities, requestedLabels);
        summary.put("conditional_accuracy", accuracy.accuracy());
        details.put("conditionalAccuracy", accuracy);
    }

    /** Generates {@code n} samples in chunks; the same (n, seed) always gives the same samples. */
    public static INDArray generate(GanModel model, int n, long seed) {
        return generateLabelled(model, n, seed).samples();
    }

    /**
     * Generated samples with the class each was asked for.
     *
     * @param samples {@code [n, ...sampleShape]} in FLOAT
     * @param labels  the requested class of each sample, length n, or null for an unconditional model
     */
    public record Generated(INDArray samples, int[] labels) {
    }

    /**
     * Generates {@code n} samples in chunks. A model with classes ({@link GanModel#numClasses()} &gt; 0) is asked for
     * labels balanced over them (sample i of class {@code i % numClasses}); the same (n, seed) always gives the same
     * samples.
     */
    public static Generated generateLabelled(GanModel model, int n, long seed) {
        int classes = model.numClasses();
        int[] labels = classes > 0 ? IntStream.range(0, n).map(i -> i % classes).toArray() : null;
        List<INDArray> parts = new ArrayList<>();
        for (int i = 0, done = 0; done < n; i++) {
            int m = Math.min(CHUNK, n - done);
            long chunkSeed = Seeds.derive(seed, i);
            INDArray part = labels == null ? model.sample(m, chunkSeed)
                    : model.sample(m, Arrays.copyOfRange(labels, done, done + m), chunkSeed);
            parts.add(part.castTo(DataType.FLOAT));
            done += m;
        }
        INDArray samples = parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(new INDArray[0]));
        return new Generated(samples, labels);
    }
}
