// Times libnd4j's convolution ops alone, as gan4j's layers call them, with the oneDNN helper and with libnd4j's own
// (im2col/col2im + OpenBLAS GEMM) path: median CPU time of the calling thread over 8 calls after 2, outputs reused.
// Spec per argument: "NAME c|d CIN COUT SIZE KERNEL STRIDE PADDING [BATCH]" (c = conv2d, d = deconv2d).
// Run with one thread, e.g. (benchmarks/RESULTS.md, fifth round, pix2pix-256):
//   LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 OMP_NUM_THREADS=1 OPENBLAS_CORETYPE=SKYLAKEX \
//   java -Dorg.eclipse.deeplearning4j.helpers.disable=false -cp experiments/target/gan4j.jar \
//     benchmarks/ConvOpBench.java "e5 c 512 512 16 4 2 1" "d3 d 1024 512 4 4 2 1"
// -Dwall=true times wall clock instead. The twin's layers: benchmarks/conv_layer_twin.py.
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import java.util.*;

/** Raw libnd4j conv ops, oneDNN helper vs libnd4j's generic path, reused outputs. */
public class ConvOpBench {
    static final java.lang.management.ThreadMXBean TM = java.lang.management.ManagementFactory.getThreadMXBean();
    static long cpu() { return Boolean.getBoolean("wall") ? System.nanoTime() : TM.getCurrentThreadCpuTime(); }
    static double time(String op, INDArray[] in, INDArray[] out, long[] iargs, boolean helpers, int reps) {
        long[] t = new long[reps];
        for (int r = -2; r < reps; r++) {
            long t0 = cpu();
            OpContext ctx = Nd4j.getExecutioner().buildContext();
            ctx.setInputArrays(in); ctx.setOutputArrays(out); ctx.setIArguments(iargs); ctx.allowHelpers(helpers);
            Nd4j.getExecutioner().exec(DynamicCustomOp.builder(op).build(), ctx);
            if (r >= 0) t[r] = cpu() - t0;
            try { ctx.close(); } catch (Exception e) { }
        }
        Arrays.sort(t);
        return t[reps / 2] / 1e6;
    }
    public static void main(String[] a) {
        int reps = Integer.getInteger("reps", 8);
        for (String spec : a) {
            String[] f = spec.split(" ");
            boolean de = f[1].equals("d");
            int cin = Integer.parseInt(f[2]), cout = Integer.parseInt(f[3]), h = Integer.parseInt(f[4]);
            int k = Integer.parseInt(f[5]), s = Integer.parseInt(f[6]), p = Integer.parseInt(f[7]);
            int nb = f.length > 8 ? Integer.parseInt(f[8]) : 1;
            int oh = de ? (h - 1) * s + k - 2 * p : (h + 2 * p - k) / s + 1;
            INDArray x = Nd4j.randn(DataType.FLOAT, nb, cin, h, h);
            // conv weights [oC, iC, kH, kW] (wFormat 1); deconv weights [kH, kW, oC, iC] (DL4J's deconv permute of [iC, oC, kH, kW])
            INDArray w = de ? Nd4j.randn(DataType.FLOAT, cin, cout, k, k).permute(2, 3, 1, 0) : Nd4j.randn(DataType.FLOAT, cout, cin, k, k);
            INDArray b = Nd4j.randn(DataType.FLOAT, cout);
            INDArray y = Nd4j.create(DataType.FLOAT, nb, cout, oh, oh), go = Nd4j.randn(DataType.FLOAT, nb, cout, oh, oh);
            INDArray gi = Nd4j.create(DataType.FLOAT, nb, cin, h, h), gb = Nd4j.create(DataType.FLOAT, cout);
            INDArray gw = de ? Nd4j.create(DataType.FLOAT, cin, cout, k, k).permute(2, 3, 1, 0) : Nd4j.create(DataType.FLOAT, cout, cin, k, k);
            long[] ia = de ? new long[]{k, k, s, s, p, p, 1, 1, 0, 0} : new long[]{k, k, s, s, p, p, 1, 1, 0, 0, 1};
            String fop = de ? "deconv2d" : "conv2d", bop = de ? "deconv2d_bp" : "conv2d_bp";
            double fo = time(fop, new INDArray[]{x, w, b}, new INDArray[]{y}, ia, true, reps);
            double fg = time(fop, new INDArray[]{x, w, b}, new INDArray[]{y}, ia, false, reps);
            double bo = time(bop, new INDArray[]{x, w, b, go}, new INDArray[]{gi, gw, gb}, ia, true, reps);
            double bg = time(bop, new INDArray[]{x, w, b, go}, new INDArray[]{gi, gw, gb}, ia, false, reps);
            System.out.printf("%-4s fwd onednn %7.2f generic %7.2f | bwd onednn %7.2f generic %7.2f%n", f[0], fo, fg, bo, bg);
        }
    }
}
