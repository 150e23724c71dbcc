package io.gan4j.core.metrics;

import io.gan4j.core.data.GaussianMixture2D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Locale;

/**
 * How many modes of a 2-D Gaussian mixture a set of generated points covers, the standard mode-collapse metric of
 * the ring and grid benchmarks (Metz et al. 2017; Srivastava et al. 2017; Lin et al. 2018, PacGAN).
 *
 * <p>Each point is assigned to its nearest center and counts as <em>high quality</em> when it lies within
 * {@value #QUALITY_STDS} standard deviations of that center (a 2-D Gaussian puts 98.9% of its mass there). A mode is
 * <em>covered</em> when it received at least {@value #COVERAGE_FRACTION} of its expected share of the points,
 * {@code samples / numModes}, as high-quality points: with 2,500 samples and 25 modes, at least 20.
 *
 * @param samples          number of points evaluated
 * @param modesCovered     modes with enough high-quality points, in [0, numModes]
 * @param numModes         modes of the mixture
 * @param highQualityShare fraction of all points that are high quality, in [0, 1]
 * @param perModeCounts    high-quality points per mode, length numModes (a copy is returned)
 */
public record ModeCoverage(int samples, int modesCovered, int numModes, double highQualityShare,
                           int[] perModeCounts) {

    /** A point is high quality within this many standard deviations of its nearest center. */
    public static final double QUALITY_STDS = 3.0;

    /** A mode is covered with at least this fraction of its expected share of points. */
    public static final double COVERAGE_FRACTION = 0.2;

    /** Copies {@code perModeCounts}, so the record stays immutable. */
    public ModeCoverage {
        perModeCounts = perModeCounts.clone();
    }

    /**
     * Scores points against a mixture.
     *
     * @param xy      points as {@code [x0, y0, x1, y1, ...]} (a row-major {@code [n, 2]} array), n at least 1;
     *                non-finite points are never high quality
     * @param mixture the real distribution
     */
    public static ModeCoverage of(float[] xy, GaussianMixture2D mixture) {
        if (xy.length == 0 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("need at least one x, y pair, got " + xy.length + " values");
        }
        int n = xy.length / 2;
        int modes = mixture.numModes();
        double radius = QUALITY_STDS * mixture.std();
        int[] counts = new int[modes];
        int highQuality = 0;
        for (int i = 0; i < n; i++) {
            double x = xy[2 * i];
            double y = xy[2 * i + 1];
            int k = mixture.nearestMode(x, y);
            // hypot is NaN for NaN input, and NaN <= radius is false.
            if (Math.hypot(x - mixture.centerX(k), y - mixture.centerY(k)) <= radius) {
                counts[k]++;
                highQuality++;
            }
        }
        double needed = COVERAGE_FRACTION * n / modes;
        int covered = 0;
        for (int c : counts) {
            if (c >= needed) {
                covered++;
            }
        }
        return new ModeCoverage(n, covered, modes, (double) highQuality / n, counts);
    }

    /**
     * Scores a batch of generated points.
     *
     * @param points {@code [n, 2]} of any floating-point type
     */
    public static ModeCoverage of(INDArray points, GaussianMixture2D mixture) {
        if (points.rank() != 2 || points.size(1) != 2) {
            throw new IllegalArgumentException("points must be [n, 2], got " + Arrays.toString(points.shape()));
        }
        return of(points.castTo(DataType.FLOAT).dup('c').data().asFloat(), mixture);
    }

    @Override
    public int[] perModeCounts() {
        return perModeCounts.clone();
    }

    /** Whether every mode is covered. */
    public boolean allCovered() {
        return modesCovered == numModes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModeCoverage m && samples == m.samples && modesCovered == m.modesCovered
                && numModes == m.numModes && Double.compare(highQualityShare, m.highQualityShare) == 0
                && Arrays.equals(perModeCounts, m.perModeCounts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(perModeCounts) + Double.hashCode(highQualityShare) + 7 * modesCovered;
    }

    /** E.g. {@code 23/25 modes covered, 91.2% high quality (2500 samples), per mode [98, 0, ...]}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d/%d modes covered, %.1f%% high quality (%d samples), per mode %s",
                modesCovered, numModes, 100 * highQualityShare, samples, Arrays.toString(perModeCounts));
    }
}
