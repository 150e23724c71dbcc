package io.gan4j.core.nn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Leaky ReLU, {@code max(x, αx)} for α in [0, 1], with forward and backward passes on contiguous float arrays written
 * in Java ({@link FloatArrays}): libnd4j 1.0.0-M2.1's forward op is a scalar loop (about 5 ns per float) and its
 * derivative goes through a per-element {@code std::function}; together they took about 14% of a DCGAN step at batch
 * 128. Values are those of DL4J's and PyTorch's ops: the forward pass as in {@link FloatArrays#leakyReluInPlace}, the
 * gradient {@code g} where {@code x > 0} and {@code α·g} elsewhere (PyTorch's {@code leaky_relu_backward}). Other
 * arrays (double, strided) take DL4J's ops. A subclass of DL4J's class, so code that asks for its slope
 * ({@link DoubleBackprop}, {@link DenseStackPass}) treats it alike; networks saved with DL4J's class load unchanged.
 */
public class LeakyReluActivation extends ActivationLReLU {
    /** For JSON deserialisation of saved networks. */
    public LeakyReluActivation() {
        super();
    }

    /** @param alpha the slope α below 0, in [0, 1] */
    public LeakyReluActivation(double alpha) {
        super(alpha);
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (FloatArrays.applies(in) && getAlpha() >= 0 && getAlpha() <= 1) {
            return FloatArrays.leakyReluInPlace(in, getAlpha());
        }
        return super.getActivation(in, training);
    }

    /**
     * dL/dx into {@code in} (DL4J's contract: the pre-activation array may be overwritten), as DL4J's op does:
     * {@code x > 0 ? g : slope·g}, computed as {@code SlopeFactor.of(x, −slope)·g}, which C2 vectorises (the
     * conditional ran at 2-3 ns per float) and which gives the same bits for every x but NaN and any finite slope
     * ({@link SlopeFactor}: where x is NaN the result is NaN, not slope·g).
     */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        if (!FloatArrays.pairApplies(in, epsilon)) {
            return super.backprop(in, epsilon);
        }
        float negatedSlope = -(float) getAlpha();
        FloatArrays.inPlace(in, epsilon, "leaky ReLU gradient", (x, g, n) -> {
            for (int i = 0; i < n; i++) {
                x[i] = SlopeFactor.of(x[i], negatedSlope) * g[i];
            }
        });
        return new Pair<>(in, null);
    }

    @Override
    public String toString() {
        return "leakyrelu(a=" + getAlpha() + ")";
    }
}
