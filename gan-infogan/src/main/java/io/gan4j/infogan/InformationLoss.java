package io.gan4j.infogan;

import io.gan4j.core.loss.LossTerm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The two parts of InfoGAN's information loss L_I: the negative log-likelihood of the codes c that made a batch of
 * generated images, under Q's posterior estimate Q(c|x). Minimising it maximises the variational lower bound
 * L_I(G, Q) = E[log Q(c|x)] + H(c) on the mutual information I(c; G(z, c)) (Chen et al. 2016, Section 5; H(c) is a
 * constant of the prior and is left out). Each is a mean over the batch, with its gradient with respect to Q's raw
 * output, ready to be a {@link io.gan4j.core.loss.WeightedTerm}'s function.
 *
 * <ul>
 *   <li>Categorical code: Q outputs K logits; Q(c|x) = softmax, so −log Q(c|x) is the cross-entropy
 *       {@code logsumexp(l) − l_k} for the drawn value k; gradient {@code (softmax(l) − onehot(k)) / N}.</li>
 *   <li>Continuous codes: Q outputs a mean μ_j per code and the posterior is a factored Gaussian with unit variance,
 *       as the paper's reference code does on MNIST (its {@code fix_std=True}); −log Q(c|x) = Σ_j [½(c_j − μ_j)² +
 *       ½ log 2π], gradient {@code (μ − c) / N}. A learned variance was left out: with it Q can shrink σ on codes it
 *       already predicts and the term's scale drifts against the GAN loss, which is what the paper's remark on a
 *       smaller λ for continuous codes is about; with σ fixed at 1 the term is a scaled squared error.</li>
 * </ul>
 * Computed in double precision in Java (batches are {@code [N, K]} with K ≤ a few dozen).
 */
public final class InformationLoss {
    /** ½ log 2π, the constant of a unit-variance Gaussian's negative log-density. */
    static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private InformationLoss() {
    }

    /**
     * Cross-entropy of Q's categorical posterior against the drawn one-hot codes.
     *
     * @param logits Q's categorical head {@code [N, K]}
     * @param oneHot the codes c1 that generated the batch, {@code [N, K]} one-hot
     * @return mean over the batch of −log softmax(logits)[c], and its gradient {@code [N, K]} in the logits' type
     */
    public static LossTerm categorical(INDArray logits, INDArray oneHot) {
        return batchMean(logits, oneHot, (total, l, c, grad, n) -> {
            double max = Arrays.stream(l).max().orElse(0);
            double sum = 0;
            for (double v : l) {
                sum += Math.exp(v - max);
            }
            double logSumExp = max + Math.log(sum);
            for (int k = 0; k < l.length; k++) {
                total += c[k] * (logSumExp - l[k]);
                grad[k] = (Math.exp(l[k] - logSumExp) - c[k]) / n;
            }
            return total;
        });
    }

    /**
     * Negative log-likelihood of the continuous codes under a factored unit-variance Gaussian centred on Q's output.
     *
     * @param mean  Q's continuous head {@code [N, D]}, the posterior means μ
     * @param codes the codes c2, c3, ... that generated the batch, {@code [N, D]}
     * @return mean over the batch of Σ_j ½(c_j − μ_j)² + ½ log 2π, and its gradient {@code [N, D]} in μ's type
     */
    public static LossTerm gaussian(INDArray mean, INDArray codes) {
        return batchMean(mean, codes, (total, mu, c, grad, n) -> {
            for (int j = 0; j < mu.length; j++) {
                double d = mu[j] - c[j];
                total += 0.5 * d * d + HALF_LOG_TWO_PI;
                grad[j] = d / n;
            }
            return total;
        });
    }

    /** One example's part of a batch-mean loss. */
    @FunctionalInterface
    private interface ExampleTerms {
        /**
         * Adds the example's terms to {@code total} one by one (the order the sum is taken in is part of the result),
         * and writes the gradient of the batch mean with respect to the example's output.
         *
         * @param total  the sum of the earlier examples' terms
         * @param output Q's output for this example, {@code [width]}
         * @param code   the code that generated the example, {@code [width]}
         * @param grad   receives the gradient, {@code [width]}, the mean's 1/n included
         * @param n      the batch size N
         * @return {@code total} with this example's terms added
         */
        double add(double total, double[] output, double[] code, double[] grad, int n);
    }

    /**
     * The mean over the batch of {@code terms}, in double precision, with its gradient {@code [N, width]} in the
     * output's type.
     */
    private static LossTerm batchMean(INDArray output, INDArray codes, ExampleTerms terms) {
        requireSameShape(output, codes);
        double[][] o = output.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] c = codes.castTo(DataType.DOUBLE).toDoubleMatrix();
        int n = o.length;
        double total = 0;
        double[][] grad = new double[n][];
        for (int i = 0; i < n; i++) {
            grad[i] = new double[o[i].length];
            total = terms.add(total, o[i], c[i], grad[i], n);
        }
        return new LossTerm(total / n, Nd4j.createFromArray(grad).castTo(output.dataType()));
    }

    private static void requireSameShape(INDArray output, INDArray codes) {
        if (output.rank() != 2 || !Arrays.equals(output.shape(), codes.shape())) {
            throw new IllegalArgumentException("Q's output " + Arrays.toString(output.shape()) + " and the codes "
                    + Arrays.toString(codes.shape()) + " must both be [N, width]");
        }
    }
}
