package io.gan4j.core.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Locale;

/**
 * The Inception Score (Salimans et al. 2016, "Improved Techniques for Training GANs") computed with the domain
 * classifier's class probabilities instead of Inception's.
 *
 * <p>{@code IS = exp(E_x KL(p(y|x) || p(y)))}, with p(y) the mean of p(y|x) over the samples considered. It is high
 * when each sample is classified confidently (low entropy of p(y|x)) and the classes are used evenly (high entropy
 * of p(y)): it ranges from 1 (every sample gets the same distribution) to C (confident predictions spread evenly
 * over all C classes). As in the reference implementation the samples are cut into {@link #splits()} consecutive
 * parts, each part gets its own p(y) and score, and the mean and standard deviation of the part scores are
 * reported; part sizes differ by at most one sample, so none is dropped. Terms with {@code p(y|x) = 0} are left
 * out, which is the exact limit {@code 0·log 0 = 0} (the reference adds an epsilon instead, a negligible
 * difference); p(y) is then positive wherever a term remains.
 *
 * @param mean    mean of the per-split scores, in [1, classes] (up to round-off)
 * @param std     standard deviation of the per-split scores (population, as numpy's {@code std} in the reference)
 * @param samples number of samples scored
 * @param splits  number of splits, in [1, samples]
 * @param classes number of classes C
 */
public record InceptionScore(double mean, double std, int samples, int splits, int classes) {

    /** Splits by default, as in the reference implementation. */
    public static final int DEFAULT_SPLITS = 10;

    /**
     * The score over {@value #DEFAULT_SPLITS} splits.
     *
     * @param probabilities {@code [n, C]} class probabilities p(y|x) of generated samples, rows non-negative and
     *                      summing to 1 (within 1e-3), any floating-point type, n at least {@value #DEFAULT_SPLITS}
     */
    public static InceptionScore of(INDArray probabilities) {
        return of(probabilities, DEFAULT_SPLITS);
    }

    /**
     * The score over a given number of splits.
     *
     * @param probabilities {@code [n, C]} class probabilities, as for {@link #of(INDArray)}
     * @param splits        number of consecutive parts, in [1, n]
     */
    public static InceptionScore of(INDArray probabilities, int splits) {
        double[][] p = Inputs.probabilities(probabilities, "probabilities");
        int n = p.length;
        int c = p[0].length;
        if (splits < 1 || splits > n) {
            throw new IllegalArgumentException("splits must be in [1, " + n + "], got " + splits);
        }
        double[] scores = new double[splits];
        for (int s = 0; s < splits; s++) {
            int from = (int) ((long) s * n / splits);
            int to = (int) ((long) (s + 1) * n / splits);
            double[] marginal = new double[c];
            for (int i = from; i < to; i++) {
                for (int k = 0; k < c; k++) {
                    marginal[k] += p[i][k];
                }
            }
            for (int k = 0; k < c; k++) {
                marginal[k] /= to - from;
            }
            double kl = 0;
            for (int i = from; i < to; i++) {
                for (int k = 0; k < c; k++) {
                    double q = p[i][k];
                    if (q > 0) {
                        kl += q * Math.log(q / marginal[k]);
                    }
                }
            }
            scores[s] = Math.exp(kl / (to - from));
        }
        double[] ms = Inputs.meanAndStd(scores);
        return new InceptionScore(ms[0], ms[1], n, splits, c);
    }

    /** E.g. {@code IS 8.91 ± 0.12 (10000 samples, 10 splits, 10 classes)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "IS %.4g ± %.2g (%d samples, %d splits, %d classes)", mean, std, samples,
                splits, classes);
    }
}
