package io.gan4j.infogan;

import io.gan4j.core.api.ImageClassifier;
import io.gan4j.core.api.MetricContext;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.run.ExperimentRunner;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeAccuracyTest {

    @Test
    void theMatchingIsTheBestOneToOneNotTheGreedyOne() {
        // Greedy takes code 0 → class 0 (10) and is left with code 1 → class 1 (0): 10. Best: 9 + 9 = 18.
        CodeAccuracy.Matching m = CodeAccuracy.bestMatching(new long[][] {{10, 9}, {9, 0}});
        assertArrayEquals(new int[] {1, 0}, m.classOf());
        assertEquals(18, m.matched());
        assertEquals(28, m.total());
        assertEquals(18.0 / 28, m.accuracy(), 1e-15);
    }

    @Test
    void theMatchingEqualsBruteForceOverEveryPermutation() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int classes = 2 + rnd.nextInt(6);
            int codes = 1 + rnd.nextInt(classes);
            long[][] counts = new long[codes][classes];
            for (long[] row : counts) {
                for (int d = 0; d < classes; d++) {
                    row[d] = rnd.nextInt(50);
                }
            }
            CodeAccuracy.Matching m = CodeAccuracy.bestMatching(counts);
            assertEquals(bruteForce(counts, 0, new boolean[classes]), m.matched(), "trial " + trial);
            long check = 0;
            for (int k = 0; k < codes; k++) {
                check += counts[k][m.classOf()[k]];
            }
            assertEquals(m.matched(), check, "the reported assignment achieves the reported count");
            assertEquals(codes, java.util.Arrays.stream(m.classOf()).distinct().count(), "one-to-one");
        }
        assertThrows(IllegalArgumentException.class, () -> CodeAccuracy.bestMatching(new long[3][2]));
    }

    private static long bruteForce(long[][] counts, int code, boolean[] used) {
        if (code == counts.length) {
            return 0;
        }
        long best = -1;
        for (int d = 0; d < used.length; d++) {
            if (!used[d]) {
                used[d] = true;
                best = Math.max(best, counts[code][d] + bruteForce(counts, code + 1, used));
                used[d] = false;
            }
        }
        return best;
    }

    /** An untrained InfoGAN with 4 noise values, a 3-way categorical code and a continuous one, on MNIST's shape. */
    private static InfoGanModel tinyModel() {
        VariantRegistry registry = VariantRegistry.discover();
        LoadedConfig config = new ConfigLoader(registry).load("tiny.json", """
                {"seed": 1, "model": {"type": "infogan", "noise": 4, "categorical": 3, "continuous": 1},
                 "data": {"source": "mnist", "limit": 16}, "train": {"batchSize": 8}}
                """, List.of());
        ExperimentRunner runner = new ExperimentRunner(registry);
        ArrayDataset data = runner.checkData(config);
        return (InfoGanModel) runner.newModel(config, config.config().data().spec(data));
    }

    @Test
    void confusionClassifiesPerCodeSamplesOfATinyModel() {
        InfoGanModel model = tinyModel();
        List<Double> means = new ArrayList<>();
        // A stand-in classifier: class 0 for images darker than average, 1 otherwise; it records what it saw.
        java.util.function.Function<INDArray, int[]> classify = images -> {
            assertArrayEquals(new long[] {5, 1, 28, 28}, images.shape());
            means.add(images.meanNumber().doubleValue());
            return java.util.stream.IntStream.range(0, 5).map(i -> images.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).meanNumber().doubleValue() < 0
                    ? 0 : 1).toArray();
        };
        long[][] counts = CodeAccuracy.confusion(model, classify, 2, 5, 11);
        assertEquals(3, counts.length);
        for (long[] row : counts) {
            assertEquals(5, row[0] + row[1]);
        }
        assertEquals(3, means.size(), "one batch per code value");
        List<Double> first = new ArrayList<>(means);
        means.clear();
        assertArrayEquals(counts, CodeAccuracy.confusion(model, classify, 2, 5, 11));
        assertEquals(first, means, "the same seed gives the same samples");
        String report = CodeAccuracy.report(new long[][] {{3, 1}, {0, 4}}, CodeAccuracy.bestMatching(
                new long[][] {{3, 1}, {0, 4}}));
        assertTrue(report.contains("accuracy under the best one-to-one matching: 0.8750 (7 of 8), error 12.50%"),
                report);
    }

    /**
     * The model's own metric through a stand-in classifier that recognises which code value's samples it is shown
     * (by comparing them with samples generated independently here) and answers classes chosen by hand:
     * <pre>
     *   code 0 -> 2 2 2 1     counts [0 1 3 0]
     *   code 1 -> 2 2 2 2            [0 0 4 0]
     *   code 2 -> 0 3 3 1            [1 1 0 2]
     * </pre>
     * Best one-to-one: 0->1, 1->2, 2->3 = 1 + 4 + 2 = 7 of 12. Each code's own best class (3 + 4 + 2 = 9) is not
     * one-to-one; taking code 0's best first (3 + 0 + 2 = 5) is greedy.
     */
    @Test
    void ownMetricIsTheCodeAccuracyUnderTheBestMatching() {
        InfoGanModel model = tinyModel();
        long seed = 11;
        int[][] answers = {{2, 2, 2, 1}, {2, 2, 2, 2}, {0, 3, 3, 1}};
        INDArray[] expected = new INDArray[answers.length];
        for (int k = 0; k < answers.length; k++) {
            expected[k] = model.sampleWithCategory(4, k, Seeds.derive(seed, k));
        }
        List<Integer> shown = new ArrayList<>();
        ImageClassifier classifier = new ImageClassifier() {
            @Override
            public String id() {
                return "stand-in";
            }

            @Override
            public int numClasses() {
                return 4;
            }

            @Override
            public INDArray probabilities(INDArray images) {
                for (int k = 0; k < expected.length; k++) {
                    if (expected[k].equalShapes(images) && expected[k].equalsWithEps(images, 0)) {
                        shown.add(k);
                        INDArray p = Nd4j.zeros(DataType.FLOAT, answers[k].length, 4);
                        for (int i = 0; i < answers[k].length; i++) {
                            p.putScalar(i, answers[k][i], 1);
                        }
                        return p;
                    }
                }
                throw new AssertionError("not the samples of any code value with the evaluation's seed");
            }
        };
        // 14 samples: 14 / 3 = 4 per code value.
        Map<String, Double> metrics = model.ownMetrics(new MetricContext(14, seed, classifier));
        assertEquals(Map.of("code_accuracy", 7.0 / 12), metrics);
        assertEquals(List.of(0, 1, 2), shown.stream().sorted().toList(), "each code value's samples once");
        assertEquals(Map.of(), model.ownMetrics(new MetricContext(14, seed, null)), "nothing without a classifier");
    }
}
