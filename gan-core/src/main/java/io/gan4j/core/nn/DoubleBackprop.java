package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Exact second derivatives of a feed-forward network with respect to its parameters through its input gradient
 * (double backpropagation), for penalties on ∇ₓD such as WGAN-GP's. DL4J's layers differentiate only once and
 * SameDiff M2.1 cannot differentiate its own gradients, so the passes are written out here per layer type.
 *
 * <p>For a network D with input x {@code [n, ...]} and one output per example, {@link #inputGradient} gives
 * gᵢ = ∇ₓ D(xᵢ) (each row depends on its own example only: no batch norm or dropout is accepted). For directions
 * vᵢ of the same shape, {@link #parameterGradient} gives the exact ∂/∂θ Σᵢ ⟨vᵢ, gᵢ(θ)⟩: the derivative of
 * D's directional derivative, a forward pass of tangents ẋ = v followed by reverse-mode differentiation of
 * S = Σ ẏ_out through both the tangents and the primal values. Per layer, with y = f(x):
 * <pre>
 *   linear y = Wx + b:   ẏ = Wẋ;    W̄ += ȳᵀ ⊗ ẋ + ȳᴾ ⊗ x,  b̄ += Σ ȳᴾ,  x̄ᵀ = Wᵀȳᵀ,  x̄ᴾ = Wᵀȳᴾ
 *   activation y = φ(x): ẏ = φ'(x)ẋ; x̄ᵀ = φ'(x)ȳᵀ,  x̄ᴾ = φ'(x)ȳᴾ + φ''(x) ẋ ȳᵀ
 * </pre>
 * (ᵀ the adjoints of the tangents, ᴾ of the primal values; ȳᵀ = 1, ȳᴾ = 0 at the output). For piecewise-linear
 * activations (ReLU, LeakyReLU) φ'' = 0, the masks are fixed at x, and ȳᴾ stays 0: only the weights get a gradient.
 * WGAN-GP with λ·mean(‖gᵢ‖ − 1)² needs vᵢ = 2λ(‖gᵢ‖ − 1)/n · gᵢ/‖gᵢ‖.
 *
 * <p>Supported: a {@link MultiLayerNetwork} of DL4J dense and convolution layers (truncate mode with explicit
 * padding, any stride and dilation, with or without bias) and activation layers, with the activations identity,
 * ReLU, LeakyReLU, ELU, SELU, tanh and sigmoid, and DL4J's CNN-to-dense preprocessor. {@link #unsupported} names what
 * is not. Parameters are read from the network at each call, so the pass follows its updates.
 *
 * <p>Memory: every intermediate (each node's output, derivative, tangent and adjoints) lives in a buffer the pass
 * owns and reuses from call to call, reallocated only when the batch size changes, so a training step allocates
 * nothing here and leaves nothing for Java's collector (ND4J frees an array's native buffer only when its wrapper is
 * closed or collected, and the heap fills far too slowly for the collector to keep up: before this, a WGAN-GP
 * critic update on the 28×28 conv critic left about 15 MB behind). Arrays returned to the caller are fresh and the
 * caller's to close; {@link #close()} frees the buffers. Keep one pass per network and reuse it.
 */
public final class DoubleBackprop implements AutoCloseable {
    private final Net net;
    private final List<Node> nodes;
    private boolean forwardDone;
    /** Ones shaped like the network's output: the seed of both backward passes (ȳ = 1). */
    private final Slots seeds = new Slots(1);

    private DoubleBackprop(Net net, List<Node> nodes) {
        this.net = net;
        this.nodes = nodes;
    }

    /**
     * The pass for {@code net}.
     *
     * @throws IllegalArgumentException naming the first layer it cannot differentiate twice
     */
    public static DoubleBackprop of(Net net) {
        String problem = unsupported(net);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new DoubleBackprop(net, nodesOf(net.multiLayer()));
    }

    /** Why {@code net} cannot be differentiated twice here, or null when it can. */
    public static String unsupported(Net net) {
        if (net.isGraph()) {
            return "double backpropagation supports layer stacks (MultiLayerNetwork), not computation graphs";
        }
        MultiLayerNetwork mln = net.multiLayer();
        Layer[] layers = mln.getLayers();
        for (int i = 0; i < layers.length; i++) {
            String what = describe(mln, i);
            InputPreProcessor pre = mln.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre != null && !(pre instanceof CnnToFeedForwardPreProcessor)) {
                return what + ": its input preprocessor " + pre.getClass().getSimpleName() + " is not supported";
            }
            Layer l = layers[i];
            if (l.conf().getLayer().getIDropout() != null) {
                return what + ": dropout is random per example and pass, so the penalised gradient would not be the "
                        + "network's";
            }
            if (!(l instanceof DenseLayer || isPlainConvolution(l) || l instanceof ActivationLayer)) {
                return what + " is not supported (dense, convolution and activation layers are)";
            }
            if (isPlainConvolution(l)) {
                org.deeplearning4j.nn.conf.layers.ConvolutionLayer c =
                        (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) l.conf().getLayer();
                if (c.getConvolutionMode() != ConvolutionMode.Truncate) {
                    return what + ": convolution mode " + c.getConvolutionMode() + " (only Truncate, explicit padding)";
                }
                if (c.getCnn2dDataFormat() != org.deeplearning4j.nn.conf.CNN2DFormat.NCHW) {
                    return what + ": data format " + c.getCnn2dDataFormat() + " (only NCHW)";
                }
            }
            IActivation a = activationOf(l);
            if (a != null && Activation.of(a) == null) {
                return what + ": activation " + a + " is not supported";
            }
        }
        return null;
    }

    /**
     * DL4J's 2-D convolution or gan4j's {@link OnePassConvolution2D} (the same arithmetic), not one of DL4J's other
     * subclasses of its convolution layer (transposed, depthwise, ...).
     */
    private static boolean isPlainConvolution(Layer l) {
        return l.getClass() == ConvolutionLayer.class || l instanceof OnePassConvolutionLayer;
    }

    private static String describe(MultiLayerNetwork mln, int i) {
        return "layer " + i + " (" + mln.getLayer(i).conf().getLayer().getClass().getSimpleName() + ")";
    }

    private static IActivation activationOf(Layer l) {
        org.deeplearning4j.nn.conf.layers.Layer c = l.conf().getLayer();
        if (c instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) {
            return b.getActivationFn();
        }
        if (c instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer a) {
            return a.getActivationFn();
        }
        return null;
    }

    private static List<Node> nodesOf(MultiLayerNetwork mln) {
        List<Node> nodes = new ArrayList<>();
        Layer[] layers = mln.getLayers();
        for (int i = 0; i < layers.length; i++) {
            InputPreProcessor pre = mln.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre instanceof CnnToFeedForwardPreProcessor) {
                nodes.add(new Flatten());
            }
            Layer l = layers[i];
            if (l instanceof DenseLayer) {
                nodes.add(new Dense(i));
            } else if (l instanceof ConvolutionLayer) {
                nodes.add(new Conv(i, (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) l.conf().getLayer()));
            }
            IActivation a = activationOf(l);
            Activation act = a == null ? null : Activation.of(a);
            if (act != null && act.kind != Activation.Kind.IDENTITY) {
                nodes.add(act);
            }
        }
        return nodes;
    }

    /**
     * Runs {@code x} through the network (the same function as training mode, since no layer here differs) and
     * returns gᵢ = ∇ₓ D(xᵢ), the gradient of each example's output (summed if it has several) with respect to its
     * input. Keeps what {@link #parameterGradient} needs.
     *
     * @param x {@code [n, ...]} in the network's input shape
     * @return {@code [n, ...]}, the shape of {@code x}
     */
    public INDArray inputGradient(INDArray x) {
        Map<String, INDArray> params = net.paramTable();
        INDArray a = x;
        for (Node node : nodes) {
            a = node.forward(a, params);
        }
        INDArray g = ones(a);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            g = nodes.get(i).backwardInput(g, params);
        }
        forwardDone = true;
        // g is a node's buffer (or x's shape view of one): the caller gets its own copy.
        return g.dup();
    }

    /** A reused array of ones shaped like {@code like}. */
    private INDArray ones(INDArray like) {
        INDArray o = seeds.get(0);
        boolean fresh = o == null || !Arrays.equals(o.shape(), like.shape()) || o.dataType() != like.dataType();
        o = seeds.of(0, like.dataType(), like.shape());
        if (fresh) {
            o.assign(1.0);
        }
        return o;
    }

    /** Frees the pass's buffers; it stays usable and allocates them again when next called. */
    @Override
    public void close() {
        seeds.close();
        for (Node node : nodes) {
            node.buffers.close();
        }
        forwardDone = false;
    }

    /**
     * ∂/∂θ Σᵢ ⟨vᵢ, gᵢ(θ)⟩ at the input of the last {@link #inputGradient} call, laid out like the network's
     * {@link Net#params()} (zero for parameters the term does not depend on).
     *
     * @param directions v {@code [n, ...]}, the shape of that input
     */
    public INDArray parameterGradient(INDArray directions) {
        INDArray flat = net.params().ulike().assign(0.0);
        addParameterGradient(directions, flat);
        return flat;
    }

    /**
     * Adds {@link #parameterGradient(INDArray)} into {@code target} in place instead of returning it: the weight
     * products accumulate straight into the target's views (WGAN-GP passes the critic's pending gradient,
     * {@link Net#lastGradient()}), which saves a parameter-sized array and a pass over it per step.
     *
     * @param target laid out like the network's {@link Net#params()}, same data type as the network
     */
    public void addParameterGradient(INDArray directions, INDArray target) {
        if (!forwardDone) {
            throw new IllegalStateException("parameterGradient() needs inputGradient() first");
        }
        Map<String, INDArray> params = net.paramTable();
        INDArray tangent = directions;
        for (Node node : nodes) {
            tangent = node.tangent(tangent, params);
        }
        Map<String, INDArray> grads = net.asParamTable(target);
        INDArray adjointTangent = ones(tangent);
        INDArray adjointPrimal = null;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node node = nodes.get(i);
            // The first node's adjoints would be gradients with respect to the directions and the interpolates:
            // not needed.
            node.reverse(adjointTangent, adjointPrimal, params, grads, i > 0);
            adjointTangent = node.inTangentAdjoint;
            adjointPrimal = node.inPrimalAdjoint;
        }
    }

    /**
     * A node's reusable buffers by slot. A buffer is reallocated (the old one closed) only when the shape or data
     * type asked for changes; none is ever handed to the caller, and each belongs to one node, so no buffer is
     * written while a later node still reads it within a pass.
     */
    private static final class Slots {
        private final INDArray[] arrays;

        Slots(int count) {
            arrays = new INDArray[count];
        }

        INDArray get(int slot) {
            return arrays[slot];
        }

        /** The buffer of {@code slot} with this shape (c order), contents undefined. */
        INDArray of(int slot, DataType type, long... shape) {
            INDArray a = arrays[slot];
            if (a == null || a.dataType() != type || !Arrays.equals(a.shape(), shape)) {
                if (a != null) {
                    a.close();
                }
                a = Nd4j.createUninitialized(type, shape);
                arrays[slot] = a;
            }
            return a;
        }

        /** Makes {@code array} (the node's own fresh array) the buffer of {@code slot}, closing the one it replaces. */
        INDArray put(int slot, INDArray array) {
            INDArray old = arrays[slot];
            if (old != null && old != array) {
                old.close();
            }
            arrays[slot] = array;
            return array;
        }

        /** The buffer of {@code slot} shaped like {@code like}. */
        INDArray like(int slot, INDArray like) {
            return of(slot, like.dataType(), like.shape());
        }

        void close() {
            for (int i = 0; i < arrays.length; i++) {
                if (arrays[i] != null) {
                    arrays[i].close();
                    arrays[i] = null;
                }
            }
        }
    }

    /** Slots of a node's buffers. */
    private static final int OUT = 0;
    private static final int BACK = 1;
    private static final int TAN = 2;
    private static final int ADJ_T = 3;
    private static final int ADJ_P = 4;
    private static final int D1 = 5;
    private static final int D2 = 6;
    private static final int SCRATCH_A = 7;
    private static final int SCRATCH_B = 8;
    private static final int SCRATCH_C = 9;
    private static final int SLOTS = 10;

    /**
     * One differentiable operation, keeping its primal input and tangent input between the passes (the caller's
     * arrays or the previous node's buffers) and its own outputs in {@link #buffers}.
     */
    private abstract static class Node {
        final Slots buffers = new Slots(SLOTS);
        INDArray x;
        INDArray dx;
        /** Adjoints at the node's input after {@link #reverse}: of the tangent (null when not asked for), primal. */
        INDArray inTangentAdjoint;
        INDArray inPrimalAdjoint;

        final INDArray forward(INDArray input, Map<String, INDArray> p) {
            x = input;
            return primal(input, p);
        }

        final INDArray tangent(INDArray inputTangent, Map<String, INDArray> p) {
            dx = inputTangent;
            return jvp(inputTangent, p);
        }

        abstract INDArray primal(INDArray input, Map<String, INDArray> p);

        /** The derivative along the input tangent at the stored input. */
        abstract INDArray jvp(INDArray inputTangent, Map<String, INDArray> p);

        /** dL/dinput for dL/doutput {@code g} at the stored input. */
        abstract INDArray backwardInput(INDArray g, Map<String, INDArray> p);

        /**
         * From the adjoints of the output's tangent {@code tangentAdjoint} and primal value {@code primalAdjoint}
         * (null = 0), adds the parameter gradients to {@code grads} and sets {@link #inTangentAdjoint} (only when
         * {@code wantInputAdjoints}) and {@link #inPrimalAdjoint} (a node may leave it null unless
         * {@code wantInputAdjoints}, where it would cost a product: the first node's adjoints are not used).
         */
        abstract void reverse(INDArray tangentAdjoint, INDArray primalAdjoint, Map<String, INDArray> p,
                              Map<String, INDArray> grads, boolean wantInputAdjoints);
    }

    /** DL4J's dense layer without its activation: y = xW + b, W {@code [in, out]}. */
    private static final class Dense extends Node {
        private final String w;
        private final String b;

        Dense(int index) {
            this.w = index + "_W";
            this.b = index + "_b";
        }

        /** {@code a·W} (or {@code a·Wᵀ}) into the node's buffer {@code slot}. */
        private INDArray times(INDArray a, INDArray weights, boolean transposed, int slot) {
            INDArray out = buffers.of(slot, a.dataType(), a.size(0), weights.size(transposed ? 0 : 1));
            Nd4j.gemm(a, weights, out, false, transposed, 1.0, 0.0);
            return out;
        }

        @Override
        INDArray primal(INDArray input, Map<String, INDArray> p) {
            INDArray y = times(input, p.get(w), false, OUT);
            INDArray bias = p.get(b);
            return bias == null ? y : y.addiRowVector(bias);
        }

        @Override
        INDArray jvp(INDArray inputTangent, Map<String, INDArray> p) {
            return times(inputTangent, p.get(w), false, TAN);
        }

        @Override
        INDArray backwardInput(INDArray g, Map<String, INDArray> p) {
            return times(g, p.get(w), true, BACK);
        }

        @Override
        void reverse(INDArray tangentAdjoint, INDArray primalAdjoint, Map<String, INDArray> p,
                     Map<String, INDArray> grads, boolean wantInputAdjoints) {
            INDArray weights = p.get(w);
            INDArray gw = grads.get(w);
            // W̄ += ẋᵀ·ȳᵀ, accumulated by the product itself (β = 1) into the gradient's view.
            Nd4j.gemm(dx, tangentAdjoint, gw, true, false, 1.0, 1.0);
            inPrimalAdjoint = null;
            if (primalAdjoint != null) {
                Nd4j.gemm(x, primalAdjoint, gw, true, false, 1.0, 1.0);
                if (grads.containsKey(b)) {
                    INDArray gb = grads.get(b);
                    INDArray sum = buffers.of(SCRATCH_A, primalAdjoint.dataType(), primalAdjoint.size(1));
                    primalAdjoint.sum(sum, 0);
                    gb.addi(sum.reshape(gb.shape()));
                }
                // The first layer's would be an adjoint of the interpolates, which are constants: skipping its
                // product saves a [n, out]·[out, in] product (64·512·784 on the MNIST critic) per critic update.
                inPrimalAdjoint = wantInputAdjoints ? times(primalAdjoint, weights, true, ADJ_P) : null;
            }
            inTangentAdjoint = wantInputAdjoints ? times(tangentAdjoint, weights, true, ADJ_T) : null;
        }
    }

    /** DL4J's convolution layer without its activation, NCHW, W {@code [out, in, kH, kW]}. */
    private static final class Conv extends Node {
        private final String w;
        private final String b;
        private final Conv2DConfig config;
        private int[] intArgs;

        Conv(int index, org.deeplearning4j.nn.conf.layers.ConvolutionLayer c) {
            this.w = index + "_W";
            this.b = index + "_b";
            this.config = Conv2DConfig.builder()
                    .kH(c.getKernelSize()[0]).kW(c.getKernelSize()[1])
                    .sH(c.getStride()[0]).sW(c.getStride()[1])
                    .pH(c.getPadding()[0]).pW(c.getPadding()[1])
                    .dH(c.getDilation()[0]).dW(c.getDilation()[1])
                    .paddingMode(PaddingMode.VALID)
                    .dataFormat(Conv2DConfig.NCHW)
                    .weightsFormat(WeightsFormat.OIYX)
                    .build();
        }

        /** Output size along one axis (truncate mode, explicit padding). */
        private static long outSize(long in, long k, long s, long pad, long d) {
            return (in + 2 * pad - d * (k - 1) - 1) / s + 1;
        }

        /** The convolution of {@code input} into the node's buffer {@code slot}. */
        private INDArray conv(INDArray input, INDArray weights, INDArray bias, int slot) {
            INDArray out = buffers.of(slot, input.dataType(), input.size(0), weights.size(0),
                    outSize(input.size(2), config.getKH(), config.getSH(), config.getPH(), config.getDH()),
                    outSize(input.size(3), config.getKW(), config.getSW(), config.getPW(), config.getDW()));
            Nd4j.exec(new Conv2D(input, weights, bias == null ? null : bias.reshape(bias.length()), out, config));
            return out;
        }

        /**
         * Gradients of a convolution of {@code input} for output error {@code g} into the node's buffers: the input
         * gradient into {@code inputSlot}, the weights' into {@link #SCRATCH_A}, the bias's into {@link #SCRATCH_B}.
         */
        private INDArray[] backward(INDArray input, INDArray weights, INDArray bias, INDArray g, int inputSlot) {
            if (intArgs == null) {
                // conv2d_bp takes conv2d's integer arguments; let the forward op lay them out.
                intArgs = Arrays.stream(new Conv2D(input, weights, null, config).iArgs()).mapToInt(Math::toIntExact)
                        .toArray();
            }
            DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d_bp")
                    .addIntegerArguments(intArgs);
            INDArray gradInput = buffers.like(inputSlot, input);
            INDArray gradWeights = buffers.like(SCRATCH_A, weights);
            if (bias == null) {
                op.addInputs(input, weights, g).addOutputs(gradInput, gradWeights);
                Nd4j.exec(op.build());
                return new INDArray[] {gradInput, gradWeights};
            }
            INDArray gradBias = buffers.of(SCRATCH_B, bias.dataType(), bias.length());
            op.addInputs(input, weights, bias.reshape(bias.length()), g).addOutputs(gradInput, gradWeights, gradBias);
            Nd4j.exec(op.build());
            return new INDArray[] {gradInput, gradWeights, gradBias};
        }

        @Override
        INDArray primal(INDArray input, Map<String, INDArray> p) {
            return conv(input, p.get(w), p.get(b), OUT);
        }

        @Override
        INDArray jvp(INDArray inputTangent, Map<String, INDArray> p) {
            return conv(inputTangent, p.get(w), null, TAN);
        }

        @Override
        INDArray backwardInput(INDArray g, Map<String, INDArray> p) {
            return backward(x, p.get(w), null, g, BACK)[0];
        }

        @Override
        void reverse(INDArray tangentAdjoint, INDArray primalAdjoint, Map<String, INDArray> p,
                     Map<String, INDArray> grads, boolean wantInputAdjoints) {
            INDArray weights = p.get(w);
            // conv2d_bp computes the input gradient whether or not it is wanted.
            INDArray[] t = backward(dx, weights, null, tangentAdjoint, ADJ_T);
            grads.get(w).addi(t[1]);
            inTangentAdjoint = wantInputAdjoints ? t[0] : null;
            inPrimalAdjoint = null;
            if (primalAdjoint != null) {
                INDArray bias = p.get(b);
                INDArray[] q = backward(x, weights, bias, primalAdjoint, ADJ_P);
                grads.get(w).addi(q[1]);
                if (bias != null) {
                    grads.get(b).addi(q[2].reshape(grads.get(b).shape()));
                }
                inPrimalAdjoint = q[0];
            }
        }
    }

    /** An element-wise activation with its first and second derivatives. */
    private static final class Activation extends Node {
        private static final double SELU_LAMBDA = 1.0507009873554804934193349852946;
        private static final double SELU_ALPHA = 1.6732632423543772848170429916717;

        enum Kind { IDENTITY, RELU, LEAKY_RELU, ELU, SELU, TANH, SIGMOID }

        final Kind kind;
        private final double alpha;

        private Activation(Kind kind, double alpha) {
            this.kind = kind;
            this.alpha = alpha;
        }

        /** The activation for DL4J's, or null when it is not supported. */
        static Activation of(IActivation a) {
            if (a instanceof ActivationIdentity) {
                return new Activation(Kind.IDENTITY, 0);
            }
            if (a instanceof ActivationReLU r) {
                boolean plain = (r.getMax() == null || r.getMax() == 0.0)
                        && (r.getThreshold() == null || r.getThreshold() == 0.0)
                        && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0.0);
                return plain ? new Activation(Kind.RELU, 0) : null;
            }
            if (a instanceof ActivationLReLU l) {
                return new Activation(Kind.LEAKY_RELU, l.getAlpha());
            }
            if (a instanceof ActivationELU e) {
                return new Activation(Kind.ELU, e.getAlpha());
            }
            if (a instanceof ActivationSELU) {
                return new Activation(Kind.SELU, 0);
            }
            if (a instanceof ActivationTanH) {
                return new Activation(Kind.TANH, 0);
            }
            if (a instanceof ActivationSigmoid) {
                return new Activation(Kind.SIGMOID, 0);
            }
            return null;
        }

        /** φ(z) into the node's output buffer, and φ'(z) into its {@link #D1} buffer for the later passes. */
        @Override
        INDArray primal(INDArray z, Map<String, INDArray> p) {
            INDArray y = buffers.like(OUT, z);
            switch (kind) {
                case IDENTITY -> y.assign(z);
                case RELU -> Transforms.relu(y.assign(z), false);
                case LEAKY_RELU -> DenseStackPass.leakyReluInPlace(y.assign(z), alpha);
                case TANH -> DenseStackPass.tanhInPlace(y.assign(z));
                case SIGMOID -> Transforms.sigmoid(y.assign(z), false);
                case ELU, SELU -> {
                    INDArray fresh = switch (kind) {
                        case ELU -> expMinus1(z).muli(alpha).addi(Transforms.relu(z, true));
                        default -> expMinus1(z).muli(SELU_ALPHA).addi(Transforms.relu(z, true)).muli(SELU_LAMBDA);
                    };
                    buffers.put(OUT, fresh);
                    y = fresh;
                }
            }
            INDArray d1 = buffers.like(D1, z);
            switch (kind) {
                case IDENTITY -> d1.assign(1.0);
                case RELU -> Nd4j.exec(new Step(z, d1));
                case LEAKY_RELU -> Nd4j.exec(new Step(z, d1)).muli(1 - alpha).addi(alpha);
                // tanh' = 1 − tanh², from the output just computed.
                case TANH -> y.mul(y, d1).rsubi(1.0);
                default -> buffers.put(D1, first(z));
            }
            return y;
        }

        /** e^min(z, 0) − 1: the negative branch of ELU/SELU, 0 for z ≥ 0. */
        private static INDArray expMinus1(INDArray z) {
            return Transforms.exp(Transforms.min(z, 0.0, true), false).subi(1.0);
        }

        /** φ'(z). */
        private INDArray first(INDArray z) {
            return switch (kind) {
                case IDENTITY -> z.ulike().assign(1.0);
                case RELU -> Transforms.step(z, true);
                case LEAKY_RELU -> Transforms.step(z, true).muli(1 - alpha).addi(alpha);
                // e^min(z,0) is 1 for z > 0 and e^z below: exactly (1, α e^z) after the α-scaling of the negative part.
                case ELU -> negativeExp(z).muli(alpha).addi(Transforms.step(z, true));
                case SELU -> negativeExp(z).muli(SELU_ALPHA).addi(Transforms.step(z, true)).muli(SELU_LAMBDA);
                case TANH -> {
                    INDArray t = Transforms.tanh(z, true);
                    yield t.muli(t).rsubi(1.0);
                }
                case SIGMOID -> {
                    INDArray s = Transforms.sigmoid(z, true);
                    yield s.mul(s.rsub(1.0));
                }
            };
        }

        /** φ''(z), or null where it is 0 (piecewise-linear and identity). */
        private INDArray second(INDArray z) {
            return switch (kind) {
                case IDENTITY, RELU, LEAKY_RELU -> null;
                case ELU -> negativeExp(z).muli(alpha);
                case SELU -> negativeExp(z).muli(SELU_ALPHA * SELU_LAMBDA);
                case TANH -> {
                    INDArray t = Transforms.tanh(z, true);
                    yield t.mul(t).rsubi(1.0).muli(t).muli(-2.0);
                }
                case SIGMOID -> {
                    INDArray s = Transforms.sigmoid(z, true);
                    yield s.mul(s.rsub(1.0)).muli(s.mul(-2.0).addi(1.0));
                }
            };
        }

        /** e^z where z &lt; 0, else 0. */
        private static INDArray negativeExp(INDArray z) {
            return Transforms.exp(Transforms.min(z, 0.0, true), false).muli(Transforms.step(z, true).rsubi(1.0));
        }

        @Override
        INDArray jvp(INDArray inputTangent, Map<String, INDArray> p) {
            return buffers.get(D1).mul(inputTangent, buffers.like(TAN, inputTangent));
        }

        @Override
        INDArray backwardInput(INDArray g, Map<String, INDArray> p) {
            return buffers.get(D1).mul(g, buffers.like(BACK, g));
        }

        /** φ''(x) in the node's {@link #D2} buffer, or null where it is 0 (piecewise-linear and identity). */
        private INDArray secondAtInput() {
            return switch (kind) {
                case IDENTITY, RELU, LEAKY_RELU -> null;
                // tanh'' = −2·tanh·(1 − tanh²), from the output and φ' kept by the forward pass.
                case TANH -> buffers.get(D1).mul(buffers.get(OUT), buffers.like(D2, x)).muli(-2.0);
                default -> buffers.put(D2, second(x));
            };
        }

        @Override
        void reverse(INDArray tangentAdjoint, INDArray primalAdjoint, Map<String, INDArray> p,
                     Map<String, INDArray> grads, boolean wantInputAdjoints) {
            INDArray d1 = buffers.get(D1);
            INDArray primal = primalAdjoint == null ? null : d1.mul(primalAdjoint, buffers.like(ADJ_P, primalAdjoint));
            INDArray d2 = secondAtInput();
            if (d2 != null) {
                INDArray curvature = d2.muli(dx).muli(tangentAdjoint);
                primal = primal == null ? curvature : primal.addi(curvature);
            }
            inPrimalAdjoint = primal;
            inTangentAdjoint = wantInputAdjoints ? d1.mul(tangentAdjoint, buffers.like(ADJ_T, tangentAdjoint)) : null;
        }
    }

    /** DL4J's CNN-to-dense preprocessor: {@code [n, c, h, w]} → {@code [n, c·h·w]}. */
    private static final class Flatten extends Node {
        private long[] shape;

        @Override
        INDArray primal(INDArray input, Map<String, INDArray> p) {
            shape = input.shape();
            return input.reshape('c', input.size(0), input.length() / input.size(0));
        }

        @Override
        INDArray jvp(INDArray inputTangent, Map<String, INDArray> p) {
            return inputTangent.reshape('c', inputTangent.size(0), inputTangent.length() / inputTangent.size(0));
        }

        @Override
        INDArray backwardInput(INDArray g, Map<String, INDArray> p) {
            return g.reshape('c', shape);
        }

        @Override
        void reverse(INDArray tangentAdjoint, INDArray primalAdjoint, Map<String, INDArray> p,
                     Map<String, INDArray> grads, boolean wantInputAdjoints) {
            // Views of the next node's buffers.
            inTangentAdjoint = wantInputAdjoints ? tangentAdjoint.reshape('c', shape) : null;
            inPrimalAdjoint = primalAdjoint == null ? null : primalAdjoint.reshape('c', shape);
        }
    }
}
