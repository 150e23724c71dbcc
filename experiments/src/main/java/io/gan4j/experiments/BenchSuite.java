package io.gan4j.experiments;

import io.gan4j.core.io.AtomicFiles;
import io.gan4j.core.run.Json;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
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
 * {@code gan4j bench --all}: every config of a folder benchmarked in a fresh JVM of its own (so one config's memory
 * and JIT state do not colour the next), the reference configs also at the reference batch sizes, written as a
 * Markdown table with the machine's description and its measured single-precision GEMM rate.
 */
final class BenchSuite {
    /**
     * PyTorch 1.13 CPU ms per D+G step at batch 64 as given with the performance targets (2 threads, OpenBLAS +
     * oneDNN, OMP_WAIT_POLICY=PASSIVE, measured on another machine of this kind).
     */
    static final Map<String, Double> TARGET_PYTORCH_MS_AT_64 = Map.of("vanilla-mnist", 21.5, "dcgan-mnist", 197.0);

    /** What {@code benchmarks/pytorch_reference.py --json} wrote: ms per step by config and batch size. */
    record PytorchReference(String pytorch, int threads, Map<String, Map<String, Double>> ms) {
        Double at(String config, int batch) {
            Map<String, Double> m = ms == null ? null : ms.get(config);
            return m == null ? null : m.get(String.valueOf(batch));
        }
    }

    private BenchSuite() {
    }

    static int run(BenchCommand c, int steps, PrintWriter out) throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> s = Files.list(c.configs)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(c.configs + ": cannot list configs: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new UserInputException(c.configs + ": no *.json configs");
        }
        double gemm = gemmGflops(1024);
        out.printf(Locale.ROOT, "single-precision GEMM (1024x1024): %.1f GFLOP/s%n", gemm);
        out.flush();
        List<BenchCommand.BenchResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replaceFirst("\\.json$", "");
            List<Integer> batches = c.reference.contains(name) ? c.referenceBatches : java.util.Collections.singletonList(null);
            for (Integer b : batches) {
                out.printf(Locale.ROOT, "%s%s ...%n", name, b == null ? "" : " at batch " + b);
                out.flush();
                try {
                    BenchCommand.BenchResult r = child(c, f, b, b == null ? steps : Math.max(steps, c.referenceSteps));
                    results.add(r);
                    out.printf(Locale.ROOT, "  %.1f ms/step, %.1f GFLOP/s, peak RSS %.0f MiB%n", r.medianMs(),
                            r.gflopsPerSecond(), r.peakRssKb() / 1024.0);
                } catch (IOException e) {
                    failures.add(name + (b == null ? "" : " at batch " + b) + ": " + e.getMessage());
                    out.println("  failed: " + e.getMessage());
                }
                out.flush();
            }
        }
        PytorchReference torch = null;
        if (Files.isRegularFile(c.pytorch)) {
            torch = Json.read(c.pytorch, PytorchReference.class);
        }
        String md = markdown(results, failures, gemm, steps, c.warmup, torch, Math.max(steps, c.referenceSteps));
        Path parent = c.out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(c.out, md);
        out.println("wrote " + c.out);
        out.flush();
        return failures.isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
    }

    /** One bench in a fresh JVM with this JVM's options and classpath; its result comes back as JSON. */
    private static BenchCommand.BenchResult child(BenchCommand c, Path config, Integer batch, int steps)
            throws IOException, InterruptedException {
        Path json = Files.createTempFile("gan4j-bench", ".json");
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Gan4jCli.class.getName());
            cmd.add("bench");
            cmd.add(config.toString());
            cmd.addAll(List.of("--steps", String.valueOf(steps), "--warmup", String.valueOf(c.warmup),
                    "--json", json.toString()));
            if (batch != null) {
                cmd.addAll(List.of("--batch", batch.toString()));
            }
            for (String s : c.overrides.values) {
                cmd.addAll(List.of("--set", s));
            }
            Path log = Files.createTempFile("gan4j-bench", ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            ChildEnv.apply(pb.environment());
            Process p = pb.start();
            int code = p.waitFor();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            if (code != 0 || Files.size(json) == 0) {
                String[] lines = output.strip().split("\n");
                throw new IOException("exit " + code + ": " + lines[lines.length - 1]);
            }
            return Json.read(json, BenchCommand.BenchResult.class);
        } finally {
            Files.deleteIfExists(json);
        }
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

    static String markdown(List<BenchCommand.BenchResult> results, List<String> failures, double gemm, int steps,
                           int warmup, PytorchReference torch, int referenceSteps) {
        StringBuilder sb = new StringBuilder();
        sb.append("# gan4j benchmarks\n\n");
        sb.append("Written by `./gan4j bench --all` on ").append(Instant.now().toString(), 0, 10)
                .append(": every shipped config for ").append(warmup).append(" warm-up and ").append(steps)
                .append(" timed training steps (").append(referenceSteps).append(" for the reference rows, each batch size"
                        + " compared with PyTorch), each config in a fresh JVM; the median step is reported.\n\n");
        sb.append("## Machine\n\n");
        for (String line : machine(gemm)) {
            sb.append("- ").append(line).append('\n');
        }
        sb.append("\n## Results\n\n");
        sb.append("| config | variant | batch | threads | ms/step | images/s | D / G share | GFLOP/step | GFLOP/s |"
                + " % of GEMM | peak RSS (MiB) | PyTorch here, ms/step | vs PyTorch here | vs target PyTorch |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchCommand.BenchResult r : results) {
            double[] split = r.discriminatorGeneratorSplit();
            Double here = torch == null ? null : torch.at(r.config(), r.batch());
            Double target = r.batch() == 64 ? TARGET_PYTORCH_MS_AT_64.get(r.config()) : null;
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.1f | %.0f | %.0f%% / %.0f%% | %.3f | %.1f | %.1f%% | %.0f | %s | %s | %s |%n",
                    r.config(), r.variant(), r.batch(), r.threads(), r.medianMs(), r.imagesPerSecond(), split[0], split[1],
                    r.flopsPerStep() / 1e9, r.gflopsPerSecond(), 100 * r.gflopsPerSecond() / gemm,
                    r.peakRssKb() / 1024.0, here == null ? "" : String.format(Locale.ROOT, "%.1f", here),
                    ratio(here, r.medianMs()), ratio(target, r.medianMs())));
        }
        sb.append('\n');
        sb.append("""
                *threads*: the CPU threads of ND4J's operations (`train.threads`; the MLP configs use 1, see the
                config reference). *D / G share*: the step's time in discriminator (critic) phases and in generator phases (forward and
                update), the rest is data and bookkeeping. *GFLOP/step*: estimated from the layers' shapes, 3× the
                forward multiply-adds of every training-mode pass (dense, convolution and transposed-convolution layers;
                element-wise layers are not counted), so GFLOP/s is a lower bound on the arithmetic done. *% of GEMM*:
                GFLOP/s against the single-precision matrix-product rate measured above. *PyTorch here*: the same
                architectures and D+G step in PyTorch on this machine with 2 threads (its fastest setting) and the same `OMP_WAIT_POLICY`, from
                `benchmarks/pytorch_reference.py --json benchmarks/pytorch.json`; *vs*: PyTorch's ms/step over
                gan4j's, i.e. gan4j's throughput relative to PyTorch (1.00× = as fast). *Target PyTorch*: the figures
                given with the performance targets (21.5 ms MLP, 197 ms DCGAN at batch 64), measured on another
                machine of this kind; this one's GEMM rate differs, so the same-machine ratio is the fair one.
                """);
        if (!failures.isEmpty()) {
            sb.append("\nFailed:\n\n");
            failures.forEach(f -> sb.append("- ").append(f).append('\n'));
        }
        return sb.toString();
    }

    private static String ratio(Double torchMs, double ms) {
        return torchMs == null ? "" : String.format(Locale.ROOT, "%.2f×", torchMs / ms);
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
                + ", OMP_NUM_THREADS=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"));
        lines.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", JVM options "
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        lines.add(String.format(Locale.ROOT, "Single-precision GEMM, 1024×1024 float, sustained over 2 s: %.1f GFLOP/s", gemm));
        return lines;
    }
}
