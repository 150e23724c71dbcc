package io.gan4j.core.nn;

import io.gan4j.core.train.MemorySnapshot;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gan4j's own layers must free their pass temporaries when they run without DL4J workspaces, as a batch-norm ResNet
 * generator runs them (see ResNetGenerator; instance norm now runs in workspaces): each temporary is then a native buffer of its own that
 * ND4J frees only when Java's collector reaches the wrapper, and a pass makes little heap garbage, so the collector
 * seldom runs. Instance norm made about six activation-sized temporaries per pass and reflection padding one; at
 * 28 px they were most of what a CycleGAN step left for the collector (memory breakdown: +75 MB a step, +10.5 MB
 * after).
 *
 * <p>Reflection padding then instance norm on 16 channels of 64×64, batch 8 (2 MiB per activation), in a
 * ComputationGraph without workspaces as the generator is; 20 forward and backward passes with nothing collecting
 * (their heap garbage is far below the 64 MiB young generation the build sets). Measured: 0.6 MiB of native growth
 * with the closes; 299 MiB with InstanceNormalizationImpl's closes removed; 42 MiB with ReflectionPadding2DImpl's
 * removed. (In a MultiLayerNetwork without workspaces it was 42 MiB with all closes: Net frees a graph's
 * inter-layer errors after a backward pass, not a MultiLayerNetwork's.) Needs glibc's mmap threshold fixed
 * ({@code MALLOC_MMAP_THRESHOLD_}, as surefire sets it; docs/memory.md).
 */
class LayerTemporariesNativeMemoryTest {
    private static final int PASSES = 20;
    /** Allowed growth of native resident memory over the passes after the first (which sizes everything). */
    private static final long ALLOWED_GROWTH_MIB = 24;

    @Test
    void paddingAndInstanceNormFreeTheirTemporariesWithoutWorkspaces() {
        assertNotNull(System.getenv("MALLOC_MMAP_THRESHOLD_"), "run with MALLOC_MMAP_THRESHOLD_ set, as the build"
                + " (surefire) and the ./gan4j launcher do; without it glibc keeps freed buffers resident");
        // A graph, as the ResNet generator is: Net frees a graph's inter-layer errors after a backward pass.
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).updater(new Sgd(0.01))
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(64, 64, 16))
                .addLayer("pad", new ReflectionPadding2D(1), "in")
                .addLayer("norm", new InstanceNormalization(0, 1e-5), "pad")
                .setOutputs("norm").build());
        g.init();
        Net net = Net.of(g);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 16, 64, 64);
        long start = 0;
        for (int pass = 0; pass <= PASSES; pass++) {
            INDArray out = net.forward(x);
            INDArray dx = net.backward(out);
            dx.close();
            out.close();
            net.discardGradient();
            net.releaseActivations();
            if (pass == 0) {
                start = MemorySnapshot.take().nativeEstimateBytes();
            }
        }
        long growth = MemorySnapshot.take().nativeEstimateBytes() - start;
        System.out.printf("padding + instance norm, %d passes without workspaces: native growth %.1f MiB%n", PASSES,
                growth / 1048576.0);
        assertTrue(growth < ALLOWED_GROWTH_MIB << 20, String.format("native resident memory grew by %.1f MiB over %d"
                + " passes (allowed %d MiB): a layer leaves its temporaries to the collector", growth / 1048576.0,
                PASSES, ALLOWED_GROWTH_MIB));
    }
}
