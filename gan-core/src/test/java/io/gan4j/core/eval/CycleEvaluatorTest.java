package io.gan4j.core.eval;

import io.gan4j.core.api.BidirectionalTranslationModel;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.config.EvalConfig;
import io.gan4j.core.config.EvalMetric;
import io.gan4j.core.config.EvalReference;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.data.DerivedPairsData;
import io.gan4j.core.data.DerivedUnpairedData;
import io.gan4j.core.data.MnistData;
import io.gan4j.core.data.Split;
import io.gan4j.core.data.UnalignedFolderData;
import io.gan4j.core.data.UnpairedSource;
import io.gan4j.core.metrics.ClassifierDomain;
import io.gan4j.core.metrics.DomainClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unpaired translation metrics against hand-computed values, and the eval section's rules for unpaired data. */
class CycleEvaluatorTest {
    /** MNIST ↔ its negative: the true A → B and B → A maps are both x ↦ −x. */
    private static final DerivedUnpairedData INVERT = new DerivedUnpairedData(DerivedPairsData.Images.MNIST, null,
            null, null, Split.HELDOUT, 40, DerivedUnpairedData.Transform.INVERT, 1);

    private static BidirectionalTranslationModel model(UnaryOperator<INDArray> g, UnaryOperator<INDArray> f) {
        return StandInModels.of(g, f);
    }

    @Test
    void theTrueMappingHasNoTranslationOrCycleErrorAndTheIdentityBaselineIsHandComputed() {
        ArrayDataset stored = INVERT.load(0);
        CycleEvaluator e = new CycleEvaluator(INVERT, stored, null, null);
        assertTrue(e.hasGroundTruth());
        Map<String, Double> s = e.evaluate(model(INDArray::neg, INDArray::neg), 1000, 1).summary();
        assertEquals(List.of("l1", "psnr", "ssim", "cycle_l1", "cycle_l1_a", "cycle_l1_b", "identity_l1",
                "identity_psnr", "identity_ssim"), List.copyOf(s.keySet()));
        assertEquals(0.0, s.get("l1"));
        assertEquals(0.0, s.get("cycle_l1"));
        assertEquals(1.0, s.get("ssim"), 1e-9);
        // identity: |a − (−a)| = 2|a| averaged over A's images (the even-numbered ones of the 40).
        ArrayDataset a = UnpairedSource.domain(stored, UnpairedSource.A);
        double sum = 0;
        for (float v : a.values()) {
            sum += 2 * Math.abs(v);
        }
        assertEquals(20, a.size());
        assertEquals(sum / a.values().length, s.get("identity_l1"), 1e-5, "float sums");
    }

    @Test
    void theIdentityModelScoresTheBaselineAndRoundTripsPerfectly() {
        ArrayDataset stored = INVERT.load(0);
        CycleEvaluator e = new CycleEvaluator(INVERT, stored, null, null);
        Map<String, Double> s = e.evaluate(model(INDArray::dup, INDArray::dup), 1000, 1).summary();
        assertEquals(s.get("identity_l1"), s.get("l1"));
        assertEquals(s.get("identity_psnr"), s.get("psnr"));
        assertEquals(0.0, s.get("cycle_l1"), "x -> x -> x keeps everything");
        // A model that forgets its input (all black) has cycle error mean|−1 − a| in direction A.
        Map<String, Double> black = e.evaluate(model(x -> x.mul(0).subi(1), x -> x.mul(0).subi(1)), 1000, 1).summary();
        ArrayDataset a = UnpairedSource.domain(stored, UnpairedSource.A);
        double sum = 0;
        for (float v : a.values()) {
            sum += Math.abs(-1 - v);
        }
        assertEquals(sum / a.values().length, black.get("cycle_l1_a"), 1e-5);
    }

    @Test
    void featureNetworksGiveAFidPerDomainAndTheIdentityBaselineIsFarFromB() {
        // 500 images per domain: with few, FID's bias for 128 features swamps the difference.
        DerivedUnpairedData invert = new DerivedUnpairedData(DerivedPairsData.Images.MNIST, null, null, null,
                Split.HELDOUT, 1000, DerivedUnpairedData.Transform.INVERT, 1);
        ArrayDataset stored = invert.load(0);
        DomainClassifier mnist = DomainClassifier.loadShipped(ClassifierDomain.MNIST);
        CycleEvaluator e = new CycleEvaluator(invert, stored, mnist, mnist);
        Map<String, Double> truth = e.evaluate(model(INDArray::neg, INDArray::neg), 1000, 1).summary();
        Map<String, Double> identity = e.evaluate(model(INDArray::dup, INDArray::dup), 1000, 1).summary();
        assertEquals(identity.get("identity_fid"), identity.get("fid"), 1e-9);
        assertEquals(identity.get("identity_fid_back"), identity.get("fid_back"), 1e-9);
        // −a are other digits than B's, drawn from the same distribution: close to B, far closer than a itself.
        assertTrue(truth.get("fid") < 0.5 * truth.get("identity_fid"), truth.toString());
        assertTrue(truth.get("fid_back") < 0.5 * truth.get("identity_fid_back"), truth.toString());
    }

    @Test
    void unpairedDataTakesCycleOrFidAndTargetMetricsOnlyWithAKnownMapping() {
        EvalConfig d = EvalConfig.defaults();
        DerivedUnpairedData bold = DerivedUnpairedData.defaults();
        DerivedUnpairedData mnistFashion = new DerivedUnpairedData(DerivedPairsData.Images.MNIST, null,
                DerivedPairsData.Images.FASHION_MNIST, null, Split.TRAIN, 0, DerivedUnpairedData.Transform.NONE, 1);
        UnalignedFolderData rgbFolder = new UnalignedFolderData("/data/horse2zebra", Split.TRAIN, 256, 3, 0);
        for (EvalMetric ok : new EvalMetric[] {EvalMetric.PSNR, EvalMetric.SSIM, EvalMetric.L1, EvalMetric.FID, EvalMetric.CYCLE}) {
            List<ConfigProblem> problems = new ArrayList<>();
            new EvalConfig(100, 500, ok, d.against(), null).checkFits(bold, problems);
            assertEquals(List.of(), problems, ok.name());
        }
        List<ConfigProblem> problems = new ArrayList<>();
        new EvalConfig(100, 500, EvalMetric.PSNR, d.against(), null).checkFits(mnistFashion, problems);
        new EvalConfig(100, 500, EvalMetric.KID, d.against(), null).checkFits(bold, problems);
        new EvalConfig(100, 500, EvalMetric.FID, d.against(), null).checkFits(rgbFolder, problems);
        new EvalConfig(100, 500, EvalMetric.CYCLE, d.against(), null).checkFits(MnistData.defaults(), problems);
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).requirement().contains("no ground truth"), problems.get(0).toString());
        assertTrue(problems.get(2).requirement().contains("must be cycle"), problems.get(2).toString());
        problems.clear();
        new EvalConfig(100, 500, EvalMetric.CYCLE, d.against(), null).checkFits(rgbFolder, problems);
        new EvalConfig(100, 500, EvalMetric.FID, d.against(), null).checkFits(mnistFashion, problems);
        assertEquals(List.of(), problems);
        assertEquals(bold.heldout(), EvalConfig.reference(bold, EvalReference.HELDOUT));
        assertEquals(ClassifierDomain.FASHION_MNIST, d.featuresForB(mnistFashion));
        assertEquals(ClassifierDomain.MNIST, d.featuresFor(mnistFashion));
        assertFalse(mnistFashion.knownMapping());
    }
}
