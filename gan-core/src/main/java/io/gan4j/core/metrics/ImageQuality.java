package io.gan4j.core.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Locale;

/**
 * Full-reference image quality of generated images against their targets (for paired translation such as
 * pix2pix): PSNR and SSIM, each the mean over the image pairs.
 *
 * <p><em>PSNR</em> of one pair is {@code 10 log10(R² / MSE)}, R the width of the data range and MSE the mean squared
 * difference over all channels and pixels; it is +∞ for identical images, so the mean is +∞ as soon as one pair is
 * identical.
 *
 * <p><em>SSIM</em> follows Wang et al. 2004 ("Image Quality Assessment: From Error Visibility to Structural
 * Similarity"): local means, variances and covariance under an 11x11 Gaussian window with σ = 1.5 (normalized to
 * sum 1), {@code C1 = (0.01 R)²}, {@code C2 = (0.03 R)²},
 * <pre>  SSIM = (2 μx μy + C1)(2 σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2))</pre>
 * evaluated at every position where the window lies fully inside the image (no padding), averaged over positions,
 * then over channels. The paper's reference code also downsamples large images first; this does not, like most
 * library implementations, which matters little at the small sizes used here.
 *
 * <p>The data range is given by both ends, not only its width: the luminance term compares means as intensities,
 * which the formula assumes to be non-negative, so values are measured from {@code low} (as if the images were in
 * {@code [0, R]}). Computed directly on images in [-1, 1], an image and its negative would have opposite local means
 * and their luminance and structure terms, both near −1, would multiply to an SSIM near +1. Measured from
 * {@code low}, both metrics are unchanged by any affine rescaling of the images together with their range. Values
 * outside the range are used as they are, not clipped.
 *
 * @param psnr     mean PSNR over the pairs in dB, in (−∞, +∞]; +∞ if any pair is identical
 * @param ssim     mean SSIM over the pairs, in [−1, 1]; 1 for identical images
 * @param images   number of image pairs N
 * @param channels channels C
 * @param height   image height H, at least {@value #WINDOW}
 * @param width    image width W, at least {@value #WINDOW}
 * @param low      lower end of the data range (−1 for tanh outputs)
 * @param high     upper end of the data range (1 for tanh outputs)
 */
public record ImageQuality(double psnr, double ssim, int images, int channels, int height, int width, double low,
                           double high) {

    /** Side of the SSIM window. */
    public static final int WINDOW = 11;

    /** Standard deviation of the SSIM window's Gaussian weights, in pixels. */
    public static final double SIGMA = 1.5;

    /** SSIM's luminance stabilizer is {@code (K1 R)²}. */
    public static final double K1 = 0.01;

    /** SSIM's contrast stabilizer is {@code (K2 R)²}. */
    public static final double K2 = 0.03;

    private static final double[] WEIGHTS = gaussianWindow();

    /**
     * Compares generated images with their targets.
     *
     * @param images     {@code [N, C, H, W]} generated images, any floating-point type, H and W at least 11
     * @param references {@code [N, C, H, W]} targets, same shape
     * @param low        lower end of the data range, for example −1 for images in [−1, 1] or 0 for [0, 1]
     * @param high       upper end, greater than {@code low}; the range's width R = high − low (2 for [−1, 1])
     */
    public static ImageQuality of(INDArray images, INDArray references, double low, double high) {
        if (!(high > low) || Double.isInfinite(high - low)) {
            throw new IllegalArgumentException("need finite low < high, got [" + low + ", " + high + "]");
        }
        if (images.rank() != 4 || !Arrays.equals(images.shape(), references.shape())) {
            throw new IllegalArgumentException("images and references must both be [N, C, H, W], got "
                    + Arrays.toString(images.shape()) + " and " + Arrays.toString(references.shape()));
        }
        long[] shape = images.shape();
        if (shape[0] < 1 || shape[1] < 1 || shape[2] < WINDOW || shape[3] < WINDOW) {
            throw new IllegalArgumentException("need at least one image of at least " + WINDOW + "x" + WINDOW
                    + " pixels, got " + Arrays.toString(shape));
        }
        if (images.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many values in one batch: " + Arrays.toString(shape));
        }
        int n = (int) shape[0];
        int c = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        double[] x = values(images, "images");
        double[] y = values(references, "references");
        double range = high - low;
        int plane = h * w;
        double psnrSum = 0;
        double ssimSum = 0;
        for (int i = 0; i < n; i++) {
            double squares = 0;
            for (int k = i * c * plane; k < (i + 1) * c * plane; k++) {
                double d = x[k] - y[k];
                squares += d * d;
            }
            double mse = squares / ((double) c * plane);
            psnrSum += mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(range * range / mse);
            double channelSum = 0;
            for (int ch = 0; ch < c; ch++) {
                channelSum += ssim(x, y, (i * c + ch) * plane, h, w, low, range);
            }
            ssimSum += channelSum / c;
        }
        return new ImageQuality(psnrSum / n, ssimSum / n, n, c, h, w, low, high);
    }

    /** The width R = high − low of the data range. */
    public double dataRange() {
        return high - low;
    }

    private static double[] values(INDArray a, String name) {
        double[] v = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (double d : v) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(name + " contain NaN or infinite values");
            }
        }
        return v;
    }

    /** Mean SSIM over the valid windows of one channel plane starting at {@code offset}. */
    private static double ssim(double[] x, double[] y, int offset, int h, int w, double low, double range) {
        int plane = h * w;
        double[] a = new double[plane];
        double[] b = new double[plane];
        double[] aa = new double[plane];
        double[] bb = new double[plane];
        double[] ab = new double[plane];
        for (int k = 0; k < plane; k++) {
            a[k] = x[offset + k] - low;
            b[k] = y[offset + k] - low;
            aa[k] = a[k] * a[k];
            bb[k] = b[k] * b[k];
            ab[k] = a[k] * b[k];
        }
        double[] muA = filter(a, h, w);
        double[] muB = filter(b, h, w);
        double[] eAA = filter(aa, h, w);
        double[] eBB = filter(bb, h, w);
        double[] eAB = filter(ab, h, w);
        double c1 = (K1 * range) * (K1 * range);
        double c2 = (K2 * range) * (K2 * range);
        double sum = 0;
        for (int k = 0; k < muA.length; k++) {
            double ma = muA[k];
            double mb = muB[k];
            double varA = eAA[k] - ma * ma;
            double varB = eBB[k] - mb * mb;
            double cov = eAB[k] - ma * mb;
            sum += (2 * ma * mb + c1) * (2 * cov + c2) / ((ma * ma + mb * mb + c1) * (varA + varB + c2));
        }
        return sum / muA.length;
    }

    /**
     * Gaussian-weighted window sums at every valid position, as the separable product of a horizontal and a
     * vertical pass: {@code (h − 10) x (w − 10)} values, row-major.
     */
    private static double[] filter(double[] src, int h, int w) {
        int ow = w - WINDOW + 1;
        int oh = h - WINDOW + 1;
        double[] rows = new double[h * ow];
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < ow; col++) {
                double s = 0;
                int base = r * w + col;
                for (int t = 0; t < WINDOW; t++) {
                    s += WEIGHTS[t] * src[base + t];
                }
                rows[r * ow + col] = s;
            }
        }
        double[] out = new double[oh * ow];
        for (int r = 0; r < oh; r++) {
            for (int col = 0; col < ow; col++) {
                double s = 0;
                for (int t = 0; t < WINDOW; t++) {
                    s += WEIGHTS[t] * rows[(r + t) * ow + col];
                }
                out[r * ow + col] = s;
            }
        }
        return out;
    }

    /** One axis of the window; the outer product of two sums to 1 as MATLAB's fspecial('gaussian', 11, 1.5). */
    private static double[] gaussianWindow() {
        double[] g = new double[WINDOW];
        double sum = 0;
        int center = WINDOW / 2;
        for (int i = 0; i < WINDOW; i++) {
            g[i] = Math.exp(-(i - center) * (i - center) / (2 * SIGMA * SIGMA));
            sum += g[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            g[i] /= sum;
        }
        return g;
    }

    /** E.g. {@code PSNR 23.41 dB, SSIM 0.8123 (64 images 3x64x64, range [-1.0, 1.0])}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PSNR %.2f dB, SSIM %.4f (%d images %dx%dx%d, range [%s, %s])", psnr, ssim,
                images, channels, height, width, low, high);
    }
}
