// Least-of-N timings of the sixth round's element-wise kernels (benchmarks/RESULTS.md, "Sixth round"): leaky ReLU's
// gradient, PReLU forward and backward on [32,32,28,28] and [16,64,64,64] floats, at KernelThreads 1 and 2. Run against
// a built jar (the old one: git worktree at 5db0338, mvn package):
//   java -cp experiments/target/gan4j.jar benchmarks/ActBench.java
import io.gan4j.core.nn.KernelThreads;
import io.gan4j.core.nn.LeakyReluActivation;
import io.gan4j.srgan.PRelu;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.*;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Least of N calls: leaky ReLU backprop, PReLU forward and backward, on [32,32,28,28] and [16,64,64,64] floats. */
public class ActBench {
    static final int CALLS = Integer.getInteger("calls", 50);

    interface Call { void run(); }

    static double least(Runnable setup, Call call) {
        for (int i = 0; i < 20; i++) { setup.run(); call.run(); }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < CALLS; i++) {
            setup.run();
            long t = System.nanoTime();
            call.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best / 1e6;
    }

    public static void main(String[] args) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        WorkspaceConfiguration wc = WorkspaceConfiguration.builder().policyAllocation(AllocationPolicy.OVERALLOCATE)
                .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
                .policySpill(SpillPolicy.REALLOCATE).initialSize(0).build();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder().with(ArrayType.ACTIVATIONS, "benchA", wc)
                .with(ArrayType.ACTIVATION_GRAD, "benchG", wc).noWorkspaceFor(ArrayType.INPUT).build();
        long[][] shapes = {{32, 32, 28, 28}, {16, 64, 64, 64}};
        for (long[] s : shapes) {
            INDArray x0 = Nd4j.randn(DataType.FLOAT, s);
            INDArray g = Nd4j.randn(DataType.FLOAT, s);
            INDArray x = x0.dup();
            LeakyReluActivation leaky = new LeakyReluActivation(0.2);
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                    .list().layer(new PRelu(0.25)).setInputType(InputType.convolutional(s[2], s[3], s[1])).build());
            net.init();
            net.initGradientsView();
            Layer prelu = net.getLayer(0);
            prelu.setInput(x0, LayerWorkspaceMgr.noWorkspaces());
            for (int threads : new int[] {1, 2}) {
                KernelThreads.set(threads);
                double lr = least(() -> x.assign(x0), () -> leaky.backprop(x, g));
                double fw = least(() -> { }, () -> {
                    try (MemoryWorkspace ws = mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
                        prelu.activate(true, mgr);
                    }
                });
                double bw = least(() -> { }, () -> {
                    try (MemoryWorkspace ws = mgr.notifyScopeEntered(ArrayType.ACTIVATION_GRAD)) {
                        prelu.backpropGradient(g, mgr);
                    }
                });
                System.out.printf("%s floats %,d, %d thread(s): leaky ReLU backprop %.3f ms, PReLU forward %.3f ms, "
                        + "PReLU backward %.3f ms (least of %d)%n", java.util.Arrays.toString(s), x0.length(), threads,
                        lr, fw, bw, CALLS);
            }
        }
    }
}
