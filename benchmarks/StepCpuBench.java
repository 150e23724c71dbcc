// Main-thread CPU time per training step of a config (the shared machine's wall times are noise; at train.threads=1
// the main thread does all of the step's arithmetic). Run with the launcher's environment, e.g.:
//   OMP_WAIT_POLICY=PASSIVE OPENBLAS_CORETYPE=SKYLAKEX LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 \
//   java -Dorg.eclipse.deeplearning4j.helpers.disable=false -Dorg.bytedeco.javacpp.maxphysicalbytes=0 \
//     -cp experiments/target/gan4j.jar benchmarks/StepCpuBench.java \
//     experiments/configs/infogan-mnist.json 15 30 train.threads=1        (CONFIG WARMUP STEPS [OVERRIDES...])
// With -Dtrace=5 (before -cp) it also prints every fifth warm-up step's time.
import io.gan4j.core.api.*;
import io.gan4j.core.config.*;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.train.*;
import io.gan4j.core.data.*;
import java.lang.management.*;
import java.nio.file.Path;
import java.util.*;
import java.util.function.LongFunction;
public class StepCpuBench {
  public static void main(String[] a) throws Exception {
    var reg = io.gan4j.core.api.VariantRegistry.discover();
    LoadedConfig loaded = new ConfigLoader(reg).load(Path.of(a[0]), List.of(a).subList(3, a.length));
    CpuThreads.apply(loaded.config().train().threads());
    ExperimentRunner runner = new ExperimentRunner(reg);
    ArrayDataset data = runner.checkData(loaded);
    DataSpec spec = loaded.config().data().spec(data);
    GanModel model = runner.newModel(loaded, spec);
    Seeds seeds = new Seeds(loaded.config().seed());
    LongFunction<Batch> batches = loaded.config().data().batches(data, loaded.config().train().batchSize(),
        seeds.of(ExperimentRunner.SHUFFLE), loaded.config().train().precision().dataType());
    long noise = seeds.of(Seeds.NOISE);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    int warm = Integer.parseInt(a[1]), steps = Integer.parseInt(a[2]);
    PhaseTimer timer = new PhaseTimer();
    long s = 0;
    // -Dtrace=K prints every K-th warm-up step's wall time and the process's age: how long the JIT takes to reach
    // the steady step (benchmarks/RESULTS.md, seventh round).
    int trace = Integer.getInteger("trace", 0);
    long born = ManagementFactory.getRuntimeMXBean().getStartTime();
    for (int i = 0; i < warm; i++) {
      long q = System.nanoTime();
      step(model, batches, timer, noise, ++s);
      if (trace > 0 && (i + 1) % trace == 0) {
        System.out.printf(Locale.ROOT, "warm-up step %d at %.1f s: %.1f ms%n", i + 1,
            (System.currentTimeMillis() - born) / 1e3, (System.nanoTime() - q) / 1e6);
      }
    }
    var mx = ManagementFactory.getThreadMXBean();
    long c0 = os.getProcessCpuTime(), w0 = System.nanoTime(), t0 = mx.getCurrentThreadCpuTime();
    for (int i = 0; i < steps; i++) step(model, batches, timer, noise, ++s);
    long c1 = os.getProcessCpuTime(), w1 = System.nanoTime(), t1 = mx.getCurrentThreadCpuTime();
    System.out.printf(Locale.ROOT, "main %.1f  cpu %.1f ms/step  wall %.1f ms/step%n", (t1 - t0) / 1e6 / steps,
        (c1 - c0) / 1e6 / steps, (w1 - w0) / 1e6 / steps);
  }
  static void step(GanModel model, LongFunction<Batch> batches, PhaseTimer timer, long noise, long step) {
    Batch b = Trainer.batchFor(model, batches, step);
    try { model.trainStep(b, new StepContext(step, StepRandom.forStep(noise, step), timer)); } finally { b.close(); }
  }
}
