package io.gan4j.core.nn;

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
}
