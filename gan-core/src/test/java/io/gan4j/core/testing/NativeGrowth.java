package io.gan4j.core.testing;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.PhaseTimer;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepRandom;
import io.gan4j.core.train.MemorySnapshot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertNotNull;

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
        assertNotNull(System.getenv("MALLOC_MMAP_THRESHOLD_"), "run with MALLOC_MMAP_THRESHOLD_ set, as the build"
                + " (surefire) and the ./gan4j launcher do; without it glibc keeps freed buffers resident");
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
}
