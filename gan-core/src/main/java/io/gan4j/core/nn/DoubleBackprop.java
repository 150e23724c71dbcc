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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
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
 */
public final class DoubleBackprop {
    private final Net net;
    private final List<Node> nodes;
    private boolean forwardDone;

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
            if (!(l instanceof DenseLayer || l.getClass() == ConvolutionLayer.class || l instanceof ActivationLayer)) {
                return what + " is not supported (dense, convolution and activation layers are)";
            }
            if (l.getClass() == ConvolutionLayer.class) {
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
        INDArray g = a.ulike().assign(1.0);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            g = nodes.get(i).backwardInput(g, params);
        }
        forwardDone = true;
        return g;
    }

    /**
     * ∂/∂θ Σᵢ ⟨vᵢ, gᵢ(θ)⟩ at the input of the last {@link #inputGradient} call, laid out like the network's
     * {@link Net#params()} (zero for parameters the term does not depend on).
     *
     * @param directions v {@code [n, ...]}, the shape of that input
     */
    public INDArray parameterGradient(INDArray directions) {
        if (!forwardDone) {
            throw new IllegalStateException("parameterGradient() needs inputGradient() first");
        }
        Map<String, INDArray> params = net.paramTable();
        INDArray tangent = directions;
        for (Node node : nodes) {
            tangent = node.tangent(tangent, params);
        }
        INDArray flat = net.params().ulike();
        Map<String, INDArray> grads = net.asParamTable(flat);
        Adjoint adjoint = new Adjoint(tangent.ulike().assign(1.0), null);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            adjoint = nodes.get(i).reverse(adjoint, params, grads);
        }
        return flat;
    }

    /** Adjoints of a node's output: of its tangent and of its primal value (null = 0). */
    private record Adjoint(INDArray tangent, INDArray primal) {
    }

    /** One differentiable operation, keeping its primal input and tangent input between the passes. */
    private abstract static class Node {
        INDArray x;
        INDArray dx;

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

        abstract Adjoint reverse(Adjoint out, Map<String, INDArray> p, Map<String, INDArray> grads);
    }

    /** DL4J's dense layer without its activation: y = xW + b, W {@code [in, out]}. */
    private static final class Dense extends Node {
        private final String w;
        private final String b;

        Dense(int index) {
            this.w = index + "_W";
            this.b = index + "_b";
        }

        @Override
        INDArray primal(INDArray input, Map<String, INDArray> p) {
            INDArray y = input.mmul(p.get(w));
            INDArray bias = p.get(b);
            return bias == null ? y : y.addiRowVector(bias);
        }

        @Override
        INDArray jvp(INDArray inputTangent, Map<String, INDArray> p) {
            return inputTangent.mmul(p.get(w));
        }

        @Override
        INDArray backwardInput(INDArray g, Map<String, INDArray> p) {
            return g.mmul(p.get(w).transpose());
        }

        @Override
        Adjoint reverse(Adjoint out, Map<String, INDArray> p, Map<String, INDArray> grads) {
            INDArray weights = p.get(w);
            INDArray gw = grads.get(w);
            gw.addi(dx.transpose().mmul(out.tangent()));
            INDArray primal = null;
            if (out.primal() != null) {
                gw.addi(x.transpose().mmul(out.primal()));
                if (grads.containsKey(b)) {
                    grads.get(b).addi(out.primal().sum(0).reshape(grads.get(b).shape()));
                }
                primal = out.primal().mmul(weights.transpose());
            }
            return new Adjoint(out.tangent().mmul(weights.transpose()), primal);
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

        private INDArray conv(INDArray input, INDArray weights, INDArray bias) {
            Conv2D op = bias == null ? new Conv2D(input, weights, null, config)
                    : new Conv2D(input, weights, bias.reshape(bias.length()), config);
            return Nd4j.exec(op)[0];
        }

        /** Gradients of a convolution of {@code input} for output error {@code g}: [input, weights(, bias)]. */
        private INDArray[] backward(INDArray input, INDArray weights, INDArray bias, INDArray g) {
            if (intArgs == null) {
                // conv2d_bp takes conv2d's integer arguments; let the forward op lay them out.
                intArgs = Arrays.stream(new Conv2D(input, weights, null, config).iArgs()).mapToInt(Math::toIntExact)
                        .toArray();
            }
            DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d_bp")
                    .addIntegerArguments(intArgs);
            INDArray gradInput = input.ulike();
            INDArray gradWeights = weights.ulike();
            if (bias == null) {
                op.addInputs(input, weights, g).addOutputs(gradInput, gradWeights);
                Nd4j.exec(op.build());
                return new INDArray[] {gradInput, gradWeights};
            }
            INDArray gradBias = Nd4j.createUninitialized(bias.dataType(), bias.length());
            op.addInputs(input, weights, bias.reshape(bias.length()), g).addOutputs(gradInput, gradWeights, gradBias);
            Nd4j.exec(op.build());
            return new INDArray[] {gradInput, gradWeights, gradBias};
        }

        @Override
        INDArray primal(INDArray input, Map<String, INDArray> p) {
            return conv(input, p.get(w), p.get(b));
        }

        @Override
        INDArray jvp(INDArray inputTangent, Map<String, INDArray> p) {
            return conv(inputTangent, p.get(w), null);
        }

        @Override
        INDArray backwardInput(INDArray g, Map<String, INDArray> p) {
            return backward(x, p.get(w), null, g)[0];
        }

        @Override
        Adjoint reverse(Adjoint out, Map<String, INDArray> p, Map<String, INDArray> grads) {
            INDArray weights = p.get(w);
            INDArray[] t = backward(dx, weights, null, out.tangent());
            grads.get(w).addi(t[1]);
            INDArray primal = null;
            if (out.primal() != null) {
                INDArray bias = p.get(b);
                INDArray[] q = backward(x, weights, bias, out.primal());
                grads.get(w).addi(q[1]);
                if (bias != null) {
                    grads.get(b).addi(q[2].reshape(grads.get(b).shape()));
                }
                primal = q[0];
            }
            return new Adjoint(t[0], primal);
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

        @Override
        INDArray primal(INDArray z, Map<String, INDArray> p) {
            return switch (kind) {
                case IDENTITY -> z;
                case RELU -> Transforms.relu(z, true);
                case LEAKY_RELU -> Transforms.leakyRelu(z, alpha, true);
                case ELU -> expMinus1(z).muli(alpha).addi(Transforms.relu(z, true));
                case SELU -> expMinus1(z).muli(SELU_ALPHA).addi(Transforms.relu(z, true)).muli(SELU_LAMBDA);
                case TANH -> Transforms.tanh(z, true);
                case SIGMOID -> Transforms.sigmoid(z, true);
            };
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
            return first(x).muli(inputTangent);
        }

        @Override
        INDArray backwardInput(INDArray g, Map<String, INDArray> p) {
            return first(x).muli(g);
        }

        @Override
        Adjoint reverse(Adjoint out, Map<String, INDArray> p, Map<String, INDArray> grads) {
            INDArray d1 = first(x);
            INDArray d2 = second(x);
            INDArray primal = out.primal() == null ? null : d1.mul(out.primal());
            if (d2 != null) {
                INDArray curvature = d2.muli(dx).muli(out.tangent());
                primal = primal == null ? curvature : primal.addi(curvature);
            }
            return new Adjoint(d1.muli(out.tangent()), primal);
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
        Adjoint reverse(Adjoint out, Map<String, INDArray> p, Map<String, INDArray> grads) {
            return new Adjoint(out.tangent().reshape('c', shape),
                    out.primal() == null ? null : out.primal().reshape('c', shape));
        }
    }
}
