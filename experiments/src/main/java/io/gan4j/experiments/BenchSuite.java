package io.gan4j.experiments;

import io.gan4j.core.io.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code gan4j bench --all}: every config of a folder benchmarked against its PyTorch twin ({@link TwinBench}: fresh
 * processes, alternating sides, medians), the reference configs also at the reference batch sizes, written as a
 * Markdown table with the machine's description and its measured single-precision GEMM rate.
 */
final class BenchSuite {
    private BenchSuite() {
    }

    /** One row of the table: a config (at a batch size) measured against its twin. */
    record Row(String name, TwinBench.Measured measured) {
    }

    static int run(BenchCommand c, int steps, PrintWriter out) throws IOException, InterruptedException {
        List<Path> files = configs(c);
        String skipped = TwinBench.twinUnavailable(c);
        if (skipped != null && !c.noPytorch) {
            out.println("PyTorch twin skipped: " + skipped);
        }
        double gemm = gemmGflops(1024);
        out.printf(Locale.ROOT, "single-precision GEMM (1024x1024): %.1f GFLOP/s%n", gemm);
        out.flush();
        List<Row> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replaceFirst("\\.json$", "");
            List<Integer> batches = c.reference.contains(name) ? c.referenceBatches : java.util.Collections.singletonList(null);
            for (Integer b : batches) {
                int n = c.configSteps.getOrDefault(name, b == null ? steps : Math.max(steps, c.referenceSteps));
                int w = c.configWarmup.getOrDefault(name, c.warmup);
                String label = name + (b == null ? "" : " at batch " + b);
                out.printf(Locale.ROOT, "%s, %d warm-up + %d timed steps ...%n", label, w, n);
                out.flush();
                try {
                    TwinBench.Measured m = TwinBench.measure(c, f, b, w, n, skipped, out);
                    rows.add(new Row(name, m));
                    String mismatch = report(m.comparison(), out);
                    if (mismatch != null) {
                        failures.add(label + ": " + mismatch);
                    }
                } catch (IOException e) {
                    failures.add(label + ": " + e.getMessage());
                    out.println("  failed: " + e.getMessage());
                }
                out.flush();
            }
        }
        Path parent = c.out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(c.out, markdown(c, rows, failures, gemm, steps, skipped));
        out.println("wrote " + c.out);
        out.flush();
        return failures.isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
    }

    /** The {@code *.json} configs of {@code --configs}, in name order. */
    private static List<Path> configs(BenchCommand c) {
        List<Path> files;
        try (Stream<Path> s = Files.list(c.configs)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(c.configs + ": cannot list configs: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new UserInputException(c.configs + ": no *.json configs");
        }
        return files;
    }

    /** Prints one measurement's line; returns why the twin is not comparable (model or threads), or null when it is. */
    private static String report(TwinComparison.Result r, PrintWriter out) {
        out.printf(Locale.ROOT, "  gan4j %.1f ms/step, peak RSS %.0f MiB", r.gan4jMs(), r.gan4jRssKb() / 1024);
        if (r.hasPytorch()) {
            out.printf(Locale.ROOT, "; PyTorch %.1f ms/step, peak RSS %.0f MiB; throughput %.2f×, RSS %.2f×",
                    r.pytorchMs(), r.pytorchRssKb() / 1024, r.throughputRatio(), r.rssRatio());
        }
        out.println();
        List<String> why = new ArrayList<>();
        if (!r.parameterMismatches().isEmpty()) {
            why.add("the PyTorch twin is not the same model: " + String.join("; ", r.parameterMismatches()));
        }
        if (!r.threadMismatches().isEmpty()) {
            why.add("the PyTorch twin ran on other cores: " + String.join("; ", r.threadMismatches()));
        }
        why.forEach(w -> out.println("  " + w));
        return why.isEmpty() ? null : String.join("; ", why);
    }

    /** Sustained rate of {@code n×n} float matrix products over two seconds after a warm-up: 2n³ FLOPs each. */
    static double gemmGflops(int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray out = Nd4j.create(DataType.FLOAT, n, n);
        for (int i = 0; i < 3; i++) {
            Nd4j.gemm(a, b, out, false, false, 1.0, 0.0);
        }
        long t0 = System.nanoTime();
        long products = 0;
        while (System.nanoTime() - t0 < 2_000_000_000L) {
            Nd4j.gemm(a, b, out, false, false, 1.0, 0.0);
            products++;
        }
        return 2.0 * n * n * n * products / ((System.nanoTime() - t0) / 1e9) / 1e9;
    }

    static String markdown(BenchCommand c, List<Row> rows, List<String> failures, double gemm, int steps,
                           String skipped) {
        StringBuilder sb = new StringBuilder();
        sb.append("# gan4j benchmarks\n\n");
        sb.append("Written by `./gan4j bench --all` on ").append(Instant.now().toString(), 0, 10)
                .append(": every shipped config and its PyTorch twin (`benchmarks/pytorch_reference.py`, the same"
                        + " architecture and training step built from the same resolved config), run alternately"
                        + " gan4j, PyTorch, gan4j, ... in fresh processes, ").append(c.repeats)
                .append(" of each; every figure is the median over a side's processes, each process timing ")
                .append(c.warmup).append(" warm-up and ").append(steps).append(" timed steps (")
                .append(Math.max(steps, c.referenceSteps)).append(" for the reference batch sizes");
        c.configSteps.forEach((k, v) -> sb.append(", ").append(v).append(" for ").append(k));
        c.configWarmup.forEach((k, v) -> sb.append(", ").append(v).append(" warm-up steps for ").append(k));
        sb.append(")");
        if (c.warmupSeconds > 0) {
            sb.append(String.format(Locale.ROOT, ", the warm-up lasting at least %.0f s on both sides (more steps for"
                    + " configs with short steps: a JVM compiles its hot code in the first seconds)", c.warmupSeconds));
        }
        sb.append(" and reporting its median step.\n\n");
        if (skipped != null) {
            sb.append("The PyTorch twin did not run: ").append(skipped).append(".\n\n");
        }
        sb.append("## Machine\n\n");
        for (String line : machine(gemm)) {
            sb.append("- ").append(line).append('\n');
        }
        sb.append("\n## Results\n\n");
        sb.append("| config | variant | batch | threads | ms/step | images/s | peak RSS (MiB) | PyTorch ms/step |"
                + " PyTorch images/s | PyTorch peak RSS (MiB) | throughput vs PyTorch | RSS vs PyTorch | D / G share |"
                + " GFLOP/step | GFLOP/s | % of GEMM |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            sb.append(resultRow(row, gemm));
        }
        sb.append('\n').append(LEGEND);
        if (!failures.isEmpty()) {
            sb.append("\nFailed:\n\n");
            failures.forEach(f -> sb.append("- ").append(f).append('\n'));
        }
        return sb.toString();
    }

    /** Images a second at {@code ms} a step: whole numbers, or two decimals below 10 (a 256-px batch of 1: 0.21). */
    static String imagesPerSecond(int batch, double ms) {
        double rate = batch * 1000.0 / ms;
        return fmt(rate < 10 ? "%.2f" : "%.0f", rate);
    }

    /** One config's row of the results table. */
    private static String resultRow(Row row, double gemm) {
        BenchCommand.BenchResult r = row.measured().medianRun();
        TwinComparison.Result c = row.measured().comparison();
        double[] split = r.discriminatorGeneratorSplit();
        double ms = c.gan4jMs();
        double gflops = r.flopsPerStep() / 1e6 / ms;
        boolean torch = c.hasPytorch();
        String mismatch = c.twinDifferences().isEmpty() ? "" : " (twin differs)";
        return String.format(Locale.ROOT, "| %s | %s | %d | %s | %.1f | %s | %.0f | %s | %s | %s | %s | %s |"
                        + " %.0f%% / %.0f%% | %.3f | %.1f | %.1f%% |%n",
                row.name(), r.variant(), r.batch(), r.threads(), ms, imagesPerSecond(r.batch(), ms),
                c.gan4jRssKb() / 1024, torch ? fmt("%.1f", c.pytorchMs()) : "",
                torch ? imagesPerSecond(r.batch(), c.pytorchMs()) : "",
                torch ? fmt("%.0f", c.pytorchRssKb() / 1024) : "",
                torch ? fmt("%.2f×", c.throughputRatio()) + mismatch : "",
                torch ? fmt("%.2f×", c.rssRatio()) : "", split[0], split[1], r.flopsPerStep() / 1e9, gflops,
                100 * gflops / gemm);
    }

    /** What the results table's columns mean. */
    private static final String LEGEND = """
            *threads*: the CPU threads of ND4J's operations (`train.threads`; the MLP configs use 1, see the
            config reference); the twin runs with the same number (`torch.set_num_threads`, and OpenBLAS's pool
            too) and the same `OMP_WAIT_POLICY`; it reports both counts, and a count other than gan4j's marks the
            row "twin differs" and fails the bench. *ms/step*, *images/s*: one full training iteration (every
            network's update: n_critic critic updates and one generator update for WGAN), images = the batch size.
            *Peak RSS*: the process's peak resident set (VmHWM), which for gan4j includes the JVM and ND4J's native
            buffers, for PyTorch the interpreter and libtorch. *Throughput vs PyTorch*: PyTorch's ms/step over
            gan4j's (1.00× = as fast, above = faster). *RSS vs PyTorch*: gan4j's peak RSS over PyTorch's (below 1 = less memory).
            The twin's learned parameters are counted per network and must equal gan4j's (weights, biases,
            normalisation scales and shifts), else the row is marked "twin differs" and the bench fails.
            *D / G share*: the step's time in discriminator (critic) phases and in generator phases (forward and
            update), the rest is data and bookkeeping. *GFLOP/step*: estimated from the layers' shapes, 3× the
            forward multiply-adds of every training-mode pass (dense, convolution and transposed-convolution
            layers; element-wise layers are not counted), so GFLOP/s is a lower bound on the arithmetic done.
            *% of GEMM*: GFLOP/s against the single-precision matrix-product rate measured above.
            """;

    private static String fmt(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }

    private static List<String> machine(double gemm) {
        List<String> lines = new ArrayList<>();
        String cpu = "unknown CPU";
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    cpu = l.substring(l.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        long memKb = -1;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        lines.add(String.format(Locale.ROOT, "CPU: %s, %d logical cores, %s memory", cpu,
                Runtime.getRuntime().availableProcessors(), memKb < 0 ? "unknown" : String.format(Locale.ROOT,
                        "%.1f GiB", memKb / 1024.0 / 1024.0)));
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        lines.add(String.format(Locale.ROOT, "ND4J backend %s (%s), %s OpenMP threads, oneDNN layer helpers %s",
                env.get("backend"), env.get("blas.vendor"), env.get("omp.threads"),
                "false".equals(System.getProperty("org.eclipse.deeplearning4j.helpers.disable")) ? "on" : "off"));
        lines.add("Environment: OMP_WAIT_POLICY=" + System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)")
                + ", OMP_NUM_THREADS=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)")
                + ", OPENBLAS_CORETYPE=" + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset: OpenBLAS's choice)")
                + ", OPENBLAS_THREAD_TIMEOUT=" + System.getenv().getOrDefault("OPENBLAS_THREAD_TIMEOUT",
                        "(unset: OpenBLAS's default)")
                + " (the PyTorch twin without gan4j's settings)");
        lines.add("Allocator: gan4j " + ChildEnv.describeCurrent() + "; the PyTorch twin without gan4j's allocator setting");
        lines.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", JVM options "
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        lines.add(String.format(Locale.ROOT, "Single-precision GEMM, 1024×1024 float, sustained over 2 s: %.1f GFLOP/s", gemm));
        return lines;
    }
}
