package io.gan4j.srgan;

import io.gan4j.core.nn.KernelThreads;
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
 * slope gradient is summed in double and rounded once.
 */
final class PReluImpl extends BaseLayer<PRelu> {

    PReluImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private double[] slopes() {
        return getParamWithNoise(PRelu.ALPHA, false, null).reshape(layerConf().getNOut()).toDoubleVector();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = Planes.contiguous(input);
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
        double[] alpha = slopes();
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
        Planes.release(x, input);
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = Planes.contiguous(input);
        INDArray g = Planes.contiguous(epsilon);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(),
                'c');
        double[] alpha = slopes();
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
        Planes.release(x, input);
        Planes.release(g, epsilon);
        INDArray view = gradientViews.get(PRelu.ALPHA);
        for (int c = 0; c < channels; c++) {
            view.putScalar(c, slopeGrad[c]);
        }
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(PRelu.ALPHA, view);
        return new Pair<>(gradient, dx);
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
