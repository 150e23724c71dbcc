package io.gan4j.core.eval;

import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.MetricContext;
import io.gan4j.core.config.EvalConfig;
import io.gan4j.core.config.EvalMetric;
import io.gan4j.core.config.EvalReference;
import io.gan4j.core.data.GaussianMixture2D;
import io.gan4j.core.data.MnistData;
import io.gan4j.core.data.Split;
import io.gan4j.core.io.Json;
import io.gan4j.core.metrics.ClassifierDomain;
import io.gan4j.core.metrics.DomainClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model's own metrics ({@link GanModel#ownMetrics}) reach periodic evaluation and reports beside core's. */
class ModelMetricsTest {

    /** A sampling model that returns {@code samples} and its own metrics, recording the contexts it was given. */
    private static final class OwnMetricsModel implements StandInModels.Untrained {
        final List<MetricContext> contexts = new ArrayList<>();
        private final Function<Integer, INDArray> samples;
        private final Function<MetricContext, Map<String, Double>> metrics;

        OwnMetricsModel(Function<Integer, INDArray> samples, Function<MetricContext, Map<String, Double>> metrics) {
            this.samples = samples;
            this.metrics = metrics;
        }

        @Override
        public INDArray sample(int n, long seed) {
            return samples.apply(n);
        }

        @Override
        public Map<String, Double> ownMetrics(MetricContext context) {
            contexts.add(context);
            return metrics.apply(context);
        }
    }

    /** n points all on the ring's first mode, (2, 0). */
    private static INDArray onFirstMode(int n) {
        return Nd4j.zeros(DataType.FLOAT, n, 2).addiRowVector(Nd4j.createFromArray(2f, 0f));
    }

    @Test
    void periodicEvaluationAppendsTheModelsMetricsAfterCoresWithTheRunsSampleCountAndSeed() {
        EvalConfig config = new EvalConfig(1, 40, EvalMetric.MODES, EvalReference.HELDOUT, null);
        Map<String, Double> own = new LinkedHashMap<>();
        own.put("spread", 0.25);
        own.put("code_accuracy", 0.875);
        OwnMetricsModel model = new OwnMetricsModel(ModelMetricsTest::onFirstMode, c -> own);
        EvalListener.Scorer scorer = EvalListener.samples(
                Evaluator.points(GaussianMixture2D.ring8(2, 0.02), "ring8"), config, 7);

        Evaluation e = scorer.score(model);

        assertEquals(List.of("modes_covered", "high_quality", "spread", "code_accuracy"),
                List.copyOf(e.summary().keySet()));
        assertEquals(1.0, e.summary().get("modes_covered"), "all 40 points on one of the 8 modes");
        assertEquals(0.875, e.summary().get("code_accuracy"));
        assertEquals(List.of("spread", "code_accuracy"), e.modelMetrics());
        MetricContext context = model.contexts.get(0);
        assertEquals(40, context.samples());
        assertEquals(7, context.seed());
        assertNull(context.classifier(), "2-D points have no classifier");
        assertTrue(context.classifierIfAny().isEmpty());
    }

    @Test
    void imageEvaluationHandsTheModelTheClassifierBehindFid() {
        DomainClassifier mnist = DomainClassifier.loadShipped(ClassifierDomain.MNIST);
        Evaluator evaluator = Evaluator.images(mnist, new MnistData(Split.HELDOUT, null, 200).load(0));
        INDArray digits = new MnistData(Split.TRAIN, null, 50).load(0).examples(50);
        // The model's metric: the share of its samples the classifier calls a 1, computed from what it is given.
        OwnMetricsModel model = new OwnMetricsModel(n -> digits, c -> Map.of("ones",
                c.classifier().probabilities(digits).argMax(1).eq(1).castTo(DataType.DOUBLE).meanNumber()
                        .doubleValue()));

        Evaluation e = EvalListener.samples(evaluator, new EvalConfig(1, 50, EvalMetric.FID, EvalReference.HELDOUT,
                null), 3).score(model);

        assertSame(mnist, model.contexts.get(0).classifier());
        int ones = 0;
        for (int p : mnist.predict(digits)) {
            ones += p == 1 ? 1 : 0;
        }
        assertEquals(ones / 50.0, e.summary().get("ones"), 1e-12);
        assertTrue(e.summary().containsKey("fid"));
    }

    @Test
    void aModelMetricNamedLikeOneOfCoresIsRefused() {
        OwnMetricsModel model = new OwnMetricsModel(ModelMetricsTest::onFirstMode, c -> Map.of("high_quality", 1.0));
        EvalListener.Scorer scorer = EvalListener.samples(Evaluator.points(GaussianMixture2D.ring8(2, 0.02), "r"),
                new EvalConfig(1, 10, EvalMetric.MODES, EvalReference.HELDOUT, null), 7);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> scorer.score(model));
        assertTrue(e.getMessage().contains("'high_quality'"), e.getMessage());
    }

    @Test
    void withoutModelMetricsTheEvaluationIsCoresAlone() {
        Evaluation core = new Evaluation(Map.of("fid", 1.0), Map.of());
        OwnMetricsModel model = new OwnMetricsModel(ModelMetricsTest::onFirstMode, c -> Map.of());
        assertSame(core, core.plusModelMetrics(model, new MetricContext(10, 1, null)));
        assertThrows(IllegalArgumentException.class, () -> new MetricContext(0, 1, null));
    }

    @Test
    void aReportListsTheModelsMetricsOnlyWhenThereAreAny(@TempDir Path dir) throws IOException {
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("fid", 3.0);
        summary.put("code_accuracy", 0.9);
        EvalReport plain = new EvalReport(EvalReport.FORMAT, 1, "now", "v", null, "ref", 10, 10, 1L, null,
                Map.of("fid", 3.0), Map.of());
        EvalReport own = new EvalReport(EvalReport.FORMAT, 1, "now", "v", null, "ref", 10, 10, 1L, null, summary,
                Map.of(), List.of("code_accuracy"));
        Json.write(dir.resolve("plain.json"), plain);
        Json.write(dir.resolve("own.json"), own);

        assertFalse(Files.readString(dir.resolve("plain.json")).contains("modelMetrics"),
                "a report without them is written as before");
        assertEquals(List.of(), Json.read(dir.resolve("plain.json"), EvalReport.class).modelMetrics());
        assertEquals(List.of("code_accuracy"), Json.read(dir.resolve("own.json"), EvalReport.class).modelMetrics());
    }
}
