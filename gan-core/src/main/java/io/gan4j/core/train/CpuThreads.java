package io.gan4j.core.train;

import io.gan4j.core.nn.KernelThreads;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The number of CPU threads ND4J's operations use ({@code train.threads}): libnd4j's own parallel loops, OpenMP (which
 * oneDNN runs on) for the calling thread, and OpenBLAS. ND4J reads its defaults (all cores, or
 * {@code OMP_NUM_THREADS}) once at start-up; this changes them, and gan4j's own kernels' ({@link KernelThreads}), for the rest of the process and can put them back.
 */
public final class CpuThreads {
    private static final int DEFAULT_THREADS = Nd4j.getEnvironment().maxThreads();
    private static final int DEFAULT_MASTER_THREADS = Nd4j.getEnvironment().maxMasterThreads();
    private static final int DEFAULT_BLAS_THREADS = Nd4j.factory().blas().getMaxThreads();
    private static volatile int applied = DEFAULT_THREADS;

    private CpuThreads() {
    }

    /**
     * Runs ND4J's operations on {@code threads} threads from now on; 0 restores ND4J's start-up defaults.
     *
     * @return the thread count now in force
     */
    public static int apply(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, found " + threads);
        }
        int n = threads == 0 ? DEFAULT_THREADS : threads;
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(threads == 0 ? DEFAULT_MASTER_THREADS : n);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
        Nd4j.factory().blas().setMaxThreads(threads == 0 ? DEFAULT_BLAS_THREADS : n);
        KernelThreads.set(n);
        applied = n;
        return n;
    }

    /** The thread count set by the last {@link #apply} (ND4J's default before any). */
    public static int current() {
        return applied;
    }
}
