package io.gan4j.experiments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.api.Batch;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.Nets;
import io.gan4j.core.nn.NetFlops;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.io.Json;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.api.PhaseTimer;
import io.gan4j.core.api.StepRandom;
import io.gan4j.core.train.CpuThreads;
import io.gan4j.core.train.Trainer;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongFunction;

/**
 * {@code gan4j bench CONFIG}: training speed and memory of a config against its PyTorch twin ({@link TwinBench}),
 * without writing a run; {@code --once}: one measurement in this JVM (what each of those processes runs);
 * {@code gan4j bench --all}: every shipped config so, into {@code benchmarks/RESULTS.md}; {@code --memory-check}:
 * resident memory sampled over a long run, which must plateau.
 */
@Command(name = "bench", description = "Time training steps of a config after a warm-up, alternating fresh gan4j"
        + " processes with its PyTorch twin (benchmarks/pytorch_reference.py): medians of ms per step, images per"
        + " second and peak RSS of both with their ratios, how gan4j's step divides between its phases, estimated"
        + " FLOPs and GFLOP/s. --all benchmarks every config in a folder and writes a Markdown table; --memory-check"
        + " samples resident memory and fails when it grows.")
final class BenchCommand extends CliCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "Experiment config (JSON); not with --all.")
    Path config;

    @Mixin
    Overrides overrides;

    @Option(names = "--steps", description = "Timed steps (default 100; 10000 with --memory-check).")
    Integer steps;

    @Option(names = "--warmup", defaultValue = "20", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "0", description = "Keep warming up until this many seconds"
            + " have passed as well as --warmup steps (default ${DEFAULT-VALUE}); the PyTorch twin gets the same rule."
            + " A JVM compiles its hot code during its first seconds: on 2 cores gan4j's steps reach their steady"
            + " speed after 10-20 s (cyclegan-bold-mnist: 0.71x PyTorch after 3 s, 0.96x after 20), so give 15 to"
            + " time a training run's speed.")
    double warmupSeconds;

    @Option(names = "--batch", description = "Batch size (shorthand for --set train.batchSize=N).")
    Integer batch;

    @Option(names = "--json", description = "Also write the result as JSON to this file.")
    Path json;

    @Option(names = "--all", description = "Benchmark every *.json in --configs, each in a fresh JVM, and write --out.")
    boolean all;

    @Option(names = "--configs", defaultValue = "experiments/configs", description = "Folder of configs for --all"
            + " (default ${DEFAULT-VALUE}).")
    Path configs;

    @Option(names = "--out", defaultValue = "benchmarks/RESULTS.md", description = "Markdown report of --all"
            + " (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--repeats", defaultValue = "5", description = "Processes per side: gan4j and its PyTorch twin"
            + " run alternately, each repeat in a fresh process, and each side reports the median over its repeats"
            + " (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--no-pytorch", description = "Do not run the PyTorch twin (gan4j's figures only).")
    boolean noPytorch;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch for the twin"
            + " (default ${DEFAULT-VALUE}); without torch the twin is skipped with one line.")
    String python;

    @Option(names = "--twin", defaultValue = "benchmarks/pytorch_reference.py", description = "The PyTorch twin"
            + " script (default ${DEFAULT-VALUE}).")
    Path twin;

    @Option(names = "--twin-spec", paramLabel = "FILE", description = "Write what the PyTorch twin builds from (the"
            + " resolved config, the data shape, gan4j's parameter counts per network) to FILE; alone, without timing.")
    Path twinSpec;

    @Option(names = "--config-steps", paramLabel = "NAME=STEPS", description = "With --all: timed steps of one config"
            + " (by file name without .json), e.g. cyclegan-256-rgb=10 for configs whose step takes seconds.")
    Map<String, Integer> configSteps = new LinkedHashMap<>();

    @Option(names = "--config-warmup", paramLabel = "NAME=STEPS", description = "With --all: warm-up steps of one"
            + " config, e.g. cyclegan-256-rgb=2.")
    Map<String, Integer> configWarmup = new LinkedHashMap<>();

    @Option(names = "--once", hidden = true, description = "One measurement in this JVM (what each repeat runs).")
    boolean once;

    @Option(names = "--reference", split = ",", defaultValue = "vanilla-mnist,dcgan-mnist", description = "With --all:"
            + " configs also run at each of --reference-batches (default ${DEFAULT-VALUE}).")
    List<String> reference;

    @Option(names = "--reference-batches", split = ",", defaultValue = "64,128", description = "With --all: batch sizes"
            + " for the --reference configs (default ${DEFAULT-VALUE}).")
    List<Integer> referenceBatches;

    @Option(names = "--reference-steps", defaultValue = "300", description = "With --all: timed steps of the"
            + " --reference configs, whose medians are compared with PyTorch (default ${DEFAULT-VALUE}; a short run's"
            + " median moves with the machine's noise).")
    int referenceSteps;

    @Option(names = "--memory-check", description = "Sample resident memory every --rss-every timed steps and fail"
            + " (exit 1) when the last sample is more than 10%% above the first.")
    boolean memoryCheck;

    @Option(names = "--rss-every", defaultValue = "1000", description = "Steps between memory samples (default ${DEFAULT-VALUE}).")
    int rssEvery;

    @Mixin
    KillTrials.Options kill;

    @Mixin
    MemoryBench memory;

    /** Growth of resident memory that {@code --memory-check} tolerates between its first and last sample. */
    static final double MEMORY_TOLERANCE = 0.10;

    @Override
    public Integer call() throws IOException, InterruptedException {
        int timed = steps != null ? steps : memoryCheck ? 10_000 : 100;
        if (timed < 1 || warmup < 0 || rssEvery < 1 || !(warmupSeconds >= 0 && warmupSeconds <= 3600)) {
            throw new UserInputException("--steps and --rss-every must be >= 1, --warmup >= 0 and --warmup-seconds in"
                    + " [0, 3600] (got --warmup-seconds " + warmupSeconds + ")");
        }
        if (all) {
            if (config != null) {
                throw new UserInputException("--all benchmarks the configs in --configs; give no CONFIG with it");
            }
            return BenchSuite.run(this, timed, stdout());
        }
        if (config == null) {
            throw new UserInputException("give a CONFIG, or --all");
        }
        if (kill.requested()) {
            return kill.run(config, overrides.values, stdout());
        }
        if (memory.requested()) {
            return memory.run(this, stdout());
        }
        if (repeats < 1) {
            throw new UserInputException("--repeats must be >= 1, found " + repeats);
        }
        if (!once && !memoryCheck) {
            if (twinSpec != null) {
                Prepared p = prepare();
                writeTwinSpec(p, twinSpec);
                stdout().println("wrote " + twinSpec);
                stdout().flush();
                return ExitCode.OK;
            }
            return TwinBench.single(this, timed, stdout());
        }
        BenchResult r = bench(timed);
        PrintWriter o = stdout();
        print(o, r);
        if (json != null) {
            Json.write(json, r);
        }
        if (memoryCheck) {
            return memoryVerdict(o, r);
        }
        return ExitCode.OK;
    }

    private int memoryVerdict(PrintWriter o, BenchResult r) {
        List<long[]> samples = r.rssSamples();
        if (samples.size() < 2) {
            throw new UserInputException("--memory-check needs at least two samples: --steps must be at least 2x"
                    + " --rss-every (" + rssEvery + ")");
        }
        long[] first = samples.get(0);
        long[] last = samples.get(samples.size() - 1);
        double growth = (double) last[1] / first[1] - 1;
        boolean ok = growth <= MEMORY_TOLERANCE;
        o.printf(Locale.ROOT, "memory check %s: RSS %d MiB at step %d, %d MiB at step %d (%+.1f%%, limit +%.0f%%)%n",
                ok ? "passed" : "FAILED", first[1] / 1024, first[0], last[1] / 1024, last[0], 100 * growth,
                100 * MEMORY_TOLERANCE);
        o.flush();
        return ok ? ExitCode.OK : ExitCode.FAILURE;
    }

    /** A config loaded with its data and a freshly built model, as a measurement starts from. */
    /** A config loaded with the bench's overrides, its data checked and its model built, ready to step. */
    record Prepared(LoadedConfig loaded, ArrayDataset data, DataSpec dataSpec, GanModel model, int threads) {
        private Seeds seeds() {
            return new Seeds(loaded.config().seed());
        }

        /** The batches a training run of this config draws, by step. */
        LongFunction<Batch> batches() {
            return loaded.config().data().batches(data, loaded.config().train().batchSize(),
                    seeds().of(ExperimentRunner.SHUFFLE), loaded.config().train().precision().dataType());
        }

        /** The seed of the per-step noise a training run of this config uses. */
        long noiseSeed() {
            return seeds().of(Seeds.NOISE);
        }
    }

    Prepared prepare() {
        List<String> sets = new ArrayList<>(overrides.values);
        if (batch != null) {
            sets.add("train.batchSize=" + batch);
        }
        LoadedConfig loaded = new ConfigLoader(Gan4jCli.registry()).load(config, sets);
        int threads = CpuThreads.apply(loaded.config().train().threads());
        ExperimentRunner runner = new ExperimentRunner(Gan4jCli.registry());
        ArrayDataset data = runner.checkData(loaded);
        DataSpec dataSpec = loaded.config().data().spec(data);
        GanModel model = runner.newModel(loaded, dataSpec);
        return new Prepared(loaded, data, dataSpec, model, threads);
    }

    /**
     * Learned parameters of each network (weights, biases, normalisation scales and shifts; not batch norm's
     * running statistics, which DL4J stores as parameters and PyTorch as buffers): the count the twin must match.
     */
    static Map<String, Long> learnedParams(GanModel model) {
        Map<String, Long> out = new LinkedHashMap<>();
        model.networks().forEach((name, net) -> out.put(name, net.paramTable().entrySet().stream()
                .filter(e -> Net.isLearned(e.getKey())).mapToLong(e -> e.getValue().length()).sum()));
        return out;
    }

    /**
     * What {@code benchmarks/pytorch_reference.py --spec} builds its twin from: the resolved config (every default
     * filled in, so the twin reads the same values gan4j does and no default lives twice), the data's shape, the
     * thread count gan4j runs with, and gan4j's learned-parameter counts for the twin to check itself against.
     */
    private static void writeTwinSpec(Prepared p, Path file) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", 1);
        root.put("source", p.loaded().sourceName());
        root.set("config", p.loaded().resolved());
        ObjectNode data = root.putObject("data");
        ArrayNode shape = data.putArray("sampleShape");
        for (long d : p.dataSpec().sampleShape()) {
            shape.add(d);
        }
        data.put("numClasses", p.dataSpec().numClasses());
        data.put("kind", p.dataSpec().kind().name());
        root.put("threads", p.threads());
        ObjectNode params = root.putObject("gan4jLearnedParams");
        learnedParams(p.model()).forEach(params::put);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    /** Untimed steps: at least {@code --warmup} of them and at least {@code --warmup-seconds}; returns how many. */
    private int warmUp(GanModel model, LongFunction<Batch> batches, PhaseTimer timer, long noise) {
        long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int s = 0;
        while (s < warmup || System.nanoTime() < until) {
            step(model, batches, timer, noise, ++s);
        }
        return s;
    }

    private BenchResult bench(int timed) throws IOException {
        Prepared p = prepare();
        if (twinSpec != null) {
            writeTwinSpec(p, twinSpec);
        }
        LoadedConfig loaded = p.loaded();
        ArrayDataset data = p.data();
        GanModel model = p.model();
        int batchSize = loaded.config().train().batchSize();
        LongFunction<Batch> batches = p.batches();
        long noise = p.noiseSeed();
        PhaseTimer timer = new PhaseTimer();
        int warmedUp = warmUp(model, batches, timer, noise);
        timer.reset();
        Nets.of(model).values().forEach(Net::resetTrainingExamples);
        double[] ms = new double[timed];
        List<long[]> rss = new ArrayList<>();
        for (int i = 0; i < timed; i++) {
            long s = warmedUp + 1 + i;
            long t0 = System.nanoTime();
            step(model, batches, timer, noise, s);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (memoryCheck && (i + 1) % rssEvery == 0) {
                long kb = procStatusKb("VmRSS");
                rss.add(new long[] {i + 1, kb});
                stdout().printf(Locale.ROOT, "step %d: RSS %d MiB%n", i + 1, kb / 1024);
                stdout().flush();
            }
        }
        double flops = 0;
        for (Net net : Nets.of(model).values()) {
            if (net.trainingExamples() > 0) {
                flops += NetFlops.TRAINING_FACTOR * NetFlops.forwardPerExample(net) * net.trainingExamples() / timed;
            }
        }
        return BenchResult.of(loaded, data.name(), batchSize, warmedUp, ms, timer, flops, procStatusKb("VmHWM"), rss,
                learnedParams(model));
    }

    private static void step(GanModel model, LongFunction<Batch> batches, PhaseTimer timer, long noise, long step) {
        Batch b = timer.time("data", () -> Trainer.batchFor(model, batches, step));
        try {
            model.trainStep(b, new StepContext(step, StepRandom.forStep(noise, step), timer));
        } finally {
            b.close();
        }
    }

    static void print(PrintWriter out, BenchResult r) {
        print(out, r, true);
    }

    /** @param live whether {@code r} was measured in this JVM (then its current RSS is shown too) */
    static void print(PrintWriter out, BenchResult r, boolean live) {
        out.printf(Locale.ROOT, "bench %s (%s), %s, batch %d, %s, %d warm-up + %d timed steps%n",
                r.config(), r.variant(), r.data(), r.batch(), r.dataType(), r.warmup(), r.steps());
        out.printf(Locale.ROOT, "backend %s (%s), %s threads (OpenBLAS %d), oneDNN layer helpers %s%n", r.backend(),
                r.blas(), r.threads(), r.blasThreads(), r.helpers() ? "allowed" : "off");
        if (live) {
            long physical = org.bytedeco.javacpp.Pointer.maxPhysicalBytes();
            out.println("allocator  " + ChildEnv.describeCurrent() + "; JavaCPP physical-memory check "
                    + (physical <= 0 ? "off" : "at " + (physical >> 20) + " MiB"));
        }
        out.printf(Locale.ROOT, "ms/step    median %.1f  mean %.1f  min %.1f  max %.1f%n", r.medianMs(), r.meanMs(),
                r.minMs(), r.maxMs());
        out.printf(Locale.ROOT, "images/s   %.0f (at the median)%n", r.imagesPerSecond());
        StringBuilder phases = new StringBuilder("phases    ");
        for (Map.Entry<String, Double> e : r.phaseMs().entrySet()) {
            phases.append(String.format(Locale.ROOT, "  %s %.1f ms (%.0f%%)", e.getKey(), e.getValue(),
                    100 * e.getValue() / r.meanMs()));
        }
        out.println(phases);
        out.printf(Locale.ROOT, "compute    %.3f GFLOP/step (estimated from the layers' shapes), %.1f GFLOP/s at the median%n",
                r.flopsPerStep() / 1e9, r.gflopsPerSecond());
        out.printf(Locale.ROOT, "memory     peak RSS %.0f MiB%s%n", r.peakRssKb() / 1024.0,
                live ? ", RSS now " + procStatus("VmRSS") : "");
        out.flush();
    }

    /** A field of /proc/self/status in kB (Linux), e.g. the peak resident set size; -1 elsewhere. */
    static long procStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    /** {@link #procStatusKb} as text in MiB, "n/a" where unknown. */
    static String procStatus(String field) {
        long kb = procStatusKb(field);
        return kb < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0);
    }

    /**
     * One benchmark's measurements.
     *
     * @param phaseMs       mean ms per step of each timed phase ({@code data}, {@code g_forward}, {@code d_step}...)
     * @param flopsPerStep  estimated FLOPs of one step: {@link NetFlops#TRAINING_FACTOR} × forward FLOPs of every
     *                      training-mode pass
     * @param rssSamples    with --memory-check: (timed step, RSS kB) pairs
     */
    record BenchResult(String config, String variant, String data, int batch, String dataType, int warmup, int steps,
                       double medianMs, double meanMs, double minMs, double maxMs, Map<String, Double> phaseMs,
                       double flopsPerStep, long peakRssKb, String backend, String blas, String threads,
                       int blasThreads, boolean helpers, List<long[]> rssSamples, Map<String, Long> learnedParams) {

        static BenchResult of(LoadedConfig loaded, String data, int batch, int warmup, double[] ms, PhaseTimer timer,
                              double flops, long peakRssKb, List<long[]> rss, Map<String, Long> learnedParams) {
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            Map<String, Double> phases = new LinkedHashMap<>();
            timer.totals().forEach((k, v) -> phases.put(k, v / 1e6 / ms.length));
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            return new BenchResult(loaded.config().name(), loaded.variant().name(), data, batch,
                    loaded.config().train().precision().dataType().name().toLowerCase(Locale.ROOT), warmup, ms.length,
                    sorted[sorted.length / 2], Arrays.stream(ms).average().orElse(Double.NaN), sorted[0],
                    sorted[sorted.length - 1], phases, flops, peakRssKb, String.valueOf(env.get("backend")),
                    String.valueOf(env.get("blas.vendor")), String.valueOf(CpuThreads.current()),
                    Nd4j.factory().blas().getMaxThreads(),
                    "false".equals(System.getProperty("org.eclipse.deeplearning4j.helpers.disable")), rss,
                    learnedParams);
        }

        double imagesPerSecond() {
            return batch * 1000.0 / medianMs;
        }

        double gflopsPerSecond() {
            return flopsPerStep / 1e6 / medianMs;
        }

        /** Share of the step in discriminator (critic) phases and in generator phases, in percent. */
        double[] discriminatorGeneratorSplit() {
            double d = 0;
            double g = 0;
            for (Map.Entry<String, Double> e : phaseMs.entrySet()) {
                if (e.getKey().startsWith("d_") || e.getKey().startsWith("critic")) {
                    d += e.getValue();
                } else if (e.getKey().startsWith("g_")) {
                    g += e.getValue();
                }
            }
            return new double[] {100 * d / meanMs, 100 * g / meanMs};
        }
    }
}
