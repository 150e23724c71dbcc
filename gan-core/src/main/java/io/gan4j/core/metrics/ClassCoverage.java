package io.gan4j.core.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which classes generated samples fall into, by the domain classifier's most probable class: the image-domain
 * counterpart of {@link ModeCoverage}, with classes in place of mixture modes.
 *
 * <p>Each sample counts for the class with the highest probability (the lowest index on ties). A class is
 * <em>covered</em> when it receives at least {@link ModeCoverage#COVERAGE_FRACTION} of its expected share of the
 * samples, the same rule as for the 2-D mixtures (PacGAN, Lin et al. 2018): expected under the reference histogram
 * when one is given (typically the real data's label counts), else uniform. A class with no reference share expects
 * nothing and is neither covered nor counted in {@link #classesExpected()}.
 *
 * <p>Two Kullback–Leibler divergences, in nats, measure how far the sample histogram P is from a target Q:
 * {@code KL(P || Q) = Σ P(c) log(P(c) / Q(c))}, the sample histogram first. It is 0 when the histograms agree;
 * against the uniform target it equals {@code log C − H(P)}, so it reaches {@code log C} when every sample falls
 * into one class. Both histograms are smoothed by adding ε = {@value #EPSILON} to every share and renormalizing, so
 * a class that the reference never shows but the samples do adds a large but finite term, about
 * {@code P(c) log(P(c)/ε)} (4.3 nats for a share of 0.2); elsewhere the smoothing moves the value by less than
 * {@code C ε log(1/ε)}, 3e-8 for 10 classes.
 *
 * @param samples          number of generated samples
 * @param classes          number of classes C
 * @param perClassCounts   samples per predicted class, length C (a copy is returned)
 * @param classesCovered   classes with enough samples, in [0, classesExpected]
 * @param classesExpected  classes with a positive expected share: C without a reference
 * @param klFromUniform    {@code KL(P || uniform)}, in [0, log C]
 * @param klFromReference  {@code KL(P || reference)}, in [0, ∞), or NaN when no reference was given
 * @param referenceShares  the expected shares, summing to 1, length C: the normalized reference, or uniform without
 *                         one (a copy is returned)
 */
public record ClassCoverage(int samples, int classes, int[] perClassCounts, int classesCovered, int classesExpected,
                            double klFromUniform, double klFromReference, double[] referenceShares) {

    /** Added to every share of both histograms before the divergences are taken. */
    public static final double EPSILON = 1e-10;

    /** Copies the arrays, so the record stays immutable. */
    public ClassCoverage {
        perClassCounts = perClassCounts.clone();
        referenceShares = referenceShares.clone();
    }

    /**
     * Coverage against a uniform expectation.
     *
     * @param probabilities {@code [n, C]} class probabilities of generated samples, rows non-negative and summing to
     *                      1 (within 1e-3), any floating-point type
     */
    public static ClassCoverage of(INDArray probabilities) {
        return compute(probabilities, null);
    }

    /**
     * Coverage against a reference histogram.
     *
     * @param probabilities {@code [n, C]} class probabilities of generated samples, as for {@link #of(INDArray)}
     * @param reference     length C, counts or shares per class (normalized here), non-negative with a positive
     *                      sum, for example the real data's label counts
     */
    public static ClassCoverage of(INDArray probabilities, double[] reference) {
        if (reference == null) {
            throw new IllegalArgumentException("reference is null; use of(probabilities) for a uniform one");
        }
        return compute(probabilities, reference);
    }

    private static ClassCoverage compute(INDArray probabilities, double[] reference) {
        double[][] p = Inputs.probabilities(probabilities, "probabilities");
        int n = p.length;
        int c = p[0].length;
        double[] expected = reference == null ? uniform(c) : normalized(reference, c);
        int[] counts = new int[c];
        for (int label : Inputs.argmax(p)) {
            counts[label]++;
        }
        int covered = 0;
        int expectedClasses = 0;
        for (int k = 0; k < c; k++) {
            if (expected[k] > 0) {
                expectedClasses++;
                // Without a reference the threshold is computed exactly as ModeCoverage's, bit for bit.
                double needed = reference == null ? ModeCoverage.COVERAGE_FRACTION * n / c
                        : ModeCoverage.COVERAGE_FRACTION * n * expected[k];
                if (counts[k] >= needed) {
                    covered++;
                }
            }
        }
        double[] shares = new double[c];
        for (int k = 0; k < c; k++) {
            shares[k] = (double) counts[k] / n;
        }
        double klUniform = kl(shares, uniform(c));
        double klReference = reference == null ? Double.NaN : kl(shares, expected);
        return new ClassCoverage(n, c, counts, covered, expectedClasses, klUniform, klReference, expected);
    }

    private static double[] uniform(int c) {
        double[] u = new double[c];
        Arrays.fill(u, 1.0 / c);
        return u;
    }

    private static double[] normalized(double[] reference, int c) {
        if (reference.length != c) {
            throw new IllegalArgumentException("reference has " + reference.length + " classes, probabilities " + c);
        }
        double sum = 0;
        for (double v : reference) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("reference entries must be finite and >= 0, got "
                        + Arrays.toString(reference));
            }
            sum += v;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("reference sums to 0");
        }
        double[] out = new double[c];
        for (int k = 0; k < c; k++) {
            out[k] = reference[k] / sum;
        }
        return out;
    }

    /** KL(p || q) in nats after smoothing both by {@link #EPSILON}. */
    private static double kl(double[] p, double[] q) {
        double norm = 1 + p.length * EPSILON;
        double kl = 0;
        for (int k = 0; k < p.length; k++) {
            double ps = (p[k] + EPSILON) / norm;
            double qs = (q[k] + EPSILON) / norm;
            kl += ps * Math.log(ps / qs);
        }
        // A sum of terms of both signs can end a hair below its true minimum of 0.
        return Math.max(0, kl);
    }

    /** Samples per predicted class, length C (a copy). */
    @Override
    public int[] perClassCounts() {
        return perClassCounts.clone();
    }

    /** The expected shares, length C, summing to 1 (a copy). */
    @Override
    public double[] referenceShares() {
        return referenceShares.clone();
    }

    /** Whether a reference histogram was given (otherwise the expectation is uniform). */
    public boolean hasReference() {
        return !Double.isNaN(klFromReference);
    }

    /** Whether every class with a positive expected share is covered. */
    public boolean allCovered() {
        return classesCovered == classesExpected;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassCoverage m && samples == m.samples && classes == m.classes
                && classesCovered == m.classesCovered && classesExpected == m.classesExpected
                && Double.compare(klFromUniform, m.klFromUniform) == 0
                && Double.compare(klFromReference, m.klFromReference) == 0
                && Arrays.equals(perClassCounts, m.perClassCounts) && Arrays.equals(referenceShares, m.referenceShares);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(perClassCounts) + Arrays.hashCode(referenceShares))
                + Double.hashCode(klFromUniform) + 7 * classesCovered;
    }

    /**
     * E.g. {@code 9/10 classes covered (1000 samples), KL from uniform 0.123, from reference 0.130, per class [...]}.
     */
    @Override
    public String toString() {
        String ref = hasReference() ? String.format(Locale.ROOT, ", from reference %.4g", klFromReference) : "";
        return String.format(Locale.ROOT, "%d/%d classes covered (%d samples), KL from uniform %.4g%s, per class %s",
                classesCovered, classesExpected, samples, klFromUniform, ref, Arrays.toString(perClassCounts));
    }
}
