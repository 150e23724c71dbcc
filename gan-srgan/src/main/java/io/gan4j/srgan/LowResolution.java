package io.gan4j.srgan;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Recovers the low-resolution image SRGAN's generator starts from out of a pair's input. gan-core's {@code superres}
 * pair task ({@code PairTask.SUPERRES}) makes the input x from the target y by block means over f × f pixels (the
 * low-resolution image s, {@code [C, H/f, W/f]}) and bilinear up-sampling back to full size: {@code x = U_H·s·U_Wᵀ}
 * per channel ({@link Resampling#bilinearUp}). U has full column rank, so its left inverse P gives s back exactly:
 * {@code s = P_H·x·P_Wᵀ} — up to float rounding (about 1e-6) on derived pairs, and up to the 8-bit rounding of the
 * stored input for image files.
 *
 * <p>Average pooling of x, the obvious shortcut, is not s: averaging the bilinear weights of a block's f pixels gives
 * {@code avgpool(x) = s ⊛ [1/8, 3/4, 1/8]} per axis inside the image for f = 4 (and {@code [7/8, 1/8]} at the
 * borders), a blurred s. {@code LowResolutionTest} measures the gap on Fashion-MNIST.
 *
 * <p>{@link #residual} checks that an input is such an up-sampling at all: the RMS of
 * {@code x − U·(P·x)·Uᵀ}, ~1e-7 for the superres task and about 0.3 for the other tasks' inputs.
 */
final class LowResolution {
    /** RMS residual (images in [-1, 1]) above which an input is not a bilinear up-sampling by the factor. */
    static final double MAX_RESIDUAL = 0.02;

    private final int factor;
    private final double[][] upRows;
    private final double[][] upCols;
    private final double[][] invRows;
    private final double[][] invCols;

    /**
     * @param height H of the full-size input, a multiple of {@code factor}
     * @param width  W of the full-size input, a multiple of {@code factor}
     */
    LowResolution(long height, long width, int factor) {
        if (height % factor != 0 || width % factor != 0) {
            throw new IllegalArgumentException(height + "x" + width + " is not a multiple of the factor " + factor);
        }
        this.factor = factor;
        this.upRows = Resampling.bilinearUp((int) height / factor, factor);
        this.upCols = Resampling.bilinearUp((int) width / factor, factor);
        this.invRows = Resampling.leftInverse(upRows);
        this.invCols = Resampling.leftInverse(upCols);
    }

    int factor() {
        return factor;
    }

    /**
     * @param input {@code [N, C, H, W]}: bilinear up-samplings of block means, in [-1, 1]
     * @return the block means {@code [N, C, H/f, W/f]}, a new array of {@code type}
     */
    INDArray of(INDArray input, DataType type) {
        return Resampling.apply(input, invRows, invCols, type);
    }

    /** The bilinear up-sampling of a low-resolution batch, as the superres task makes its inputs. */
    INDArray upsample(INDArray lowRes, DataType type) {
        return Resampling.apply(lowRes, upRows, upCols, type);
    }

    /** RMS of {@code input − upsample(of(input))}: ~0 when the input is a bilinear up-sampling by the factor. */
    double residual(INDArray input) {
        INDArray lr = of(input, DataType.DOUBLE);
        INDArray back = upsample(lr, DataType.DOUBLE);
        INDArray diff = back.subi(input.castTo(DataType.DOUBLE));
        double rms = Math.sqrt(Transforms.pow(diff, 2, false).meanNumber().doubleValue());
        lr.close();
        diff.close();
        return rms;
    }
}
