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
        requireSameShape(logits, oneHot);
        double[][] l = logits.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] c = oneHot.castTo(DataType.DOUBLE).toDoubleMatrix();
        int n = l.length;
        double total = 0;
        double[][] grad = new double[n][];
        for (int i = 0; i < n; i++) {
            double max = Arrays.stream(l[i]).max().orElse(0);
            double sum = 0;
            for (double v : l[i]) {
                sum += Math.exp(v - max);
            }
            double logSumExp = max + Math.log(sum);
            grad[i] = new double[l[i].length];
            for (int k = 0; k < l[i].length; k++) {
                total += c[i][k] * (logSumExp - l[i][k]);
                grad[i][k] = (Math.exp(l[i][k] - logSumExp) - c[i][k]) / n;
            }
        }
        return new LossTerm(total / n, Nd4j.createFromArray(grad).castTo(logits.dataType()));
    }

    /**
     * Negative log-likelihood of the continuous codes under a factored unit-variance Gaussian centred on Q's output.
     *
     * @param mean  Q's continuous head {@code [N, D]}, the posterior means μ
     * @param codes the codes c2, c3, ... that generated the batch, {@code [N, D]}
     * @return mean over the batch of Σ_j ½(c_j − μ_j)² + ½ log 2π, and its gradient {@code [N, D]} in μ's type
     */
    public static LossTerm gaussian(INDArray mean, INDArray codes) {
        requireSameShape(mean, codes);
        double[][] mu = mean.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] c = codes.castTo(DataType.DOUBLE).toDoubleMatrix();
        int n = mu.length;
        double total = 0;
        double[][] grad = new double[n][];
        for (int i = 0; i < n; i++) {
            grad[i] = new double[mu[i].length];
            for (int j = 0; j < mu[i].length; j++) {
                double d = mu[i][j] - c[i][j];
                total += 0.5 * d * d + HALF_LOG_TWO_PI;
                grad[i][j] = d / n;
            }
        }
        return new LossTerm(total / n, Nd4j.createFromArray(grad).castTo(mean.dataType()));
    }

    private static void requireSameShape(INDArray output, INDArray codes) {
        if (output.rank() != 2 || !Arrays.equals(output.shape(), codes.shape())) {
            throw new IllegalArgumentException("Q's output " + Arrays.toString(output.shape()) + " and the codes "
                    + Arrays.toString(codes.shape()) + " must both be [N, width]");
        }
    }
}
