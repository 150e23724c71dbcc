package io.gan4j.wgan;

import io.gan4j.core.nn.Net;
import io.gan4j.core.train.StepRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * The WGAN-GP critic update (Gulrajani et al. 2017, "Improved Training of Wasserstein GANs", arXiv:1704.00028,
 * Algorithm 1): minimise
 * <pre>
 *   L(θ) = mean D(x̃) − mean D(x) + λ·mean (‖∇x̂ D(x̂)‖₂ − 1)²,   x̂ = εx + (1 − ε)x̃,  ε ~ U[0, 1] per example
 * </pre>
 * with x real, x̃ = G(z), all of shape {@code [n, ...]}, D's output {@code [n, 1]} unbounded.
 *
 * <p><b>Why a finite-difference Hessian-vector product.</b> The penalty's parameter gradient needs the gradient of
 * an input gradient. DL4J's layer API back-propagates once, and SameDiff M2.1 cannot differentiate its own
 * gradient functions (see ../shared/DL4J-NOTES.md); writing ∇ₓD out as forward SameDiff ops works but only for a
 * hand-written MLP, while WGAN-GP here must also run DCGAN's convolutional critic. So the second derivative is
 * taken along one direction per example, with the layer API only. With g = ∇x̂ D(x̂) and û = g/‖g‖,
 * <pre>
 *   ∂/∂θ ‖g‖ = û·∂g/∂θ = ∂/∂θ (û·∇x̂ D(x̂))|û fixed ≈ ∂/∂θ [D(x̂ + hû) − D(x̂ − hû)] / 2h
 * </pre>
 * (û may be held fixed because ∂‖g‖/∂û = 0 on the unit sphere). So one backward pass, with output errors
 * {@code −1/n} on the real examples, {@code +1/n} on the fakes and {@code ±aᵢ}, aᵢ = λ(‖gᵢ‖ − 1)/(n·h), on
 * x̂ ± hû, gives the whole critic gradient. Its error is O(h²) from the central difference: relative 3e-6 at
 * h = 1e-3 in double precision ({@code GradientPenaltyTest} checks it against central differences of the exact
 * penalty). In float32 h is 1e-2 so that rounding of D's outputs does not dominate.
 *
 * <p>Each example's input gradient must depend on that example alone, so the critic must not use batch norm
 * (WGAN-GP's validation rejects it).
 */
public final class GradientPenalty {
    private final double lambda;
    private final double h;

    /**
     * @param lambda the penalty weight λ (10 in the paper)
     * @param h      the step of the central difference along û, in input units
     */
    public GradientPenalty(double lambda, double h) {
        if (!(lambda >= 0) || !(h > 0)) {
            throw new IllegalArgumentException("need lambda >= 0 and h > 0, found " + lambda + ", " + h);
        }
        this.lambda = lambda;
        this.h = h;
    }

    /** The difference step for a critic of this data type: 1e-3 in double precision, 1e-2 in float. */
    public static double stepFor(DataType type) {
        return type == DataType.DOUBLE ? 1e-3 : 1e-2;
    }

    /**
     * Scalars of one critic update.
     *
     * @param wasserstein   the estimate mean D(x) − mean D(x̃) before the update
     * @param penalty       λ·mean (‖g‖ − 1)²
     * @param gradientNorm  mean ‖∇x̂ D(x̂)‖₂
     */
    public record Update(double wasserstein, double penalty, double gradientNorm) {
        /** The critic's loss, −wasserstein + penalty. */
        public double loss() {
            return -wasserstein + penalty;
        }
    }

    /** ε ~ U[0, 1], one per example, as {@code [n, 1, ..., 1]} matching {@code like}'s rank. */
    static INDArray mixingWeights(StepRandom random, INDArray like) {
        long[] shape = new long[like.rank()];
        Arrays.fill(shape, 1);
        shape[0] = like.size(0);
        return random.uniform(like.dataType(), 0, 1, shape);
    }

    /** x̂ = εx + (1 − ε)x̃ for per-example weights ε {@code [n, 1, ...]}. */
    static INDArray interpolate(INDArray real, INDArray fake, INDArray eps) {
        return fake.add(real.sub(fake).muli(eps.broadcast(real.shape())));
    }

    /**
     * Computes the critic's gradient for one WGAN-GP update and leaves it pending in {@code critic} (the caller
     * steps it). {@code real} and {@code fake} are constants; the critic runs in training mode.
     *
     * @param interpolates x̂ {@code [n, ...]}, e.g. from {@link #interpolate}
     */
    public Update backward(Net critic, INDArray real, INDArray fake, INDArray interpolates) {
        long n = real.size(0);
        if (fake.size(0) != n || interpolates.size(0) != n) {
            throw new IllegalArgumentException("real, fake and interpolates need the same batch size, found "
                    + n + ", " + fake.size(0) + ", " + interpolates.size(0));
        }
        InputGradient g = inputGradient(critic, interpolates);
        INDArray norms = g.norms();
        INDArray safe = Transforms.max(norms, 1e-12, true);
        INDArray direction = g.rows().divColumnVector(safe).reshape(interpolates.shape());
        INDArray excess = norms.sub(1.0);
        double penalty = penaltyOf(excess);

        INDArray step = direction.mul(h);
        INDArray all = Nd4j.concat(0, real, fake, interpolates.add(step), interpolates.sub(step));
        INDArray scores = critic.forward(all);
        double realMean = scores.get(NDArrayIndex.interval(0, n)).sumNumber().doubleValue() / n;
        double fakeMean = scores.get(NDArrayIndex.interval(n, 2 * n)).sumNumber().doubleValue() / n;

        long[] part = scores.get(NDArrayIndex.interval(0, n)).shape();
        INDArray a = excess.mul(lambda / (n * h)).castTo(scores.dataType()).reshape(part);
        INDArray errors = scores.ulike();
        errors.get(NDArrayIndex.interval(0, n)).assign(-1.0 / n);
        errors.get(NDArrayIndex.interval(n, 2 * n)).assign(1.0 / n);
        errors.get(NDArrayIndex.interval(2 * n, 3 * n)).assign(a);
        errors.get(NDArrayIndex.interval(3 * n, 4 * n)).assign(a.neg());
        critic.backward(errors);
        return new Update(realMean - fakeMean, penalty, norms.sumNumber().doubleValue() / n);
    }

    /** The exact penalty λ·mean (‖∇x̂ D(x̂)‖₂ − 1)² at the critic's current parameters (tests and diagnostics). */
    public double value(Net critic, INDArray interpolates) {
        return penaltyOf(inputGradient(critic, interpolates).norms().sub(1.0));
    }

    /**
     * g = ∇x̂ D(x̂) as rows {@code [n, values per example]} with their norms {@code [n, 1]}.
     */
    private record InputGradient(INDArray rows, INDArray norms) {
    }

    /** The critic's sum of outputs back-propagated to its input gives each example's own gradient (no batch norm). */
    private static InputGradient inputGradient(Net critic, INDArray interpolates) {
        long n = interpolates.size(0);
        INDArray out = critic.forward(interpolates);
        INDArray g = critic.backwardInput(out.ulike().assign(1.0));
        INDArray rows = g.reshape(n, g.length() / n);
        return new InputGradient(rows, rows.norm2(1).reshape(n, 1));
    }

    /** λ·mean (‖g‖ − 1)² from the excesses ‖gᵢ‖ − 1. */
    private double penaltyOf(INDArray excess) {
        return lambda * excess.mul(excess).sumNumber().doubleValue() / excess.size(0);
    }
}
