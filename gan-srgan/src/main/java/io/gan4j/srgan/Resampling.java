package io.gan4j.srgan;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Separable image resampling as matrices: a resize along one axis from {@code n} to {@code m} samples is an
 * {@code m × n} matrix R, and an image plane X is resized by {@code R_rows · X · R_colsᵀ}. The matrices here are the
 * ones SRGAN's data and baselines need:
 * <ul>
 *   <li>{@link #bilinearUp}: gan-core's {@code superres} pair task's up-sampling (bilinear, pixel centres aligned,
 *       source coordinate clamped to the image), so that {@link #leftInverse} of it recovers the block means that
 *       task started from;</li>
 *   <li>{@link #bicubicUp}: Keys' cubic convolution (Keys 1981) as PyTorch's
 *       {@code interpolate(mode="bicubic", align_corners=False)} computes it: source coordinate
 *       {@code (dst + 0.5)/f − 0.5}, not clamped, four taps at ⌊src⌋ − 1 … ⌊src⌋ + 2 whose indices are clamped to the
 *       image (edge replication).</li>
 * </ul>
 * Matrices are {@code double[m][n]}; images {@code [N, C, H, W]}.
 */
final class Resampling {
    private Resampling() {
    }

    /**
     * The up-sampling of gan-core's {@code PairTask.SUPERRES}: output pixel y reads the small image at
     * {@code s = clamp((y + 0.5)/f − 0.5, 0, n − 1)}, linearly between ⌊s⌋ and ⌊s⌋ + 1 (clamped).
     *
     * @return an {@code (n·f) × n} matrix
     */
    static double[][] bilinearUp(int n, int factor) {
        int m = n * factor;
        double[][] u = new double[m][n];
        for (int y = 0; y < m; y++) {
            double s = Math.max(0, Math.min(n - 1, (y + 0.5) / factor - 0.5));
            int y0 = (int) Math.floor(s);
            int y1 = Math.min(n - 1, y0 + 1);
            double t = s - y0;
            u[y][y0] += 1 - t;
            u[y][y1] += t;
        }
        return u;
    }

    /**
     * The mean over blocks of {@code factor} samples (a box filter with stride {@code factor}): what gan-core's
     * {@code superres} task does to the target before up-sampling it, and average pooling of the input.
     *
     * @return an {@code (n/f) × n} matrix
     */
    static double[][] boxDown(int n, int factor) {
        double[][] d = new double[n / factor][n];
        for (int i = 0; i < n / factor; i++) {
            for (int k = 0; k < factor; k++) {
                d[i][i * factor + k] = 1.0 / factor;
            }
        }
        return d;
    }

    /**
     * Keys' cubic convolution kernel with parameter {@code a}: {@code (a+2)|x|³ − (a+3)|x|² + 1} for |x| ≤ 1,
     * {@code a|x|³ − 5a|x|² + 8a|x| − 4a} for 1 &lt; |x| &lt; 2, else 0. a = −0.75 is PyTorch's and OpenCV's choice,
     * a = −0.5 PIL's and MATLAB's (the one Keys found third-order accurate).
     */
    static double cubic(double x, double a) {
        double d = Math.abs(x);
        if (d <= 1) {
            return ((a + 2) * d - (a + 3)) * d * d + 1;
        }
        if (d < 2) {
            return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
        }
        return 0;
    }

    /**
     * Bicubic up-sampling by {@code factor} as PyTorch does it (see the class comment).
     *
     * @return an {@code (n·f) × n} matrix whose rows sum to 1
     */
    static double[][] bicubicUp(int n, int factor, double a) {
        int m = n * factor;
        double[][] b = new double[m][n];
        for (int y = 0; y < m; y++) {
            double s = (y + 0.5) / factor - 0.5;
            int x0 = (int) Math.floor(s);
            double t = s - x0;
            for (int k = -1; k <= 2; k++) {
                int idx = Math.max(0, Math.min(n - 1, x0 + k));
                b[y][idx] += cubic(k - t, a);
            }
        }
        return b;
    }

    /**
     * The left inverse {@code (UᵀU)⁻¹Uᵀ} of a matrix of full column rank: for {@code x = U·s} it returns s exactly
     * (up to rounding), and for other x the least-squares s.
     *
     * @param u an {@code m × n} matrix, m ≥ n, of rank n
     * @return an {@code n × m} matrix
     */
    static double[][] leftInverse(double[][] u) {
        int m = u.length;
        int n = u[0].length;
        // Gauss-Jordan on [UᵀU | Uᵀ]: UᵀU is symmetric positive definite, so no pivoting is needed.
        double[][] a = new double[n][n + m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int r = 0; r < m; r++) {
                    s += u[r][i] * u[r][j];
                }
                a[i][j] = s;
            }
            for (int r = 0; r < m; r++) {
                a[i][n + r] = u[r][i];
            }
        }
        for (int p = 0; p < n; p++) {
            double pivot = a[p][p];
            if (!(Math.abs(pivot) > 1e-12)) {
                throw new IllegalArgumentException("matrix has no left inverse (rank below " + n + ")");
            }
            for (int j = 0; j < n + m; j++) {
                a[p][j] /= pivot;
            }
            for (int i = 0; i < n; i++) {
                if (i != p && a[i][p] != 0) {
                    double f = a[i][p];
                    for (int j = 0; j < n + m; j++) {
                        a[i][j] -= f * a[p][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, m);
        }
        return inv;
    }

    /**
     * {@code rows · X · colsᵀ} for every plane X of {@code images}.
     *
     * @param images {@code [N, C, H, W]}
     * @param rows   {@code H' × H}
     * @param cols   {@code W' × W}
     * @return a new {@code [N, C, H', W']} array of {@code type}
     */
    static INDArray apply(INDArray images, double[][] rows, double[][] cols, DataType type) {
        long[] s = images.shape();
        int h = (int) s[2];
        int w = (int) s[3];
        if (rows[0].length != h || cols[0].length != w) {
            throw new IllegalArgumentException("a " + rows[0].length + "x" + cols[0].length + " resampling for "
                    + h + "x" + w + " images");
        }
        int oh = rows.length;
        int ow = cols.length;
        int planes = (int) (s[0] * s[1]);
        INDArray copy = images.dup('c');
        double[] in = copy.data().asDouble();
        copy.close();
        double[] out = new double[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            plane(in, p * h * w, h, w, rows, cols, out, p * oh * ow);
        }
        return Nd4j.create(out, new long[] {s[0], s[1], oh, ow}, type);
    }

    /**
     * {@code rows · X · colsᵀ} for one row-major plane X of {@code h × w} values starting at {@code in[from]}, into
     * {@code out} from {@code to} ({@code rows.length × cols.length} values).
     */
    static void plane(double[] in, int from, int h, int w, double[][] rows, double[][] cols, double[] out, int to) {
        int oh = rows.length;
        int ow = cols.length;
        double[] tmp = new double[h * ow];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < ow; x++) {
                double acc = 0;
                for (int k = 0; k < w; k++) {
                    acc += in[from + y * w + k] * cols[x][k];
                }
                tmp[y * ow + x] = acc;
            }
        }
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double acc = 0;
                for (int k = 0; k < h; k++) {
                    acc += rows[y][k] * tmp[k * ow + x];
                }
                out[to + y * ow + x] = acc;
            }
        }
    }
}
