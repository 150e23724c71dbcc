package io.gan4j.experiments;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.PhaseTimer;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepRandom;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.Nets;
import io.gan4j.core.train.MemorySnapshot;
import io.gan4j.core.train.Trainer;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The memory modes of {@code gan4j bench} (options mixed into {@link BenchCommand}):
 * <ul>
 *   <li>{@code --memory-breakdown}: resident memory after every pass of every network within a step (forward,
 *       backward, optimizer update), so growth can be pinned on the pass that allocates what is never freed;</li>
 *   <li>{@code --long}: trains many steps (default 3,000) and compares resident memory at step 300 and at the
 *       end, the test that a long run does not grow.</li>
 * </ul>
 * Both modes drive the model as a training run does: the batch is closed after each step and nothing calls the
 * garbage collector, so what they show is what a run holds. Resident memory depends on the allocator the launcher
 * chooses ({@link ChildEnv}, printed in the first line; docs/memory.md).
 */
final class MemoryBench {
    @Option(names = "--memory-breakdown", description = "Instead of timing: resident memory (and heap, javacpp,"
            + " workspace figures) after each network's forward, backward and update within the step, averaged over"
            + " the timed steps; growth per pass shows what is allocated and never freed.")
    boolean breakdown;

    @Option(names = "--long", description = "Instead of timing: train --steps steps (default 3000) after"
            + " --warmup, report RSS at step --long-from and at the last step, their ratio (flat: within 5%%), and"
            + " peak RSS; exit 1 when the ratio exceeds 1.05.")
    boolean longRun;

    @Option(names = "--long-from", defaultValue = "300", description = "With --long: the step whose RSS is the"
            + " baseline (default ${DEFAULT-VALUE}).")
    int longFrom;

    /** RSS growth from step {@code --long-from} to the end that {@code --long} accepts. */
    static final double LONG_TOLERANCE = 0.05;

    boolean requested() {
        return breakdown || longRun;
    }

    /** Runs the requested mode for {@code bench}'s config, options and overrides; returns the exit code. */
    int run(BenchCommand bench, PrintWriter out) {
        if (breakdown && longRun) {
            throw new UserInputException("give --memory-breakdown or --long, not both");
        }
        Setup s = setup(bench);
        out.printf(Locale.ROOT, "memory %s of %s (%s), batch %d, heap max %d MiB, allocator %s%n",
                breakdown ? "breakdown" : "over a long run", s.loaded.config().name(), s.loaded.variant().name(),
                s.batchSize, Runtime.getRuntime().maxMemory() >> 20,
                ChildEnv.describeCurrent());
        return breakdown ? breakdown(bench, s, out) : longRun(bench, s, out);
    }

    private int breakdown(BenchCommand bench, Setup s, PrintWriter out) {
        int timed = bench.steps != null ? bench.steps : 30;
        for (long step = 1; step <= bench.warmup; step++) {
            s.step(step);
        }
        Map<String, long[]> deltas = new LinkedHashMap<>(); // label -> {sum of ΔRSS, count}
        Map<String, Integer> seen = new LinkedHashMap<>();
        long[] last = new long[1];
        for (Map.Entry<String, Net> e : Nets.of(s.model).entrySet()) {
            String name = e.getKey();
            e.getValue().setPassObserver((net, pass) -> {
                String base = name + "." + pass;
                int k = seen.merge(base, 1, Integer::sum);
                record(deltas, k == 1 ? base : base + "#" + k, last);
            });
        }
        MemorySnapshot start = MemorySnapshot.take();
        for (long i = 1; i <= timed; i++) {
            long step = bench.warmup + i;
            seen.clear();
            last[0] = MemorySnapshot.take().rssBytes();
            long before = last[0];
            Batch b = Trainer.batchFor(s.model, s.batches, step);
            record(deltas, "data (batch)", last);
            try {
                s.model.trainStep(b, s.context(step));
            } finally {
                b.close();
            }
            record(deltas, "rest of step (and the batch closed)", last);
            long[] whole = deltas.computeIfAbsent("= whole step", k -> new long[2]);
            whole[0] += last[0] - before;
            whole[1]++;
        }
        Nets.of(s.model).values().forEach(n -> n.setPassObserver(null));
        MemorySnapshot end = MemorySnapshot.take();
        out.printf(Locale.ROOT, "%d warm-up + %d measured steps; mean change of resident memory per pass (KiB),"
                + " positive = allocated and still held%n", bench.warmup, timed);
        for (Map.Entry<String, long[]> e : deltas.entrySet()) {
            long[] v = e.getValue();
            out.printf(Locale.ROOT, "  %-40s %+10.0f KiB  (%d times)%n", e.getKey(), v[0] / 1024.0 / v[1], v[1]);
        }
        print(out, "before measured steps", start);
        print(out, "after measured steps ", end);
        out.flush();
        return ExitCode.OK;
    }

    private static void record(Map<String, long[]> deltas, String label, long[] last) {
        long now = MemorySnapshot.take().rssBytes();
        long[] v = deltas.computeIfAbsent(label, k -> new long[2]);
        v[0] += now - last[0];
        v[1]++;
        last[0] = MemorySnapshot.take().rssBytes();
    }

    private int longRun(BenchCommand bench, Setup s, PrintWriter out) {
        int total = bench.steps != null ? bench.steps : 3000;
        if (longFrom < 1 || longFrom >= total) {
            throw new UserInputException("--long-from must be >= 1 and below --steps (" + total + "), found " + longFrom);
        }
        for (long step = 1; step <= bench.warmup; step++) {
            s.step(step);
        }
        MemorySnapshot from = null;
        long t0 = System.nanoTime();
        int every = Math.max(1, total / 10);
        for (int i = 1; i <= total; i++) {
            s.step(bench.warmup + i);
            if (i == longFrom) {
                from = MemorySnapshot.take();
                print(out, String.format(Locale.ROOT, "step %5d", i), from);
            } else if (i % every == 0 && i != total) {
                print(out, String.format(Locale.ROOT, "step %5d", i), MemorySnapshot.take());
            }
        }
        MemorySnapshot end = MemorySnapshot.take();
        print(out, String.format(Locale.ROOT, "step %5d", total), end);
        double ratio = (double) end.rssBytes() / from.rssBytes();
        boolean flat = ratio <= 1 + LONG_TOLERANCE;
        out.printf(Locale.ROOT, "long run %s: RSS %d MiB at step %d, %d MiB at step %d, ratio %.3f (limit %.2f);"
                        + " peak RSS %d MiB; %.0f ms/step%n", flat ? "flat" : "GROWING", from.rssBytes() >> 20, longFrom,
                end.rssBytes() >> 20, total, ratio, 1 + LONG_TOLERANCE, end.peakRssBytes() >> 20,
                (System.nanoTime() - t0) / 1e6 / total);
        out.flush();
        return flat ? ExitCode.OK : ExitCode.FAILURE;
    }

    private static void print(PrintWriter out, String label, MemorySnapshot m) {
        out.printf(Locale.ROOT, "%s: RSS %d MiB (peak %d), heap used %d / committed %d MiB, JVM non-heap %d MiB,"
                        + " native estimate %d MiB, javacpp %d MiB, ND4J workspaces %d MiB%n", label, m.rssBytes() >> 20,
                m.peakRssBytes() >> 20, m.heapUsedBytes() >> 20, m.heapCommittedBytes() >> 20, m.nonHeapBytes() >> 20,
                m.nativeEstimateBytes() >> 20, m.javacppBytes() >> 20, m.workspaceBytes() >> 20);
        out.flush();
    }

    private static Setup setup(BenchCommand bench) {
        BenchCommand.Prepared p = bench.prepare();
        return new Setup(p.loaded(), p.model(), p.batches(), p.noiseSeed(), p.loaded().config().train().batchSize());
    }

    /** A model and its data, driven step by step as {@link Trainer} does. */
    private record Setup(LoadedConfig loaded, GanModel model, LongFunction<Batch> batches, long noise, int batchSize) {
        StepContext context(long step) {
            Nd4j.getRandom().setSeed(step);
            return new StepContext(step, StepRandom.forStep(noise, step), new PhaseTimer());
        }

        void step(long step) {
            Batch b = Trainer.batchFor(model, batches, step);
            try {
                model.trainStep(b, context(step));
            } finally {
                b.close();
            }
        }
    }
}
