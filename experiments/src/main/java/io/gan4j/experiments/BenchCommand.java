package io.gan4j.experiments;

import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.data.Batch;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.run.Seeds;
import io.gan4j.core.train.NativeMemoryListener;
import io.gan4j.core.train.PhaseTimer;
import io.gan4j.core.train.StepRandom;
import io.gan4j.core.train.Trainer;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;

/** {@code gan4j bench CONFIG --steps N}: training speed of a config, without writing a run. */
@Command(name = "bench", description = "Time training steps of a config after a warm-up: ms per step, images per second"
        + " and how the step divides between its phases (generator forward, discriminator step, generator step).")
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "Experiment config (JSON).")
    Path config;

    @Mixin
    Overrides overrides;

    @Option(names = "--steps", defaultValue = "100", description = "Timed steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "20", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--batch", description = "Batch size (shorthand for --set train.batchSize=N).")
    Integer batch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (steps < 1 || warmup < 0) {
            throw new UserInputException("--steps must be >= 1 and --warmup >= 0");
        }
        List<String> sets = new ArrayList<>(overrides.values);
        if (batch != null) {
            sets.add("train.batchSize=" + batch);
        }
        LoadedConfig loaded = new ConfigLoader(Gan4jCli.registry()).load(config, sets);
        ExperimentRunner runner = new ExperimentRunner(Gan4jCli.registry());
        ArrayDataset data = runner.checkData(loaded);
        GanModel model = runner.newModel(loaded, loaded.config().data().spec(data));
        Seeds seeds = new Seeds(loaded.config().seed());
        int batchSize = loaded.config().train().batchSize();
        LongFunction<Batch> batches = loaded.config().data().batches(data, batchSize, seeds.of(ExperimentRunner.SHUFFLE),
                loaded.config().train().precision().dataType());
        long noise = seeds.of(Seeds.NOISE);
        PhaseTimer timer = new PhaseTimer();
        // Timed like a real run, with the same periodic collection (it keeps native memory flat).
        NativeMemoryListener memory = new NativeMemoryListener(loaded.config().train().gcEvery());
        for (long s = 1; s <= warmup; s++) {
            step(model, batches, timer, noise, s);
            memory.afterStep(s);
        }
        timer.reset();
        double[] ms = new double[steps];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            step(model, batches, timer, noise, warmup + 1 + i);
            memory.afterStep(warmup + 1 + i);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        report(loaded, data, batchSize, ms, timer);
        return ExitCode.OK;
    }

    private static void step(GanModel model, LongFunction<Batch> batches, PhaseTimer timer, long noise, long step) {
        Batch b = timer.time("data", () -> Trainer.batchFor(model, batches, step));
        model.trainStep(b, new StepContext(step, StepRandom.forStep(noise, step), timer));
    }

    private void report(LoadedConfig loaded, ArrayDataset data, int batchSize, double[] ms, PhaseTimer timer) {
        PrintWriter out = spec.commandLine().getOut();
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double mean = Arrays.stream(ms).average().orElse(Double.NaN);
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        out.printf(Locale.ROOT, "bench %s (%s), %s, batch %d, %s, %d warm-up + %d timed steps%n",
                loaded.config().name(), loaded.variant().name(), data.name(), batchSize,
                loaded.config().train().precision().dataType().name().toLowerCase(Locale.ROOT), warmup, ms.length);
        out.printf(Locale.ROOT, "backend %s (%s), %s threads, oneDNN layer helpers %s%n", env.get("backend"),
                env.get("blas.vendor"), env.get("omp.threads"),
                "false".equals(System.getProperty("org.eclipse.deeplearning4j.helpers.disable")) ? "allowed" : "off");
        out.printf(Locale.ROOT, "ms/step    median %.1f  mean %.1f  min %.1f  max %.1f%n", median, mean, sorted[0],
                sorted[sorted.length - 1]);
        out.printf(Locale.ROOT, "images/s   %.0f (at the median)%n", batchSize * 1000.0 / median);
        StringBuilder phases = new StringBuilder("phases    ");
        double total = Arrays.stream(ms).sum();
        for (Map.Entry<String, Long> e : timer.totals().entrySet()) {
            double phaseMs = e.getValue() / 1e6 / ms.length;
            phases.append(String.format(Locale.ROOT, "  %s %.1f ms (%.0f%%)", e.getKey(), phaseMs,
                    100 * e.getValue() / 1e6 / total));
        }
        out.println(phases);
        out.printf(Locale.ROOT, "memory     peak RSS %s, RSS now %s%n", procStatus("VmHWM"), procStatus("VmRSS"));
        out.flush();
    }

    /** A field of /proc/self/status (Linux), e.g. the peak resident set size; "n/a" elsewhere. */
    static String procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return "n/a";
    }
}
