package io.gan4j.wgan;

import io.gan4j.core.nn.DoubleBackprop;
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
 * <p>The penalty's parameter gradient needs the derivative of an input gradient. With gᵢ = ∇x̂ D(x̂ᵢ), it is
 * exactly ∂/∂θ Σᵢ ⟨vᵢ, gᵢ(θ)⟩ with vᵢ = 2λ(‖gᵢ‖ − 1)/n · gᵢ/‖gᵢ‖ held fixed, which {@link DoubleBackprop} computes by
 * double backpropagation through the critic's dense and convolution layers and their activations (piecewise-linear
 * ones with their masks fixed at x̂, as autograd's double backward does). The Wasserstein terms' gradient comes from
 * the critic's ordinary backward pass over {@code [x; x̃]}, the penalty's is added to it
 * ({@link Net#addGradient}). Where ‖gᵢ‖ = 0 the penalty's gradient is taken as 0 (PyTorch's subgradient of the norm).
 *
 * <p>Each example's input gradient must depend on that example alone and be the network's at every pass, so the
 * critic may not use batch norm or dropout (WGAN-GP's config validation rejects both, as the paper drops batch norm).
 * An earlier version took a finite-difference Hessian-vector product, which is wrong for LeakyReLU critics: a step
 * moves pre-activations across the kink (relative errors 0.4 to 294 per parameter tensor on the shipped critics).
 */
public final class GradientPenalty {
    private final double lambda;

    /** @param lambda the penalty weight λ (10 in the paper) */
    public GradientPenalty(double lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("need lambda >= 0, found " + lambda);
        }
        this.lambda = lambda;
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
     * @throws IllegalArgumentException when the critic has a layer {@link DoubleBackprop} cannot differentiate twice
     */
    public Update backward(Net critic, INDArray real, INDArray fake, INDArray interpolates) {
        long n = real.size(0);
        if (fake.size(0) != n || interpolates.size(0) != n) {
            throw new IllegalArgumentException("real, fake and interpolates need the same batch size, found "
                    + n + ", " + fake.size(0) + ", " + interpolates.size(0));
        }
        INDArray scores = critic.forward(Nd4j.concat(0, real, fake));
        double realMean = scores.get(NDArrayIndex.interval(0, n)).sumNumber().doubleValue() / n;
        double fakeMean = scores.get(NDArrayIndex.interval(n, 2 * n)).sumNumber().doubleValue() / n;
        INDArray errors = scores.ulike();
        errors.get(NDArrayIndex.interval(0, n)).assign(-1.0 / n);
        errors.get(NDArrayIndex.interval(n, 2 * n)).assign(1.0 / n);
        critic.backward(errors);

        DoubleBackprop pass = DoubleBackprop.of(critic);
        INDArray g = pass.inputGradient(interpolates);
        INDArray rows = g.reshape(n, g.length() / n);
        INDArray norms = rows.norm2(1).reshape(n, 1);
        INDArray excess = norms.sub(1.0);
        // vᵢ = 2λ(‖gᵢ‖ − 1)/n · gᵢ/‖gᵢ‖, and 0 where ‖gᵢ‖ = 0.
        // 1e-30 is a normal float too: the guard must not underflow to 0 in float32 and make 0/0.
        INDArray scale = excess.mul(2 * lambda / n).divi(Transforms.max(norms, 1e-30, true))
                .muli(Transforms.step(norms, true));
        INDArray directions = rows.mulColumnVector(scale).reshape(interpolates.shape());
        critic.addGradient(pass.parameterGradient(directions));
        return new Update(realMean - fakeMean, penaltyOf(excess), norms.sumNumber().doubleValue() / n);
    }

    /** The exact penalty λ·mean (‖∇x̂ D(x̂)‖₂ − 1)² at the critic's current parameters (tests and diagnostics). */
    public double value(Net critic, INDArray interpolates) {
        return penaltyOf(excessNorms(critic, interpolates));
    }

    /**
     * ‖gᵢ‖ − 1 for gᵢ = ∇x̂ D(x̂ᵢ) taken through DL4J's own first-order backward pass (so that {@link #value} checks
     * {@link DoubleBackprop}'s input gradient independently), {@code [n, 1]}.
     */
    private static INDArray excessNorms(Net critic, INDArray interpolates) {
        long n = interpolates.size(0);
        INDArray out = critic.forward(interpolates);
        INDArray g = critic.backwardInput(out.ulike().assign(1.0));
        return g.reshape(n, g.length() / n).norm2(1).reshape(n, 1).subi(1.0);
    }

    /** λ·mean (‖g‖ − 1)² from the excesses ‖gᵢ‖ − 1. */
    private double penaltyOf(INDArray excess) {
        return lambda * excess.mul(excess).sumNumber().doubleValue() / excess.size(0);
    }
}
