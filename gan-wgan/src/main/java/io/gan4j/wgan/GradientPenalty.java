package io.gan4j.wgan;

import io.gan4j.core.api.StepRandom;
import io.gan4j.core.backend.NdArrays;
import io.gan4j.core.nn.AdversarialUpdates;
import io.gan4j.core.nn.DoubleBackprop;
import io.gan4j.core.nn.Net;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
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
    /** The double-backprop pass of the last critic, kept because it owns reusable buffers (see DoubleBackprop). */
    private DoubleBackprop pass;
    private Net passNet;

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

    /** x̂ = εx + (1 − ε)x̃ = x̃ + ε(x − x̃) for per-example weights ε {@code [n, 1, ...]}; a new array. */
    static INDArray interpolate(INDArray real, INDArray fake, INDArray eps) {
        INDArray diff = real.sub(fake);
        try {
            // ε broadcast along dimension 0 in place, instead of materialising it at the examples' shape.
            Nd4j.exec(new BroadcastMulOp(diff, eps.reshape(eps.length()), diff, 0));
            return fake.add(diff);
        } finally {
            diff.close();
        }
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
        // Every array made here is closed as soon as it is used (see DoubleBackprop on why): the views taken of
        // them (reshape, get) share their buffers and are not closed separately.
        double realMean;
        double fakeMean;
        INDArray both = NdArrays.rows(real, fake);
        try {
            INDArray scores = critic.forward(both);
            INDArray errors = scores.ulike();
            try {
                realMean = scores.get(NDArrayIndex.interval(0, n)).sumNumber().doubleValue() / n;
                fakeMean = scores.get(NDArrayIndex.interval(n, 2 * n)).sumNumber().doubleValue() / n;
                errors.get(NDArrayIndex.interval(0, n)).assign(-1.0 / n);
                errors.get(NDArrayIndex.interval(n, 2 * n)).assign(1.0 / n);
                // dL/d[x; x̃] is not needed.
                critic.backwardParameters(errors);
            } finally {
                scores.close();
                errors.close();
            }
        } finally {
            // Only after the backward pass: the critic's layers read their input there.
            both.close();
        }

        DoubleBackprop p = passFor(critic);
        INDArray g = p.inputGradient(interpolates);
        INDArray normsOwned = null;
        INDArray excess = null;
        INDArray scale = null;
        INDArray directions = null;
        try {
            INDArray rows = g.reshape(n, g.length() / n);
            normsOwned = rows.norm2(1);
            INDArray norms = normsOwned.reshape(n, 1);
            excess = norms.sub(1.0);
            // vᵢ = 2λ(‖gᵢ‖ − 1)/n · gᵢ/‖gᵢ‖, and 0 where ‖gᵢ‖ = 0.
            // 1e-30 is a normal float too: the guard must not underflow to 0 in float32 and make 0/0.
            scale = excess.mul(2 * lambda / n);
            INDArray guarded = Transforms.max(norms, 1e-30, true);
            INDArray nonZero = Transforms.step(norms, true);
            scale.divi(guarded).muli(nonZero);
            guarded.close();
            nonZero.close();
            directions = rows.mulColumnVector(scale);
            // Accumulated straight into the critic's pending gradient (what addGradient would add).
            p.addParameterGradient(directions.reshape(interpolates.shape()), critic.lastGradient());
            return new Update(realMean - fakeMean, penaltyOf(excess), norms.sumNumber().doubleValue() / n);
        } finally {
            AdversarialUpdates.closeAll(g, normsOwned, excess, scale, directions);
        }
    }

    /** The pass for {@code critic}, reused while the critic is the same (its buffers are sized on first use). */
    private DoubleBackprop passFor(Net critic) {
        if (passNet != critic) {
            if (pass != null) {
                pass.close();
            }
            pass = DoubleBackprop.of(critic);
            passNet = critic;
        }
        return pass;
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
        INDArray squares = excess.mul(excess);
        try {
            return lambda * squares.sumNumber().doubleValue() / excess.size(0);
        } finally {
            squares.close();
        }
    }
}
