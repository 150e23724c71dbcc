// A/B of the MNIST MLP passes of vanilla/cgan/wgan-clip-mnist, one thread: per call, least and 10th-percentile wall
// time of 400 calls (on a machine shared with other jobs a ~1 ms call often runs undisturbed, so the least is stable):
//   java -cp experiments/target/gan4j.jar benchmarks/MlpPassBench.java   (and the same with an older jar)
// with the launcher's environment: OMP_WAIT_POLICY=PASSIVE OPENBLAS_CORETYPE=SKYLAKEX (on AMD with AVX-512) and
// LD_PRELOAD=libtcmalloc_minimal.so.4, -Dorg.bytedeco.javacpp.maxphysicalbytes=0.
import io.gan4j.core.nn.*;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import io.gan4j.core.api.Batch;
import io.gan4j.core.loss.AdversarialLossType;
import java.util.List;
public class MlpPassBench {
  static String best(Runnable r) { for (int i = 0; i < 50; i++) r.run(); double[] v = new double[400]; for (int t = 0; t < v.length; t++) { long t0 = System.nanoTime(); r.run(); v[t] = (System.nanoTime()-t0)/1e3;} java.util.Arrays.sort(v); return String.format("%.0f/%.0f", v[0], v[v.length/10]); }
  public static void main(String[] a) throws Exception {
    io.gan4j.core.train.CpuThreads.apply(Integer.parseInt(a.length > 0 ? a[0] : "1"));
    Net g = Mlp.build(MlpConfig.kerasGenerator(), 100, 784, OptimizerConfig.Adam.of(1e-4, 0.5), 1, DataType.FLOAT);
    MlpConfig cm = new MlpConfig(List.of(512, 256), ActivationName.LEAKY_RELU, 0.2, false, 0.8, 1e-3, 0, ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
    Net critic = Mlp.build(cm, 784, 1, new OptimizerConfig.RmsProp(5e-5, 0.9, 1e-8), 1, DataType.FLOAT);
    Net g2 = Mlp.build(MlpConfig.kerasGenerator(), 100, 784, new OptimizerConfig.RmsProp(5e-5, 0.9, 1e-8), 1, DataType.FLOAT);
    INDArray z = Nd4j.randn(DataType.FLOAT, 64, 100), both = Nd4j.rand(DataType.FLOAT, 128, 784), eps = Nd4j.rand(DataType.FLOAT, 128, 1), dfake = Nd4j.rand(DataType.FLOAT, 64, 784);
    Runnable gf = () -> g.forward(z).close();
    Runnable gfb = () -> { g.forward(z).close(); g.backwardParameters(dfake); g.discardGradient(); };
    Runnable cfb = () -> { critic.forward(both).close(); critic.backwardParameters(eps); critic.discardGradient(); };
    Runnable cfi = () -> { critic.forward(both).close(); critic.backwardInput(eps).close(); };
    Runnable cstep = () -> { critic.forward(both).close(); critic.backwardParameters(eps); critic.step(); };
    Runnable clip = () -> critic.clipLearnedParameters(0.01);
    Runnable gstep = () -> { g2.forward(z).close(); g2.backwardParameters(dfake); g2.step(); };
    Runnable codes = () -> io.gan4j.core.api.LatentDistribution.NORMAL.sample(new io.gan4j.core.api.StepRandom(1), DataType.FLOAT, 64, 100).close();
    for (int round = 0; round < 2; round++)
      System.out.printf("critic fwd+bwd+RMSprop step %s us, clip %s us, G fwd+bwd+RMSprop %s us, codes %s us%n", best(cstep), best(clip), best(gstep), best(codes));
    for (int round = 0; round < 2; round++)
      System.out.printf("G fwd %s us, G fwd+bwd %s us, critic fwd+bwd(params) %s us, critic fwd+bwd(input) %s us%n", best(gf), best(gfb), best(cfb), best(cfi));
    var loss = AdversarialLossType.WASSERSTEIN.create();
    INDArray real = Nd4j.rand(DataType.FLOAT, 64, 784), fake = Nd4j.rand(DataType.FLOAT, 64, 784);
    List<Batch> five = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) five.add(Batch.of(Nd4j.rand(DataType.FLOAT, 64, 1, 28, 28)));
    Runnable d = () -> { AdversarialUpdates.discriminatorStep(critic, real, fake, loss); critic.clipLearnedParameters(0.01); };
    Runnable bc = () -> Batch.concat(five).x().close();
    for (int round = 0; round < 2; round++)
      System.out.printf("critic update (discriminatorStep + clip) %s us, Batch.concat of 5 %s us%n", best(d), best(bc));
  }
}
