package io.gan4j.core.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * How many threads gan4j's own Java kernels (instance normalisation, reflection padding) split their work over: the
 * count ND4J's operations use, which {@code train.threads} sets ({@code CpuThreads}) along with this. libnd4j's
 * environment is not a dependable place to read it back: its maximum thread count ignores a value below its
 * start-up default.
 */
public final class KernelThreads {
    private static volatile int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    private KernelThreads() {
    }

    /** Sets the thread count (at least 1). */
    public static void set(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("kernel threads must be >= 1, found " + count);
        }
        threads = count;
    }

    /** The thread count in force. */
    public static int get() {
        return threads;
    }

    /** A computation over the items {@code [from, to)} of a range. */
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Below this many floats in all, a plane-by-plane kernel runs on the calling thread alone: handing half of it to
     * another thread costs a few microseconds, more than the half takes.
     */
    public static final long PARALLEL_MIN_FLOATS = 1 << 15;

    /**
     * Runs {@code body} over {@code [0, count)} split into consecutive ranges, one per thread, on
     * {@link #get()} threads ({@code train.threads}), the calling thread taking the first range. Each item must be
     * independent of the others, so the result does not depend on the number of threads.
     *
     * @param floats the floats the whole computation touches, to decide whether threads pay
     */
    public static void forRanges(int count, long floats, RangeBody body) {
        int threads = Math.min(get(), count);
        if (threads <= 1 || floats < PARALLEL_MIN_FLOATS) {
            body.run(0, count);
            return;
        }
        List<ForkJoinTask<?>> others = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            int from = (int) ((long) count * t / threads);
            int to = (int) ((long) count * (t + 1) / threads);
            others.add(ForkJoinPool.commonPool().submit(() -> body.run(from, to)));
        }
        body.run(0, count / threads);
        for (ForkJoinTask<?> task : others) {
            task.join();
        }
    }
}
