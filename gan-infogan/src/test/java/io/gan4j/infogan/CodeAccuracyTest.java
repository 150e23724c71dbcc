package io.gan4j.infogan;

import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.run.ExperimentRunner;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
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

    @Test
    void confusionClassifiesPerCodeSamplesOfATinyModel() {
        VariantRegistry registry = VariantRegistry.discover();
        LoadedConfig config = new ConfigLoader(registry).load("tiny.json", """
                {"seed": 1, "model": {"type": "infogan", "noise": 4, "categorical": 3, "continuous": 1},
                 "data": {"source": "mnist", "limit": 16}, "train": {"batchSize": 8}}
                """, List.of());
        ExperimentRunner runner = new ExperimentRunner(registry);
        ArrayDataset data = runner.checkData(config);
        InfoGanModel model = (InfoGanModel) runner.newModel(config, config.config().data().spec(data));
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
}
