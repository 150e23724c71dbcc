// A/B of one MNIST WGAN critic update in main-thread CPU time (the shared machine's load makes wall times noise):
//   java -cp experiments/target/gan4j.jar benchmarks/CriticBench.java   (and the same with an older jar)
// Net.backwardParameters is looked up by reflection so that this file also compiles against jars without it.
import io.gan4j.core.nn.*;
import io.gan4j.wgan.GradientPenalty;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import java.lang.management.*;
import java.util.List;
public class CriticBench {
  static ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  public static void main(String[] a) throws Exception {
    io.gan4j.core.train.CpuThreads.apply(1);
    MlpConfig mlp = new MlpConfig(List.of(512, 256), ActivationName.LEAKY_RELU, 0.2, false, 0.8, 1e-3, 0, ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
    Net critic = Mlp.build(mlp, 784, 1, OptimizerConfig.Adam.of(1e-4, 0.5), 1, DataType.FLOAT);
    INDArray real = Nd4j.rand(DataType.FLOAT, 64, 784), fake = Nd4j.rand(DataType.FLOAT, 64, 784), x = Nd4j.rand(DataType.FLOAT, 64, 784);
    INDArray both = Nd4j.concat(0, real, fake);
    INDArray eps = Nd4j.rand(DataType.FLOAT, 128, 1);
    GradientPenalty gp = new GradientPenalty(10);
    java.lang.reflect.Method m0 = null;
    try { m0 = Net.class.getMethod("backwardParameters", INDArray[].class); } catch (NoSuchMethodException e) { }
    final java.lang.reflect.Method m = m0; final boolean bp = m != null;
    Runnable wass = () -> { critic.forward(both); if (bp) { try { m.invoke(critic, (Object) new INDArray[]{eps}); } catch (Exception e) { throw new RuntimeException(e); } } else AdversarialUpdates.closeAll(critic.backward(eps)); critic.discardGradient(); };
    Runnable pen = () -> { gp.backward(critic, real, fake, x); critic.discardGradient(); };
    for (int round = 0; round < 3; round++) {
      for (Object[] c : new Object[][]{{"wasserstein fwd+bwd [128]", wass}, {"GP critic update (no step)", pen}}) {
        Runnable r = (Runnable) c[1];
        for (int i = 0; i < 20; i++) r.run();
        long c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < 100; i++) r.run();
        long c1 = mx.getCurrentThreadCpuTime();
        System.out.printf("%s %s: %.2f ms cpu%n", bp ? "after " : "before", c[0], (c1 - c0) / 100e6);
      }
    }
  }
}
