package io.gan4j.experiments;

import io.gan4j.core.io.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One config measured against its PyTorch twin with {@link TwinComparison}: gan4j in fresh JVMs
 * ({@link BenchProcesses#gan4j}), the twin in fresh Python processes on the spec the first gan4j process wrote.
 * {@code gan4j bench CONFIG} prints it; {@code gan4j bench --all} makes one table row of it.
 */
final class TwinBench {
    /**
     * A measured config.
     *
     * @param runs       every gan4j process's full result, in the order they ran
     * @param comparison the medians and ratios
     * @param skipped    why the twin did not run (null when it did)
     */
    record Measured(List<BenchCommand.BenchResult> runs, TwinComparison.Result comparison, String skipped) {
        /** The gan4j process whose ms/step is the median (the lower one of an even count): its phases and FLOPs. */
        BenchCommand.BenchResult medianRun() {
            List<BenchCommand.BenchResult> sorted = new ArrayList<>(runs);
            sorted.sort(Comparator.comparingDouble(BenchCommand.BenchResult::medianMs));
            return sorted.get((sorted.size() - 1) / 2);
        }
    }

    private TwinBench() {
    }

    /**
     * Why the twin will not run for this bench (asked for none, no torch, no script), or null when it will. Asked
     * once, so a machine without PyTorch gets one line rather than a failure per config.
     */
    static String twinUnavailable(BenchCommand c) {
        if (c.noPytorch) {
            return "--no-pytorch";
        }
        if (!Files.isRegularFile(c.twin)) {
            throw new UserInputException("--twin: " + c.twin + " does not exist (run from the repository root, or give"
                    + " the path of benchmarks/pytorch_reference.py)");
        }
        return BenchProcesses.pytorchMissing(c.python);
    }

    /** Runs both sides of {@code config} alternately, {@code c.repeats} processes each. */
    static Measured measure(BenchCommand c, Path config, Integer batch, int warmup, int steps, String skipped,
                            PrintWriter out)
            throws IOException, InterruptedException {
        Path spec = Files.createTempFile("gan4j-twin-spec", ".json");
        try {
            List<BenchCommand.BenchResult> runs = new ArrayList<>();
            TwinComparison.Side gan4j = repeat -> {
                // The first process also writes the spec the twin is built from (resolved config, data shape).
                BenchCommand.BenchResult r = BenchProcesses.gan4j(new BenchProcesses.Gan4jRun(config, batch, warmup,
                        c.warmupSeconds, steps, c.overrides.values, repeat == 1 ? spec : null));
                runs.add(r);
                return new TwinComparison.Measurement(r.medianMs(), r.peakRssKb(), r.learnedParams(),
                        Integer.parseInt(r.threads()), r.blasThreads());
            };
            TwinComparison.Side torch = skipped != null ? null
                    : repeat -> BenchProcesses.pytorch(c.python, c.twin, spec, warmup, c.warmupSeconds,
                            steps);
            TwinComparison.Result result = TwinComparison.run(gan4j, torch, c.repeats, line -> {
                out.println(line);
                out.flush();
            });
            return new Measured(List.copyOf(runs), result, skipped);
        } finally {
            Files.deleteIfExists(spec);
        }
    }

    /** {@code gan4j bench CONFIG}: the comparison printed, and with {@code --json} written. */
    static int single(BenchCommand c, int steps, PrintWriter out) throws IOException, InterruptedException {
        String skipped = twinUnavailable(c);
        out.printf(Locale.ROOT, "bench %s: gan4j%s, %d process%s each, %d warm-up + %d timed steps per process%n",
                c.config, skipped == null ? " and its PyTorch twin alternately" : "", c.repeats,
                c.repeats == 1 ? "" : "es", c.warmup, steps);
        if (skipped != null && !c.noPytorch) {
            out.println("PyTorch twin skipped: " + skipped);
        }
        out.flush();
        Measured m = measure(c, c.config, c.batch, c.warmup, steps, skipped, out);
        print(out, m);
        if (c.json != null) {
            Json.write(c.json, summary(m));
        }
        return m.comparison().twinDifferences().isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
    }

    static void print(PrintWriter out, Measured m) {
        BenchCommand.BenchResult median = m.medianRun();
        TwinComparison.Result r = m.comparison();
        out.println();
        out.println("gan4j's median process:");
        BenchCommand.print(out, median, false);
        out.println();
        out.printf(Locale.ROOT, "%-9s %10s %10s %15s%n", "medians", "ms/step", "images/s", "peak RSS MiB");
        out.printf(Locale.ROOT, "%-9s %10.1f %10.0f %15.0f%n", "gan4j", r.gan4jMs(), median.batch() * 1000.0 / r.gan4jMs(),
                r.gan4jRssKb() / 1024);
        if (r.hasPytorch()) {
            out.printf(Locale.ROOT, "%-9s %10.1f %10.0f %15.0f%n", "PyTorch", r.pytorchMs(),
                    median.batch() * 1000.0 / r.pytorchMs(), r.pytorchRssKb() / 1024);
            out.printf(Locale.ROOT, "ratio     throughput %.2f× PyTorch's (PyTorch ms / gan4j ms), peak RSS %.2f×"
                    + " PyTorch's (gan4j / PyTorch)%n", r.throughputRatio(), r.rssRatio());
            List<String> bad = r.parameterMismatches();
            if (bad.isEmpty()) {
                out.println("params    " + paramsText(median.learnedParams()) + ": the same in the PyTorch twin");
            } else {
                out.println("params    MISMATCH, the twin is not the same model: " + String.join("; ", bad));
            }
            List<String> threads = r.threadMismatches();
            if (threads.isEmpty()) {
                out.println("threads   " + median.threads() + " (OpenBLAS " + median.blasThreads()
                        + "): the same in the PyTorch twin");
            } else {
                out.println("threads   MISMATCH, the twin ran on other cores: " + String.join("; ", threads));
            }
        }
        out.flush();
    }

    static String paramsText(Map<String, Long> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %,d", k, v)));
        return String.join(", ", parts);
    }

    /** What {@code --json} writes: every process's figures, the medians and the ratios. */
    static Map<String, Object> summary(Measured m) {
        TwinComparison.Result r = m.comparison();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("gan4jMedianMs", r.gan4jMs());
        s.put("gan4jPeakRssKb", r.gan4jRssKb());
        if (r.hasPytorch()) {
            s.put("pytorchMedianMs", r.pytorchMs());
            s.put("pytorchPeakRssKb", r.pytorchRssKb());
            s.put("throughputRatio", r.throughputRatio());
            s.put("rssRatio", r.rssRatio());
            s.put("parameterMismatches", r.parameterMismatches());
            s.put("threadMismatches", r.threadMismatches());
        } else {
            s.put("pytorchSkipped", m.skipped());
        }
        s.put("order", r.order());
        s.put("gan4j", m.runs());
        s.put("pytorch", r.pytorch());
        return s;
    }
}
