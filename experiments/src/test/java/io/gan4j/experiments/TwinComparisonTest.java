package io.gan4j.experiments;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The comparison's logic with injected measurements instead of processes: the sides alternate, each side's figure
 * is the median of its own repeats (not a mean, not the other side's), and the ratios are PyTorch ms / gan4j ms and
 * gan4j RSS / PyTorch RSS. The expected values are worked out by hand from the injected numbers.
 */
class TwinComparisonTest {
    private static final Map<String, Long> PARAMS = Map.of("generator", 100L, "discriminator", 50L);

    /**
     * A side that hands out the given (ms, RSS kB) pairs in turn, on 2 threads (OpenBLAS 2), and logs each start in
     * {@code started}.
     */
    private static TwinComparison.Side side(String name, List<String> started, double[] ms, long[] rss,
                                            Map<String, Long> params) {
        return side(name, started, ms, rss, params, 2, 2);
    }

    private static TwinComparison.Side side(String name, List<String> started, double[] ms, long[] rss,
                                            Map<String, Long> params, int threads, int blasThreads) {
        return repeat -> {
            started.add(name + repeat);
            return new TwinComparison.Measurement(ms[repeat - 1], rss[repeat - 1], params, threads, blasThreads);
        };
    }

    @Test
    void sidesAlternateAndEachReportsTheMedianOfItsOwnRepeats() throws Exception {
        List<String> started = new ArrayList<>();
        List<String> log = new ArrayList<>();
        // gan4j: one disturbed process (900 ms) that a mean would carry; PyTorch: its own spread.
        TwinComparison.Result r = TwinComparison.run(
                side("g", started, new double[] {100, 900, 120, 110, 105}, new long[] {2000, 2100, 1900, 2050, 1950}, PARAMS),
                side("t", started, new double[] {80, 85, 79, 300, 90}, new long[] {400, 410, 390, 420, 405}, PARAMS),
                5, log::add);
        assertEquals(List.of("g1", "t1", "g2", "t2", "g3", "t3", "g4", "t4", "g5", "t5"), started, "interleaved");
        assertEquals(List.of("gan4j", "pytorch", "gan4j", "pytorch", "gan4j", "pytorch", "gan4j", "pytorch", "gan4j",
                "pytorch"), r.order());
        assertEquals(10, log.size(), "one line per process: " + log);
        assertEquals(110, r.gan4jMs(), 0, "median of 100, 105, 110, 120, 900");
        assertEquals(85, r.pytorchMs(), 0, "median of 79, 80, 85, 90, 300");
        assertEquals(2000, r.gan4jRssKb(), 0, "median of 1900, 1950, 2000, 2050, 2100");
        assertEquals(405, r.pytorchRssKb(), 0, "median of 390, 400, 405, 410, 420");
        assertEquals(85.0 / 110.0, r.throughputRatio(), 1e-12, "PyTorch ms over gan4j ms");
        assertEquals(2000.0 / 405.0, r.rssRatio(), 1e-12, "gan4j RSS over PyTorch RSS");
        assertTrue(r.parameterMismatches().isEmpty());
    }

    @Test
    void anEvenCountAveragesTheTwoMiddleValues() {
        assertEquals(6.5, TwinComparison.median(new double[] {9, 4}), 0);
        assertEquals(2.5, TwinComparison.median(new double[] {4, 1, 3, 2}), 0);
        assertEquals(7, TwinComparison.median(new double[] {7}), 0);
        assertThrows(IllegalArgumentException.class, () -> TwinComparison.median(new double[0]));
    }

    @Test
    void withoutTheTwinOnlyGan4jRunsAndThereAreNoRatios() throws Exception {
        List<String> started = new ArrayList<>();
        TwinComparison.Result r = TwinComparison.run(
                side("g", started, new double[] {3, 1, 2}, new long[] {10, 30, 20}, PARAMS), null, 3, s -> { });
        assertEquals(List.of("g1", "g2", "g3"), started);
        assertFalse(r.hasPytorch());
        assertEquals(2, r.gan4jMs(), 0);
        assertEquals(20, r.gan4jRssKb(), 0);
        assertTrue(Double.isNaN(r.pytorchMs()) && Double.isNaN(r.throughputRatio()));
        assertTrue(r.parameterMismatches().isEmpty(), "nothing to compare with");
    }

    @Test
    void differentParameterCountsAreReportedPerNetwork() throws Exception {
        TwinComparison.Result r = TwinComparison.run(
                side("g", new ArrayList<>(), new double[] {1}, new long[] {1}, PARAMS),
                side("t", new ArrayList<>(), new double[] {1}, new long[] {1},
                        Map.of("generator", 100L, "discriminator", 49L, "extra", 1L)), 1, s -> { });
        assertEquals(List.of("discriminator: gan4j 50, PyTorch 49", "extra: gan4j none, PyTorch 1"),
                r.parameterMismatches());
    }

    @Test
    void aTwinOnOtherThreadCountsIsReportedPerPool() throws Exception {
        TwinComparison.Side gan4j = side("g", new ArrayList<>(), new double[] {1}, new long[] {1}, PARAMS, 1, 1);
        // The seventh round's fault: PyTorch's pool at 1, its OpenBLAS still on both cores.
        TwinComparison.Result blas = TwinComparison.run(gan4j,
                side("t", new ArrayList<>(), new double[] {1}, new long[] {1}, PARAMS, 1, 2), 1, s -> { });
        assertEquals(List.of("OpenBLAS threads: gan4j 1, PyTorch 2"), blas.threadMismatches());
        assertEquals(blas.threadMismatches(), blas.twinDifferences(), "the parameters agree");

        TwinComparison.Result both = TwinComparison.run(gan4j,
                side("t", new ArrayList<>(), new double[] {1}, new long[] {1}, PARAMS, 2, 2), 1, s -> { });
        assertEquals(List.of("threads: gan4j 1, PyTorch 2", "OpenBLAS threads: gan4j 1, PyTorch 2"),
                both.threadMismatches());

        TwinComparison.Result silent = TwinComparison.run(gan4j,
                side("t", new ArrayList<>(), new double[] {1}, new long[] {1}, PARAMS, 0, 0), 1, s -> { });
        assertEquals(List.of("the PyTorch twin did not report its thread count"), silent.threadMismatches());

        // A twin without OpenBLAS (another BLAS) reports none: only PyTorch's own pool is compared.
        TwinComparison.Result noBlas = TwinComparison.run(gan4j,
                side("t", new ArrayList<>(), new double[] {1}, new long[] {1}, PARAMS, 1, 0), 1, s -> { });
        assertTrue(noBlas.twinDifferences().isEmpty(), noBlas.twinDifferences().toString());
    }

    @Test
    void aFailingProcessStopsTheComparison() {
        TwinComparison.Side broken = repeat -> {
            throw new java.io.IOException("PyTorch twin exit 2: no twin");
        };
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> TwinComparison.run(
                side("g", new ArrayList<>(), new double[] {1, 1}, new long[] {1, 1}, PARAMS), broken, 2, s -> { }));
        assertTrue(e.getMessage().contains("no twin"));
        assertThrows(IllegalArgumentException.class, () -> TwinComparison.run(
                side("g", new ArrayList<>(), new double[] {1}, new long[] {1}, PARAMS), null, 0, s -> { }));
    }
}
