package io.gan4j.core.testing;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.PhaseTimer;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepRandom;
import io.gan4j.core.nn.Net;
import io.gan4j.core.train.MemorySnapshot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Native memory a model keeps over training steps with nothing calling the garbage collector, for the variants'
 * native-memory tests: each step gets a fresh random batch in [-1, 1], closed after the step as the trainer closes
 * it, and the growth is {@link MemorySnapshot}'s native estimate after the last step minus after the first counted.
 */
public final class NativeGrowth {
    private NativeGrowth() {
    }

    /**
     * Trains {@code model} for {@code last} steps on batches {@code [batchShape]} and returns the native growth in
     * bytes from after step {@code first} to after step {@code last}. Fails at once unless glibc's mmap threshold is
     * fixed as the build and the launcher fix it ({@code MALLOC_MMAP_THRESHOLD_}, docs/memory.md): otherwise malloc
     * keeps freed multi-MiB buffers resident and the figure means nothing.
     */
    public static long overTrainingSteps(GanModel model, long[] batchShape, int first, int last) {
        requireFixedMmapThreshold();
        long atFirst = 0;
        for (int step = 1; step <= last; step++) {
            Batch b = Batch.of(Nd4j.rand(DataType.FLOAT, batchShape).muli(2).subi(1));
            try {
                model.trainStep(b, new StepContext(step, StepRandom.forStep(11, step), new PhaseTimer()));
            } finally {
                b.close(); // as the trainer does
            }
            if (step == first) {
                atFirst = MemorySnapshot.take().nativeEstimateBytes();
            }
        }
        return MemorySnapshot.take().nativeEstimateBytes() - atFirst;
    }

    /**
     * Runs {@code 1 + warmUp + passes} forward and backward passes of {@code net} on {@code x} (output as its own
     * gradient), closing what each returns and releasing the net's gradient and activations as a training step
     * does, and returns the native growth in bytes over the last {@code passes}. Fails as
     * {@link #overTrainingSteps} does without the fixed mmap threshold, or when a pass returns no input gradient.
     */
    public static long overPasses(Net net, INDArray x, int warmUp, int passes) {
        requireFixedMmapThreshold();
        long start = 0;
        for (int pass = 0; pass <= warmUp + passes; pass++) {
            INDArray out = net.forward(x);
            INDArray dx = net.backward(out);
            assertNotNull(dx, "input gradient");
            dx.close();
            out.close();
            net.discardGradient();
            net.releaseActivations();
            if (pass == warmUp) {
                start = MemorySnapshot.take().nativeEstimateBytes();
            }
        }
        return MemorySnapshot.take().nativeEstimateBytes() - start;
    }

    /**
     * Prints {@code growth} (bytes) under {@code what} and fails unless it is below {@code allowedMib} MiB, saying
     * {@code cause} (what a leak would mean).
     */
    public static void assertBelow(long growth, long allowedMib, String what, String cause) {
        System.out.printf(Locale.ROOT, "%s: native growth %.1f MiB%n", what, growth / 1048576.0);
        assertTrue(growth < allowedMib << 20, String.format(Locale.ROOT, "%s: native resident memory grew by %.1f MiB"
                + " (allowed %d MiB): %s", what, growth / 1048576.0, allowedMib, cause));
    }

    private static void requireFixedMmapThreshold() {
        assertNotNull(System.getenv("MALLOC_MMAP_THRESHOLD_"), "run with MALLOC_MMAP_THRESHOLD_ set, as the build"
                + " (surefire) and the ./gan4j launcher do; without it glibc keeps freed buffers resident");
    }
}
