package io.gan4j.experiments;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * gan4j against its PyTorch twin on one config: the two run alternately, each repeat in a fresh process of its own
 * (gan4j, PyTorch, gan4j, PyTorch, ...), and each side is summarised by the median over its repeats. Alternating
 * means a slow stretch of the machine (another job on the shared cores) falls on both sides instead of on whichever
 * ran during it; the median over repeats drops the odd disturbed process, where a mean would carry it.
 *
 * <p>The processes themselves are behind {@link Side}, so the ordering, the medians and the ratios are tested with
 * injected measurements ({@code TwinComparisonTest}) and the real processes live in {@link BenchProcesses}.
 */
final class TwinComparison {
    /**
     * One process's figures: median ms per step over its timed steps, its peak resident set, its networks' sizes and
     * the threads its arithmetic ran on.
     *
     * @param threads     the thread count of the framework's own parallel loops (ND4J's; PyTorch's OpenMP pool), 0
     *                    when the process did not report it
     * @param blasThreads OpenBLAS's thread count, 0 when the process has no OpenBLAS or did not report it
     */
    record Measurement(double ms, long peakRssKb, Map<String, Long> learnedParams, int threads, int blasThreads) {
        Measurement {
            learnedParams = learnedParams == null ? Map.of() : Map.copyOf(learnedParams);
        }
    }

    /** Starts one measured process of one side and waits for its figures. */
    @FunctionalInterface
    interface Side {
        /** @param repeat 1-based repeat number */
        Measurement run(int repeat) throws IOException, InterruptedException;
    }

    /**
     * The outcome: every repeat's measurements in the order they ran, medians of each side, the ratios.
     *
     * @param gan4j   gan4j's measurements, repeat 1 first
     * @param pytorch PyTorch's, empty when the twin was not run
     * @param order   the sides in the order their processes ran ("gan4j", "pytorch", ...)
     */
    record Result(List<Measurement> gan4j, List<Measurement> pytorch, List<String> order) {
        double gan4jMs() {
            return median(gan4j.stream().mapToDouble(Measurement::ms).toArray());
        }

        double pytorchMs() {
            return pytorch.isEmpty() ? Double.NaN : median(pytorch.stream().mapToDouble(Measurement::ms).toArray());
        }

        double gan4jRssKb() {
            return median(gan4j.stream().mapToDouble(Measurement::peakRssKb).toArray());
        }

        double pytorchRssKb() {
            return pytorch.isEmpty() ? Double.NaN
                    : median(pytorch.stream().mapToDouble(Measurement::peakRssKb).toArray());
        }

        boolean hasPytorch() {
            return !pytorch.isEmpty();
        }

        /** gan4j's throughput relative to PyTorch's: PyTorch's ms over gan4j's (1.0 = as fast, above = faster). */
        double throughputRatio() {
            return pytorchMs() / gan4jMs();
        }

        /** gan4j's peak resident memory over PyTorch's (1.0 = as much, above = more). */
        double rssRatio() {
            return gan4jRssKb() / pytorchRssKb();
        }

        /**
         * Networks whose learned-parameter counts differ between the two sides (gan4j's first repeat against
         * PyTorch's), as "name gan4j N, PyTorch M" lines; empty when they agree or PyTorch did not run. A difference
         * means the twin is not the same model and its timing compares nothing.
         */
        List<String> parameterMismatches() {
            if (pytorch.isEmpty()) {
                return List.of();
            }
            return mismatches(gan4j.get(0).learnedParams(), pytorch.get(0).learnedParams());
        }

        /**
         * How the twin's thread counts differ from gan4j's (gan4j's first repeat against PyTorch's), one line per
         * pool; empty when they agree or PyTorch did not run. Both sides run on the config's {@code train.threads}; a
         * twin on more cores than gan4j (PyTorch's OpenBLAS keeps one thread per core whatever
         * {@code torch.set_num_threads} says) times another machine.
         */
        List<String> threadMismatches() {
            if (pytorch.isEmpty()) {
                return List.of();
            }
            return poolDifferences(gan4j.get(0), pytorch.get(0));
        }

        /** Parameter and thread differences together: empty when the twin is comparable. */
        List<String> twinDifferences() {
            List<String> all = new ArrayList<>(parameterMismatches());
            all.addAll(threadMismatches());
            return all;
        }
    }

    private TwinComparison() {
    }

    /**
     * Runs {@code repeats} rounds of gan4j then (when {@code pytorch} is not null) PyTorch.
     *
     * @param log receives one line per finished process
     */
    static Result run(Side gan4j, Side pytorch, int repeats, Consumer<String> log)
            throws IOException, InterruptedException {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, found " + repeats);
        }
        Objects.requireNonNull(gan4j, "gan4j");
        List<Measurement> g = new ArrayList<>();
        List<Measurement> t = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            Measurement m = gan4j.run(r);
            g.add(m);
            order.add("gan4j");
            log.accept(String.format(java.util.Locale.ROOT, "  repeat %d/%d gan4j   %8.1f ms/step, peak RSS %6.0f MiB",
                    r, repeats, m.ms(), m.peakRssKb() / 1024.0));
            if (pytorch != null) {
                Measurement p = pytorch.run(r);
                t.add(p);
                order.add("pytorch");
                log.accept(String.format(java.util.Locale.ROOT, "  repeat %d/%d PyTorch %8.1f ms/step, peak RSS %6.0f MiB",
                        r, repeats, p.ms(), p.peakRssKb() / 1024.0));
            }
        }
        return new Result(List.copyOf(g), List.copyOf(t), List.copyOf(order));
    }

    /** The median; for an even count the mean of the two middle values. */
    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of nothing");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The thread pools of {@code pytorch} whose size is not {@code gan4j}'s, or that it did not report. */
    static List<String> poolDifferences(Measurement gan4j, Measurement pytorch) {
        List<String> out = new ArrayList<>();
        if (pytorch.threads() != gan4j.threads()) {
            out.add(pytorch.threads() == 0 ? "the PyTorch twin did not report its thread count"
                    : "threads: gan4j " + gan4j.threads() + ", PyTorch " + pytorch.threads());
        }
        if (pytorch.blasThreads() != 0 && gan4j.blasThreads() != 0 && pytorch.blasThreads() != gan4j.blasThreads()) {
            out.add("OpenBLAS threads: gan4j " + gan4j.blasThreads() + ", PyTorch " + pytorch.blasThreads());
        }
        return out;
    }

    /** Networks named on either side whose counts differ (or that one side lacks). */
    static List<String> mismatches(Map<String, Long> gan4j, Map<String, Long> pytorch) {
        List<String> out = new ArrayList<>();
        java.util.TreeSet<String> names = new java.util.TreeSet<>(gan4j.keySet());
        names.addAll(pytorch.keySet());
        for (String n : names) {
            Long a = gan4j.get(n);
            Long b = pytorch.get(n);
            if (!Objects.equals(a, b)) {
                out.add(n + ": gan4j " + (a == null ? "none" : a) + ", PyTorch " + (b == null ? "none" : b));
            }
        }
        return out;
    }
}
