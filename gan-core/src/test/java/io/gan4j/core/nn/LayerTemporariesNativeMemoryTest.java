package io.gan4j.core.nn;

import io.gan4j.core.testing.NativeGrowth;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;


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
        NativeGrowth.assertBelow(NativeGrowth.overPasses(net, x, 0, PASSES), ALLOWED_GROWTH_MIB,
                "padding + instance norm, " + PASSES + " passes without workspaces",
                "a layer leaves its temporaries to the collector");
    }
}
