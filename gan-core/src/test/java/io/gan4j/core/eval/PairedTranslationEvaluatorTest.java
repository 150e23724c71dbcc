package io.gan4j.core.eval;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.TranslationModel;
import io.gan4j.core.config.EvalConfig;
import io.gan4j.core.config.EvalMetric;
import io.gan4j.core.config.EvalReference;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.data.DerivedPairsData;
import io.gan4j.core.data.MnistData;
import io.gan4j.core.data.PairTask;
import io.gan4j.core.data.Ring8Data;
import io.gan4j.core.data.Split;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Translation metrics against values computed by hand, and the eval section's rules for paired data. */
class PairedTranslationEvaluatorTest {
    private static final DerivedPairsData DENOISE = new DerivedPairsData(DerivedPairsData.Images.MNIST, null,
            Split.HELDOUT, 20, PairTask.DENOISE, 0.25, 0.5, 0, 4, PairTask.NoiseType.GAUSSIAN, 0.3, 0.2, 0.3);

    /** A stand-in model: {@code f} applied to the inputs. */
    private static TranslationModel model(UnaryOperator<INDArray> f) {
        return StandInModels.of(f, UnaryOperator.identity());
    }

    @Test
    void theIdentityModelScoresExactlyTheIdentityBaseline() {
        ArrayDataset stored = DENOISE.load(0);
        PairedTranslationEvaluator e = new PairedTranslationEvaluator(DENOISE, stored, 4);
        Map<String, Double> s = e.evaluate(model(x -> x.dup()), 100, 1).summary();
        assertEquals(List.of("l1", "psnr", "ssim", "identity_l1", "identity_psnr", "identity_ssim"), List.copyOf(s.keySet()));
        assertEquals(s.get("identity_l1"), s.get("l1"));
        assertEquals(s.get("identity_psnr"), s.get("psnr"));
        assertEquals(s.get("identity_ssim"), s.get("ssim"));
        assertTrue(s.get("identity_l1") > 0.1, "noise of σ 0.3 is far from the targets");
    }

    @Test
    void aConstantOutputScoresItsHandComputedL1AndPsnr() {
        ArrayDataset stored = DENOISE.load(0);
        PairedTranslationEvaluator e = new PairedTranslationEvaluator(DENOISE, stored, 4);
        Map<String, Double> s = e.evaluate(model(x -> Nd4j.valueArrayOf(x.shape(), -1f, DataType.FLOAT)), 5, 1).summary();
        double l1 = 0;
        double psnr = 0;
        for (int i = 0; i < 5; i++) {
            float[] y = new float[784];
            stored.copyExample(i, y, 0);
            double abs = 0;
            double sq = 0;
            for (float v : y) {
                abs += Math.abs(v + 1);
                sq += (v + 1) * (v + 1);
            }
            l1 += abs / 784 / 5;
            psnr += 10 * Math.log10(4 / (sq / 784)) / 5;
        }
        assertEquals(l1, s.get("l1"), 1e-6);
        assertEquals(psnr, s.get("psnr"), 1e-4);
        assertEquals(5, e.first(5).size());
    }

    @Test
    void inputsAreDerivedOnceFromTheSeed() {
        ArrayDataset stored = DENOISE.load(0);
        PairedTranslationEvaluator a = new PairedTranslationEvaluator(DENOISE, stored, 4);
        PairedTranslationEvaluator b = new PairedTranslationEvaluator(DENOISE, stored, 4);
        PairedTranslationEvaluator c = new PairedTranslationEvaluator(DENOISE, stored, 5);
        assertEquals(a.first(3).x(), b.first(3).x());
        assertTrue(!a.first(3).x().equals(c.first(3).x()), "another seed, other noise");
        assertEquals(a.first(3).y(), c.first(3).y(), "the targets are the held-out digits either way");
    }

    @Test
    void pairedDataNeedsATranslationMetricAndOtherDataMustNotUseOne() {
        EvalConfig d = EvalConfig.defaults();
        List<ConfigProblem> problems = new ArrayList<>();
        new EvalConfig(100, 500, EvalMetric.FID, d.against(), null).checkFits(DENOISE, problems);
        assertEquals(List.of("$.eval.metric"), problems.stream().map(ConfigProblem::path).toList());
        assertTrue(problems.get(0).requirement().contains("psnr, ssim or l1"), problems.toString());

        problems.clear();
        new EvalConfig(100, 500, EvalMetric.PSNR, d.against(), null).checkFits(DENOISE, problems);
        assertEquals(List.of(), problems);

        new EvalConfig(100, 500, EvalMetric.SSIM, d.against(), null).checkFits(MnistData.defaults(), problems);
        new EvalConfig(100, 500, EvalMetric.L1, d.against(), null).checkFits(Ring8Data.defaults(), problems);
        assertEquals(List.of("$.eval.metric", "$.eval.metric"), problems.stream().map(ConfigProblem::path).toList());
        assertEquals(DENOISE.heldout(), EvalConfig.reference(DENOISE, EvalReference.HELDOUT));
        assertEquals(DENOISE, EvalConfig.reference(DENOISE, EvalReference.TRAIN));
    }
}
