package io.gan4j.srgan;

import io.gan4j.core.nn.KernelThreads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits the channels of a per-channel Java kernel ({@link PReluImpl}) into consecutive
 * ranges over {@link KernelThreads#get()} threads ({@code train.threads}), the calling thread taking the first, as
 * gan-core's own kernels do. Each channel is computed whole by one thread in a fixed order, so results do not depend
 * on the number of threads.
 */
final class ChannelRanges {
    /** Below this many values the threads' hand-over costs more than it saves. */
    static final long PARALLEL_MIN_VALUES = 1 << 15;

    private ChannelRanges() {
    }

    /** Work on channels {@code [from, to)}. */
    @FunctionalInterface
    interface Body {
        void run(int from, int to);
    }

    /** Runs {@code body} over {@code [0, channels)}, split when the arrays hold at least {@code values} values. */
    static void run(int channels, long values, Body body) {
        int threads = Math.min(KernelThreads.get(), channels);
        if (threads <= 1 || values < PARALLEL_MIN_VALUES) {
            body.run(0, channels);
            return;
        }
        List<ForkJoinTask<?>> others = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            int from = (int) ((long) channels * t / threads);
            int to = (int) ((long) channels * (t + 1) / threads);
            others.add(ForkJoinPool.commonPool().submit(() -> body.run(from, to)));
        }
        body.run(0, channels / threads);
        for (ForkJoinTask<?> task : others) {
            task.join();
        }
    }
}
