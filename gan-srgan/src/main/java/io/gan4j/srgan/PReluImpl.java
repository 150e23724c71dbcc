package io.gan4j.srgan;

import io.gan4j.core.nn.KernelThreads;
import io.gan4j.core.nn.SlopeFactor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward and backward pass of {@link PRelu}, plane by plane ({@link Planes}), channels split over threads
 * ({@link KernelThreads#forRanges}). With g = dL/dy:
 * <pre>
 *   y    = x            where x &gt; 0, else α_c·x
 *   dL/dx = g           where x &gt; 0, else α_c·g
 *   dL/dα_c = Σ_{n,h,w, x ≤ 0} g·x
 * </pre>
 * (PyTorch's {@code prelu} and its backward). y and dL/dx are one rounded product each, the float op's result; the
 * slope gradient is summed in double and rounded once. Float arrays with float slopes (the common case) take float
 * kernels without conditionals, which C2 vectorises ({@link SlopeFactor}; same bits as the double path for y and
 * dL/dx, and dL/dα_c summed in a different order, {@link #slopeSum}); others are widened to double.
 */
final class PReluImpl extends BaseLayer<PRelu> {

    PReluImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private double[] slopes() {
        return getParamWithNoise(PRelu.ALPHA, false, null).reshape(layerConf().getNOut()).toDoubleVector();
    }

    /**
     * Whether the float kernels apply: float activations and float slopes, so that {@code (float) α_c} is the slope
     * exactly and one float product is what the double path rounds to.
     */
    private boolean floats(INDArray... arrays) {
        if (getParam(PRelu.ALPHA).dataType() != DataType.FLOAT) {
            return false;
        }
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT) {
                return false;
            }
        }
        return true;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = Planes.contiguous(input);
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
        double[] alpha = slopes();
        if (floats(x, y)) {
            forwardFloats(x, y, alpha);
        } else {
            forwardDoubles(x, y, alpha);
        }
        Planes.release(x, input);
        return y;
    }

    /**
     * y = x where x &gt; 0, else the float product α_c·x, as {@code SlopeFactor.of(x, −α_c)·x}: no conditional, so
     * C2 vectorises it, and the same bits as the conditional for every x and finite α_c, signed zeros and negative
     * slopes included ({@link SlopeFactor}).
     */
    private void forwardFloats(INDArray x, INDArray y, double[] alpha) {
        int size = planeSize();
        long examples = input.size(0);
        KernelThreads.forRanges(alpha.length, x.length(), (from, to) -> {
            Planes in = Planes.of(x);
            Planes out = Planes.of(y);
            float[] v = new float[size];
            for (int c = from; c < to; c++) {
                float negated = -(float) alpha[c];
                for (long n = 0; n < examples; n++) {
                    long at = (n * alpha.length + c) * size;
                    in.read(at, v, size);
                    for (int i = 0; i < size; i++) {
                        v[i] = SlopeFactor.of(v[i], negated) * v[i];
                    }
                    out.write(at, v, size);
                }
            }
        });
    }

    /** The forward pass in double, rounded once to the array's type (double arrays, or float ones with double α). */
    private void forwardDoubles(INDArray x, INDArray y, double[] alpha) {
        int size = planeSize();
        long examples = input.size(0);
        KernelThreads.forRanges(alpha.length, x.length(), (from, to) -> {
            Planes in = Planes.of(x);
            Planes out = Planes.of(y);
            double[] v = new double[size];
            for (int c = from; c < to; c++) {
                double a = alpha[c];
                for (long n = 0; n < examples; n++) {
                    long at = (n * alpha.length + c) * size;
                    in.read(at, v, size);
                    for (int i = 0; i < size; i++) {
                        v[i] = v[i] > 0 ? v[i] : a * v[i];
                    }
                    out.write(at, v, size);
                }
            }
        });
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = Planes.contiguous(input);
        INDArray g = Planes.contiguous(epsilon);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(),
                'c');
        double[] alpha = slopes();
        double[] slopeGrad = floats(x, g, dx) ? backwardFloats(x, g, dx, alpha) : backwardDoubles(x, g, dx, alpha);
        Planes.release(x, input);
        Planes.release(g, epsilon);
        INDArray view = gradientViews.get(PRelu.ALPHA);
        for (int c = 0; c < slopeGrad.length; c++) {
            view.putScalar(c, slopeGrad[c]);
        }
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(PRelu.ALPHA, view);
        return new Pair<>(gradient, dx);
    }

    /**
     * dL/dx into {@code dx}, {@code SlopeFactor.of(x, −α_c)·g} (g where x &gt; 0, else the float product α_c·g, bit
     * for bit, see {@link SlopeFactor}), and returns dL/dα_c, each plane's {@link #slopeSum} added in turn.
     */
    private double[] backwardFloats(INDArray x, INDArray g, INDArray dx, double[] alpha) {
        int channels = alpha.length;
        double[] slopeGrad = new double[channels];
        int size = planeSize();
        long examples = input.size(0);
        KernelThreads.forRanges(channels, 3 * x.length(), (from, to) -> {
            Planes xs = Planes.of(x);
            Planes gs = Planes.of(g);
            Planes out = Planes.of(dx);
            float[] xv = new float[size];
            float[] gv = new float[size];
            for (int c = from; c < to; c++) {
                float negated = -(float) alpha[c];
                for (long n = 0; n < examples; n++) {
                    long at = (n * channels + c) * size;
                    xs.read(at, xv, size);
                    gs.read(at, gv, size);
                    slopeGrad[c] += slopeSum(xv, gv, size);
                    for (int i = 0; i < size; i++) {
                        gv[i] = SlopeFactor.of(xv[i], negated) * gv[i];
                    }
                    out.write(at, gv, size);
                }
            }
        });
        return slopeGrad;
    }

    /**
     * Σ_{i, x ≤ 0} g·x over one plane, each product of two floats exact in double, as {@code g·min(x, 0)} (a zero
     * where x &gt; 0, for finite g), summed in double into four partial sums (elements i mod 4) added at the end
     * {@code (s0 + s1) + (s2 + s3)}: four independent addition chains instead of one. That order differs from the
     * double path's left-to-right sum, so the results can differ in double's last bits, which rounding to float
     * almost always hides.
     */
    static double slopeSum(float[] x, float[] g, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (double) g[i] * Math.min(x[i], 0f);
            s1 += (double) g[i + 1] * Math.min(x[i + 1], 0f);
            s2 += (double) g[i + 2] * Math.min(x[i + 2], 0f);
            s3 += (double) g[i + 3] * Math.min(x[i + 3], 0f);
        }
        for (; i < n; i++) {
            s0 += (double) g[i] * Math.min(x[i], 0f);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The backward pass in double (double arrays, or float ones with double α); returns dL/dα_c. */
    private double[] backwardDoubles(INDArray x, INDArray g, INDArray dx, double[] alpha) {
        int channels = alpha.length;
        double[] slopeGrad = new double[channels];
        int size = planeSize();
        long examples = input.size(0);
        KernelThreads.forRanges(channels, 3 * x.length(), (from, to) -> {
            Planes xs = Planes.of(x);
            Planes gs = Planes.of(g);
            Planes out = Planes.of(dx);
            double[] xv = new double[size];
            double[] gv = new double[size];
            for (int c = from; c < to; c++) {
                double a = alpha[c];
                for (long n = 0; n < examples; n++) {
                    long at = (n * channels + c) * size;
                    xs.read(at, xv, size);
                    gs.read(at, gv, size);
                    double sum = 0;
                    for (int i = 0; i < size; i++) {
                        boolean positive = xv[i] > 0;
                        sum += positive ? 0 : gv[i] * xv[i];
                        gv[i] = positive ? gv[i] : a * gv[i];
                    }
                    slopeGrad[c] += sum;
                    out.write(at, gv, size);
                }
            }
        });
        return slopeGrad;
    }

    /** H·W of the current input. */
    private int planeSize() {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("PReLU needs input [N, C, H, W], got " + input.shapeInfoToString());
        }
        return (int) (input.size(2) * input.size(3));
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }
}
