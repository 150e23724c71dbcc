package io.gan4j.core.nn;

import io.gan4j.core.train.MemorySnapshot;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ResNet generator's training pass must leave no DL4J layer temporaries to Java's collector. Without workspaces
 * (how it ran before, so that Net could return dL/dinput) every im2col buffer, convolution and transpose-convolution
 * backprop temporary and activation derivative inside DL4J's layers was a native buffer of its own that ND4J frees
 * only when the collector reaches its wrapper; with workspaces they are reused pass after pass, and the first
 * reflection padding keeps the input gradient out of them ({@link KeepsInputGradient}).
 *
 * <p>Width 8, 2 residual blocks, instance norm, batch 16 of 28×28: 20 forward and backward passes (input gradient
 * taken, as CycleGAN takes it) after 3 warm-up passes, with nothing collecting. Measured: 30–33 MiB of native
 * growth with workspaces (about 1.5 MiB a pass still waits for the collector, cause not found); 174 MiB with the
 * generator forced back to {@code WorkspaceMode.NONE} (it fails). Needs glibc's mmap threshold fixed, as surefire
 * sets it.
 */
class ResNetWorkspacesNativeMemoryTest {
    private static final int PASSES = 20;
    /** Passes before measuring: DL4J sizes its workspaces over the first few. */
    private static final int WARM_UP = 3;
    private static final long ALLOWED_GROWTH_MIB = 80;

    @Test
    void trainingPassesLeaveNoLayerTemporariesBehind() {
        assertNotNull(System.getenv("MALLOC_MMAP_THRESHOLD_"), "run with MALLOC_MMAP_THRESHOLD_ set, as the build"
                + " (surefire) and the ./gan4j launcher do; without it glibc keeps freed buffers resident");
        Net net = ResNetGenerator.generator(new ResNetGeneratorConfig(8, 2, Normalization.INSTANCE, 1e-5,
                InitName.NORMAL_002), new long[] {1, 28, 28}, OptimizerConfig.Adam.of(2e-4, 0.5), 1,
                DataType.FLOAT);
        assertEquals(WorkspaceMode.ENABLED, net.computationGraph().getConfiguration().getTrainingWorkspaceMode());
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28).subi(0.5);
        long start = 0;
        for (int pass = 0; pass <= WARM_UP + PASSES; pass++) {
            INDArray out = net.forward(x);
            INDArray dx = net.backward(out);
            assertNotNull(dx, "input gradient");
            dx.close();
            out.close();
            net.discardGradient();
            net.releaseActivations();
            if (pass == WARM_UP) {
                start = MemorySnapshot.take().nativeEstimateBytes();
            }
        }
        long growth = MemorySnapshot.take().nativeEstimateBytes() - start;
        System.out.printf("ResNet generator, %d training passes: native growth %.1f MiB%n", PASSES,
                growth / 1048576.0);
        assertTrue(growth < ALLOWED_GROWTH_MIB << 20, String.format("native resident memory grew by %.1f MiB over %d"
                + " passes (allowed %d MiB): DL4J's layer temporaries are left to the collector (workspaces off?)",
                growth / 1048576.0, PASSES, ALLOWED_GROWTH_MIB));
    }
}
