package io.gan4j.core.eval;

import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.metrics.ClassifierDomain;
import io.gan4j.core.metrics.DomainClassifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sanity protocol of the evaluation issue, on real digits and the shipped MNIST classifier: real data scores
 * as real, broken data scores as broken, and the scores move the right way as images are disturbed (the Gaussian
 * noise test of Heusel et al. 2017, section 4).
 */
class SanityProtocolTest {
    private static final int N = 2000;
    private static Evaluator heldoutEvaluator;
    private static ArrayDataset train;
    private static Map<String, Double> realVsReal;

    @BeforeAll
    static void scoreTrainingDigitsAgainstHeldOut() {
        heldoutEvaluator = Evaluator.images(DomainClassifier.loadShipped(ClassifierDomain.MNIST),
                ClassifierDomain.MNIST.heldoutData(0));
        train = ClassifierDomain.MNIST.trainData();
        realVsReal = heldoutEvaluator.evaluate(images(train, N), 1).summary();
    }

    private static INDArray images(ArrayDataset data, int n) {
        return Nd4j.create(Arrays.copyOf(data.values(), n * 784), new long[] {n, 1, 28, 28}, 'c');
    }

    private static INDArray singleClass(ArrayDataset data, int label, int n) {
        float[] values = new float[n * 784];
        int found = 0;
        for (int i = 0; i < data.size() && found < n; i++) {
            if (data.label(i) == label) {
                data.copyExample(i, values, found++ * 784);
            }
        }
        return Nd4j.create(Arrays.copyOf(values, found * 784), new long[] {found, 1, 28, 28}, 'c');
    }

    /** Adds N(0, sigma²) noise per pixel and clips to the image range [-1, 1]. */
    private static INDArray withNoise(INDArray images, double sigma, long seed) {
        Random r = new Random(seed);
        float[] v = images.dup().data().asFloat();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.max(-1, Math.min(1, v[i] + sigma * r.nextGaussian()));
        }
        return Nd4j.create(v, images.shape(), 'c');
    }

    @Test
    void realDigitsScoreAsReal() {
        assertTrue(realVsReal.get("fid") < 5, "FID(train vs held-out) " + realVsReal);
        assertTrue(Math.abs(realVsReal.get("kid")) < 3 * realVsReal.get("kid_std"),
                "KID(train vs held-out) is zero within its spread: " + realVsReal);
        assertTrue(realVsReal.get("precision") > 0.75 && realVsReal.get("recall") > 0.75,
                "precision/recall of real vs real " + realVsReal);
        // Matching distributions: density about 1, coverage about 1 − 2^−3 (Naeem et al. 2020).
        assertTrue(realVsReal.get("density") > 0.8 && realVsReal.get("density") < 1.2, "density " + realVsReal);
        assertTrue(realVsReal.get("coverage") > 0.8, "coverage " + realVsReal);
        assertEquals(10.0, realVsReal.get("classes_covered"));
        assertTrue(realVsReal.get("class_kl_reference") < 0.01, "class histogram " + realVsReal);
        assertTrue(realVsReal.get("is") > 8, "a confident classifier on all ten classes: " + realVsReal);
    }

    @Test
    void pureNoiseIsFarFromTheData() {
        Random r = new Random(7);
        float[] v = new float[N * 784];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * r.nextFloat() - 1;
        }
        Map<String, Double> s = heldoutEvaluator.evaluate(Nd4j.create(v, new long[] {N, 1, 28, 28}, 'c'), 1).summary();
        assertTrue(s.get("fid") > 50 * Math.max(1, realVsReal.get("fid")), "FID(noise) " + s + " vs real " + realVsReal);
        assertTrue(s.get("kid") > 10 * s.get("kid_std") && s.get("kid") > 10 * Math.abs(realVsReal.get("kid")),
                "KID(noise) " + s + " vs real " + realVsReal);
        // Uniform noise maps to one tight blob in feature space; the k-NN balls of a few outlying real digits
        // reach it, so its precision is not 0 (a known weakness of k-NN manifolds), but it covers none of the data.
        assertTrue(s.get("recall") < 0.01, "noise covers none of the data: " + s);
        assertTrue(s.get("precision") < realVsReal.get("precision") / 2, "precision of noise vs real " + s);
        assertTrue(s.get("is") < 1.5, "noise gets one confident class or none: " + s);
    }

    @Test
    void identicalBlackImagesFoolPrecisionButNotCoverage() {
        // A generator collapsed onto one black image: its features lie inside the wide k-NN balls of outlying real
        // digits, so precision calls every sample realistic. Coverage counts the real balls that hold any sample:
        // 3 of 2,000 here. Density is no help on this case: the black image lies in exactly 3 real balls, k of them,
        // which is what a typical real sample scores (density 1.0 when this test was written), so it is only
        // bounded here; docs/metrics.md says to read density beside coverage.
        float[] black = new float[N * 784];
        Arrays.fill(black, -1f);
        Map<String, Double> s = heldoutEvaluator.evaluate(Nd4j.create(black, new long[] {N, 1, 28, 28}, 'c'), 1)
                .summary();
        assertEquals(1.0, s.get("precision"), "the k-NN weakness this test documents: " + s);
        assertTrue(s.get("coverage") < 0.01, "one image covers almost none of the data: " + s);
        assertTrue(s.get("density") <= 1.0, "no more than k balls hold the black image: " + s);
        assertTrue(s.get("recall") < 0.01, s.toString());
    }

    @Test
    void oneClassOnlyIsFarAndHasLowRecall() {
        Map<String, Double> s = heldoutEvaluator.evaluate(singleClass(train, 3, 700), 1).summary();
        assertTrue(s.get("fid") > 20 * Math.max(1, realVsReal.get("fid")), "FID(only 3s) " + s + " vs real " + realVsReal);
        assertTrue(s.get("precision") > 0.75, "real 3s are on the data manifold: " + s);
        assertTrue(s.get("recall") < 0.3, "but cover little of it: " + s);
        assertTrue(s.get("classes_covered") <= 3, "classes covered " + s);
        assertTrue(s.get("is") < 2, "one class gives an IS near 1: " + s);
    }

    @Test
    void fidGrowsMonotonicallyWithGaussianNoise() {
        INDArray real = images(train, N);
        double previous = realVsReal.get("fid");
        StringBuilder trace = new StringBuilder("sigma 0: " + previous);
        for (double sigma : new double[] {0.1, 0.25, 0.5, 1.0}) {
            double fid = heldoutEvaluator.frechetDistance(withNoise(real, sigma, 11)).value();
            trace.append(", sigma ").append(sigma).append(": ").append(fid);
            assertTrue(fid > previous, "FID must grow with the noise: " + trace);
            previous = fid;
        }
    }

    @Test
    void evaluatingTheSameSamplesTwiceGivesTheSameNumbers() {
        INDArray real = images(train, 500);
        Map<String, Double> a = heldoutEvaluator.evaluate(real, 5).summary();
        Map<String, Double> b = Evaluator.images(DomainClassifier.loadShipped(ClassifierDomain.MNIST),
                ClassifierDomain.MNIST.heldoutData(0)).evaluate(real.dup(), 5).summary();
        assertEquals(a, b);
    }
}
