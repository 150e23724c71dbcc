package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Training-mode forward and backward passes of an MLP (DL4J dense and batch-normalisation layers) computed by gan4j
 * instead of DL4J's layer code, on the network's own parameter and gradient arrays, so checkpoints, the updater and
 * inference are DL4J's unchanged. It exists for speed: on a 2-core CPU DL4J's MLP path spends most of a GAN step
 * allocating a fresh native buffer for every intermediate (≈100 µs per 256 KB), reducing over the batch dimension
 * of row-major arrays and in the oneDNN batch-norm helper; here the intermediates are buffers reused across steps
 * (one set per batch size), batch sums are matrix-vector products and each layer is a handful of in-place ops.
 *
 * <p>Semantics are DL4J's, so results match its path to rounding: dense {@code a = act(x·W + b)}; batch norm in
 * training mode {@code y = γ·(x − μ_B)/sqrt(σ²_B + ε) + β} with the biased batch variance, and its running averages
 * moved through the gradient the way DL4J does (the "gradient" of the running mean is {@code (1−d)(mean − μ_B)},
 * that of {@code log10 std} is {@code log10(std_old/std_new)}, applied by the no-op updater). The parameter gradient
 * is returned as a DL4J {@link Gradient} over the network's flattened gradient view, ready for its updater.
 *
 * <p>Supported: {@link DenseLayer} with or without bias and identity, leaky ReLU, ReLU, tanh or sigmoid activation;
 * {@link BatchNormalization} with learned γ, β; 2-D inputs {@code [N, nIn]}; no dropout, weight noise or input
 * preprocessors. Two network shapes:
 * <ul>
 *   <li>a {@link MultiLayerNetwork} of such layers (one input {@code [N, nIn]});</li>
 *   <li>a {@link ComputationGraph} with k inputs {@code [N, w_i]} feeding one {@code MergeVertex}, each input either
 *       directly or through one dense layer of its own (a conditional GAN's label embedding), followed by a chain
 *       of such layers to the single output: the merge is the column concatenation {@code [N, Σ w_i]} of its
 *       inputs in the merge's order, as DL4J's is.</li>
 * </ul>
 * {@link #supports} says whether a network qualifies; others keep DL4J's path.
 *
 * <p>Contract (the same as DL4J's layer state): {@link #backward} uses the activations of the last {@link #forward};
 * the arrays returned by both are fresh and owned by the caller.
 */
final class DenseStackPass {
    /** 1/(2 ln 10): d log10(std) = d ln(var) / (2 ln 10). */
    private static final double ONE_ON_2LN10 = 1.0 / (2.0 * Math.log(10.0));

    /** The network's flattened parameter gradient (the view DL4J's updater works on). */
    private final INDArray flatGradients;
    /**
     * Every layer: first the branch layers that read a network input (a graph's per-input dense layers), then the
     * chain from the merged input to the output. Buffers are indexed like this array.
     */
    private final Step[] steps;
    /** Index in {@link #steps} of the chain's first layer (0 for a multi-layer network). */
    private final int chainStart;
    /** How the network inputs become the chain's input; null for a single input that feeds the chain itself. */
    private final Branch[] branches;
    /** Width of the merged input {@code Σ w_i} (when {@link #branches} is not null). */
    private final long mergedWidth;
    private final int numInputs;
    private final DataType dataType;
    /** Buffers by batch size (a discriminator sees N, 2N...): reused, never handed out. */
    private final Map<Long, Buffers> buffers = new HashMap<>();
    private Buffers last;

    /** One input of the merge: network input {@code input}, through layer {@code steps[step]} when {@code step >= 0}. */
    private record Branch(int input, int step) {
    }

    private DenseStackPass(INDArray flatGradients, Step[] steps, int chainStart, Branch[] branches, int numInputs,
                           DataType dataType) {
        this.flatGradients = flatGradients;
        this.steps = steps;
        this.chainStart = chainStart;
        this.branches = branches;
        this.numInputs = numInputs;
        this.dataType = dataType;
        this.mergedWidth = steps[chainStart].nIn();
    }

    /**
     * The pass for {@code network}, or null when one of its layers or options is not supported (the caller then
     * uses DL4J's own training path).
     */
    static DenseStackPass of(MultiLayerNetwork network) {
        if (!supports(network)) {
            return null;
        }
        if (network.getFlattenedGradients() == null) {
            network.initGradientsView();
        }
        INDArray params = network.params();
        INDArray grads = network.getFlattenedGradients();
        Layer[] layers = network.getLayers();
        Step[] steps = new Step[layers.length];
        for (int i = 0; i < layers.length; i++) {
            steps[i] = step(layers[i], String.valueOf(i), params, grads);
        }
        return new DenseStackPass(grads, steps, 0, null, 1, params.dataType());
    }

    /** The pass for a graph of the shape described in the class comment, or null when it has another shape. */
    static DenseStackPass of(ComputationGraph graph) {
        GraphShape shape = GraphShape.of(graph);
        if (shape == null) {
            return null;
        }
        if (graph.getFlattenedGradients() == null) {
            graph.initGradientsView();
        }
        INDArray params = graph.params();
        INDArray grads = graph.getFlattenedGradients();
        List<String> names = new ArrayList<>();
        List<Branch> branches = new ArrayList<>();
        for (int k = 0; k < shape.mergeInputs.size(); k++) {
            String layer = shape.branchLayers.get(k);
            int step = -1;
            if (layer != null) {
                step = names.size();
                names.add(layer);
            }
            branches.add(new Branch(shape.mergeInputs.get(k), step));
        }
        int chainStart = names.size();
        names.addAll(shape.chain);
        Step[] steps = new Step[names.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = step(graph.getLayer(names.get(i)), names.get(i), params, grads);
        }
        return new DenseStackPass(grads, steps, chainStart, branches.toArray(new Branch[0]),
                graph.getConfiguration().getNetworkInputs().size(), params.dataType());
    }

    private static Step step(Layer layer, String name, INDArray params, INDArray grads) {
        return layer instanceof DenseLayer d ? new Dense(name, d, params, grads)
                : new Norm(name, (BatchNormalization) layer, params, grads);
    }

    /** Whether every layer and option of {@code network} is one this pass computes exactly like DL4J. */
    static boolean supports(MultiLayerNetwork network) {
        Layer[] layers = network.getLayers();
        if (layers == null || layers.length == 0 || !supportedType(network.params().dataType())) {
            return false;
        }
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        for (int i = 0; i < layers.length; i++) {
            if (conf.getInputPreProcess(i) != null || !supported(layers[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code graph} has the merge-then-chain shape of the class comment, with supported layers only. */
    static boolean supports(ComputationGraph graph) {
        return GraphShape.of(graph) != null;
    }

    private static boolean supportedType(DataType type) {
        return type == DataType.FLOAT || type == DataType.DOUBLE;
    }

    private static boolean supported(Layer layer) {
        org.deeplearning4j.nn.conf.layers.Layer lc = layer.conf().getLayer();
        if (lc.getIDropout() != null) {
            return false;
        }
        if (layer instanceof DenseLayer && lc instanceof org.deeplearning4j.nn.conf.layers.DenseLayer d) {
            return !d.hasLayerNorm() && d.getWeightNoise() == null && activationKind(d.getActivationFn()) != null;
        }
        if (layer instanceof BatchNormalization && lc instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization b) {
            return !b.isLockGammaBeta();
        }
        return false;
    }

    /**
     * A graph's shape read from its configuration: the merge's inputs in order (network input index, and the name
     * of the dense layer in between or null) and the chain of layer names after the merge. The plain inputs' widths
     * are the arrays' own, checked against the chain's first layer at every forward pass.
     */
    private static final class GraphShape {
        final List<Integer> mergeInputs = new ArrayList<>();
        final List<String> branchLayers = new ArrayList<>();
        final List<String> chain = new ArrayList<>();

        /** The shape, or null when the graph is not inputs → (dense) → merge → chain → one output. */
        static GraphShape of(ComputationGraph graph) {
            ComputationGraphConfiguration conf = graph.getConfiguration();
            if (graph.getLayers() == null || !supportedType(graph.params().dataType())
                    || conf.getNetworkOutputs().size() != 1) {
                return null;
            }
            Map<String, org.deeplearning4j.nn.conf.graph.GraphVertex> vertices = conf.getVertices();
            Map<String, List<String>> inputsOf = conf.getVertexInputs();
            List<String> networkInputs = conf.getNetworkInputs();
            GraphShape shape = new GraphShape();
            // Walk back from the output through single-input layers to the merge.
            String v = conf.getNetworkOutputs().get(0);
            while (vertices.get(v) instanceof LayerVertex) {
                if (!supportedLayerVertex(graph, v, inputsOf.get(v))) {
                    return null;
                }
                shape.chain.add(0, v);
                v = inputsOf.get(v).get(0);
            }
            if (shape.chain.isEmpty() || !(vertices.get(v) instanceof MergeVertex merge) || merge.getMergeAxis() != 1) {
                return null;
            }
            Set<Integer> seen = new HashSet<>();
            for (String in : inputsOf.get(v)) {
                String layer = null;
                String source = in;
                if (vertices.get(in) instanceof LayerVertex) {
                    if (!supportedLayerVertex(graph, in, inputsOf.get(in)) || !(graph.getLayer(in) instanceof DenseLayer)) {
                        return null;
                    }
                    layer = in;
                    source = inputsOf.get(in).get(0);
                }
                int index = networkInputs.indexOf(source);
                if (index < 0 || !seen.add(index)) {
                    return null;
                }
                shape.mergeInputs.add(index);
                shape.branchLayers.add(layer);
            }
            // Nothing else in the graph: the inputs, the branch layers, the merge and the chain.
            long branchLayers = shape.branchLayers.stream().filter(java.util.Objects::nonNull).count();
            if (seen.size() != networkInputs.size() || vertices.size() != branchLayers + 1 + shape.chain.size()) {
                return null;
            }
            return shape;
        }

        private static boolean supportedLayerVertex(ComputationGraph graph, String name, List<String> inputs) {
            LayerVertex v = (LayerVertex) graph.getConfiguration().getVertices().get(name);
            return v.getPreProcessor() == null && inputs != null && inputs.size() == 1
                    && supported(graph.getLayer(name));
        }

    }

    /** The network's flattened gradient array the passes write into (the updater's own array, see Net#step). */
    INDArray flatGradients() {
        return flatGradients;
    }

    /**
     * Training-mode forward pass.
     *
     * @param inputs the network's inputs, each {@code [N, w_i]}
     * @return the output {@code [N, nOut]}, a new array
     */
    INDArray forward(INDArray... inputs) {
        if (inputs.length != numInputs) {
            throw new IllegalArgumentException("the network takes " + numInputs + " inputs, got " + inputs.length);
        }
        long n = inputs[0].size(0);
        INDArray[] xs = new INDArray[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            INDArray in = inputs[k];
            if (in.rank() != 2 || in.size(0) != n) {
                throw new IllegalArgumentException("a dense network takes [N, features] inputs with one N, got shape "
                        + java.util.Arrays.toString(in.shape()) + " for input " + k);
            }
            xs[k] = in.dataType() == dataType ? in : in.castTo(dataType);
        }
        Buffers b = buffers.computeIfAbsent(n, this::allocate);
        b.inputs = xs;
        INDArray a;
        if (branches == null) {
            a = xs[0];
        } else {
            // DL4J's merge vertex: the column concatenation of its inputs, here into a reused buffer.
            long width = 0;
            for (int k = 0; k < branches.length; k++) {
                Branch br = branches[k];
                long w = br.step() >= 0 ? steps[br.step()].nOut() : xs[br.input()].size(1);
                b.offsets[k] = width;
                width += w;
            }
            if (width != mergedWidth) {
                throw new IllegalArgumentException("the merged inputs have " + width + " columns where the network"
                        + " expects " + mergedWidth);
            }
            for (int k = 0; k < branches.length; k++) {
                Branch br = branches[k];
                INDArray part = xs[br.input()];
                if (br.step() >= 0) {
                    part = steps[br.step()].forward(part, b, br.step());
                }
                columns(b.merged, b.offsets[k], part.size(1)).assign(part);
            }
            a = b.merged;
        }
        for (int i = chainStart; i < steps.length; i++) {
            a = steps[i].forward(a, b, i);
        }
        last = b;
        return a.dup();
    }

    /** Columns {@code [offset, offset + width)} of the merged input (or its error), as a view. */
    private static INDArray columns(INDArray merged, long offset, long width) {
        return merged.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + width));
    }

    /**
     * Back-propagates {@code dLdOutput} (not modified) through the last {@link #forward}, writing the parameter
     * gradient (and batch norm's running-average moves) into the network's gradient view unless
     * {@code inputOnly}, when only dL/dInput is computed and the gradient view is left as it was.
     *
     * @return the gradient for the updater (null when {@code inputOnly}), and dL/dInput per network input
     *         {@code [N, w_i]} (new arrays)
     */
    Result backward(INDArray dLdOutput, boolean inputOnly) {
        return backward(dLdOutput, !inputOnly, true);
    }

    /**
     * Back-propagates {@code dLdOutput} through the last {@link #forward}: the parameter gradient when
     * {@code parameters}, dL/dInput when {@code input} (at least one of them).
     *
     * @return the gradient for the updater (null unless {@code parameters}), and dL/dInput {@code [N, nIn]} (a new
     *         array; null unless {@code input})
     */
    Result backward(INDArray dLdOutput, boolean parameters, boolean input) {
        if (!parameters && !input) {
            throw new IllegalArgumentException("a backward pass computing nothing");
        }
        Buffers b = last;
        if (b == null) {
            throw new IllegalStateException("backward() before forward()");
        }
        Gradient gradient = parameters ? new DefaultGradient(flatGradients) : null;
        INDArray eps = dLdOutput.dataType() == dataType ? dLdOutput : dLdOutput.castTo(dataType);
        for (int i = steps.length - 1; i >= chainStart; i--) {
            INDArray in = i > chainStart ? b.outputs[i - 1] : branches == null ? b.inputs[0] : b.merged;
            // The chain's first layer needs its input error only for dL/dInput or to reach the merge's branches.
            eps = steps[i].backward(eps, in, b, i, gradient, i > chainStart || input || branches != null);
        }
        INDArray[] inputGradients = new INDArray[numInputs];
        if (branches == null) {
            inputGradients[0] = input ? eps.dup() : null;
        } else {
            // The merge's error split back into its inputs' columns.
            for (int k = 0; k < branches.length; k++) {
                Branch br = branches[k];
                long width = br.step() >= 0 ? steps[br.step()].nOut() : b.inputs[br.input()].size(1);
                INDArray part = columns(eps, b.offsets[k], width);
                if (br.step() >= 0) {
                    // A contiguous copy of the columns: the layer's products then read plain row-major memory.
                    INDArray contiguous = part.dup();
                    part = steps[br.step()].backward(contiguous, b.inputs[br.input()], b, br.step(), gradient, input);
                    contiguous.close();
                }
                inputGradients[br.input()] = input ? part.dup() : null;
            }
        }
        return new Result(gradient, inputGradients);
    }

    /** Whether parameter gradients are wanted ({@code gradient} is null for an input-gradient-only pass). */
    private static boolean wanted(Gradient gradient) {
        return gradient != null;
    }

    /** What {@link #backward} returns: dL/dInput per network input, in the network's input order. */
    record Result(Gradient gradient, INDArray[] inputGradients) {
    }

    // ---------------------------------------------------------------- buffers

    /**
     * Per-batch-size intermediates: each layer's output, batch norm's x̂, one error buffer per layer input, and a
     * graph's merged input.
     */
    private static final class Buffers {
        final long n;
        /** The network inputs of the last forward pass (the caller's arrays, or casts of them). */
        INDArray[] inputs;
        /** {@code [N, Σ w_i]}, the merge's output; null without a merge. */
        INDArray merged;
        /** First column of each merge input in {@link #merged}, set by each forward pass. */
        long[] offsets;
        final INDArray[] outputs;
        final INDArray[] normalised;
        final INDArray[] errors;
        final INDArray[] scratch;
        /** [1, N] ones (sums over the batch as products). */
        final INDArray ones;

        Buffers(long n, int layers, DataType type) {
            this.n = n;
            this.outputs = new INDArray[layers];
            this.normalised = new INDArray[layers];
            this.errors = new INDArray[layers];
            this.scratch = new INDArray[layers];
            this.ones = Nd4j.ones(type, 1, n);
        }
    }

    private Buffers allocate(long n) {
        Buffers b = new Buffers(n, steps.length, dataType);
        if (branches != null) {
            b.merged = Nd4j.create(dataType, n, mergedWidth);
            b.offsets = new long[branches.length];
        }
        for (int i = 0; i < steps.length; i++) {
            b.outputs[i] = Nd4j.create(dataType, n, steps[i].nOut());
            b.errors[i] = Nd4j.create(dataType, n, steps[i].nIn());
            b.scratch[i] = Nd4j.create(dataType, n, steps[i].nOut());
            if (steps[i] instanceof Norm) {
                b.normalised[i] = Nd4j.create(dataType, n, steps[i].nOut());
            }
        }
        return b;
    }

    // ---------------------------------------------------------------- layers

    private interface Step {
        long nIn();

        long nOut();

        /** Writes the layer's output into {@code b.outputs[i]} and returns it. */
        INDArray forward(INDArray x, Buffers b, int i);

        /**
         * Error at the layer's input from the error at its output {@code eps} (read, never written: it may be the
         * caller's array), recording parameter gradients in {@code gradient} unless that is null. Unless
         * {@code inputError} the layer may skip the input error and return null (the first layer of a pass whose
         * caller wants only parameter gradients, e.g. a discriminator update).
         */
        INDArray backward(INDArray eps, INDArray x, Buffers b, int i, Gradient gradient, boolean inputError);
    }

    private enum ActivationKind { IDENTITY, RELU, LEAKY_RELU, TANH, SIGMOID }

    private static ActivationKind activationKind(IActivation fn) {
        if (fn instanceof ActivationIdentity) {
            return ActivationKind.IDENTITY;
        }
        if (fn instanceof ActivationLReLU) {
            return ActivationKind.LEAKY_RELU;
        }
        if (fn instanceof ActivationReLU r && isPlain(r)) {
            return ActivationKind.RELU;
        }
        if (fn instanceof ActivationTanH) {
            return ActivationKind.TANH;
        }
        if (fn instanceof ActivationSigmoid) {
            return ActivationKind.SIGMOID;
        }
        return null;
    }

    /** DL4J's ReLU may carry a maximum, threshold or negative slope; only the plain max(0, x) is supported. */
    private static boolean isPlain(ActivationReLU r) {
        return "relu".equals(r.toString());
    }

    /** The network's gradient view of one parameter, laid out like the parameter's own view. */
    private static INDArray gradientView(Layer layer, String name, INDArray flatParams, INDArray flatGrad) {
        INDArray param = layer.getParam(name);
        long offset = param.offset() - flatParams.offset();
        INDArray slice = flatGrad.reshape(flatGrad.length()).get(NDArrayIndex.interval(offset, offset + param.length()));
        INDArray view = slice.reshape(param.ordering(), param.shape());
        if (view.data() != flatGrad.data() && view.data().originalDataBuffer() != flatGrad.data()
                && view.data().originalDataBuffer() != flatGrad.data().originalDataBuffer()) {
            throw new IllegalStateException("gradient of " + layer.conf().getLayer().getLayerName() + "_" + name
                    + " is not a view of the network's"
                    + " gradient array");
        }
        return view;
    }

    /** {@code [1, C]} view of a rank-1 or {@code [1, C]} vector. */
    private static INDArray row(INDArray v) {
        return v.reshape(1, v.length());
    }

    private static final class Dense implements Step {
        private final INDArray weights;
        /** [1, nOut]; null for a layer without bias (then also its gradients). */
        private final INDArray bias;
        private final INDArray weightGrad;
        /** Shaped like the bias parameter (for the updater), and as [1, nOut] (for the product). */
        private final INDArray biasGradView;
        private final INDArray biasGrad;
        private final ActivationKind kind;
        private final double slope;
        private final String weightKey;
        private final String biasKey;

        /**
         * @param name the layer's name in its network ({@code "0"}, {@code "dense1"}...), the prefix of its
         *             parameters' keys in DL4J's gradient
         */
        Dense(String name, DenseLayer layer, INDArray flatParams, INDArray flatGrad) {
            org.deeplearning4j.nn.conf.layers.DenseLayer conf =
                    (org.deeplearning4j.nn.conf.layers.DenseLayer) layer.conf().getLayer();
            this.weights = layer.getParam("W");
            this.weightGrad = gradientView(layer, "W", flatParams, flatGrad);
            if (conf.hasBias()) {
                this.bias = row(layer.getParam("b"));
                this.biasGradView = gradientView(layer, "b", flatParams, flatGrad);
                this.biasGrad = row(biasGradView);
            } else {
                this.bias = null;
                this.biasGradView = null;
                this.biasGrad = null;
            }
            IActivation fn = conf.getActivationFn();
            this.kind = activationKind(fn);
            this.slope = fn instanceof ActivationLReLU l ? l.getAlpha() : 0.0;
            this.weightKey = name + "_W";
            this.biasKey = name + "_b";
        }

        @Override
        public long nIn() {
            return weights.size(0);
        }

        @Override
        public long nOut() {
            return weights.size(1);
        }

        @Override
        public INDArray forward(INDArray x, Buffers b, int i) {
            INDArray a = b.outputs[i];
            Nd4j.gemm(x, weights, a, false, false, 1.0, 0.0);
            if (bias != null) {
                a.addiRowVector(bias);
            }
            switch (kind) {
                case LEAKY_RELU -> leakyReluInPlace(a, slope);
                case RELU -> Transforms.relu(a, false);
                case TANH -> tanhInPlace(a);
                case SIGMOID -> Transforms.sigmoid(a, false);
                case IDENTITY -> { }
            }
            return a;
        }

        @Override
        public INDArray backward(INDArray eps, INDArray x, Buffers b, int i, Gradient gradient, boolean inputError) {
            INDArray a = b.outputs[i];
            INDArray dz = b.scratch[i];
            // The activation's derivative from its output: a > 0 exactly where the pre-activation is > 0 for
            // (leaky) ReLU, tanh' = 1 − a², sigmoid' = a(1 − a).
            switch (kind) {
                case LEAKY_RELU -> {
                    if (a.dataType() == DataType.FLOAT) {
                        // The derivative op and a product: ~6x faster than leakyrelu_bp on [128, 512] floats. It
                        // carries the slope as a float, so double precision keeps the exact custom op.
                        Nd4j.exec(new LeakyReLUDerivative(a, dz, slope)).muli(eps);
                    } else {
                        Nd4j.exec(new LeakyReLUBp(a, eps, dz, slope));
                    }
                }
                case RELU -> Transforms.sign(dz.assign(a), false).muli(eps);
                case TANH -> {
                    a.mul(a, dz);
                    dz.rsubi(1.0).muli(eps);
                }
                case SIGMOID -> {
                    dz.assign(a).rsubi(1.0).muli(a).muli(eps);
                }
                case IDENTITY -> dz = eps;
            }
            if (wanted(gradient)) {
                // dW = xᵀ·dz written straight into the f-ordered weight-gradient view, db = 1ᵀ·dz.
                Nd4j.gemm(x, dz, weightGrad, true, false, 1.0, 0.0);
                gradient.setGradientFor(weightKey, weightGrad);
                if (bias != null) {
                    Nd4j.gemm(b.ones, dz, biasGrad, false, false, 1.0, 0.0);
                    gradient.setGradientFor(biasKey, biasGradView);
                }
            }
            if (!inputError) {
                // dz·Wᵀ of the first layer is a third of an MLP discriminator's backward (784 inputs against 512
                // outputs on MNIST), and a discriminator update throws it away: PyTorch skips it too, as its
                // input does not require a gradient.
                return null;
            }
            INDArray dx = b.errors[i];
            Nd4j.gemm(dz, weights, dx, false, true, 1.0, 0.0);
            return dx;
        }
    }

    /** tanh in place: gan-core's float kernel (libnd4j's scalar one is 3-4x slower), libnd4j's op otherwise. */
    static INDArray tanhInPlace(INDArray a) {
        return FloatTanh.applies(a) ? FloatTanh.applyInPlace(a) : Transforms.tanh(a, false);
    }

    /** Leaky ReLU in place: gan-core's float kernel (the same products as libnd4j's scalar op), libnd4j's otherwise. */
    static INDArray leakyReluInPlace(INDArray a, double slope) {
        return FloatArrays.applies(a) && slope >= 0 && slope <= 1 ? FloatArrays.leakyReluInPlace(a, slope)
                : Transforms.leakyRelu(a, slope, false);
    }

    private static final class Norm implements Step {
        private final long width;
        private final double eps;
        private final double decay;
        private final boolean logStd;
        private final INDArray gamma;
        private final INDArray beta;
        private final INDArray runningMean;
        private final INDArray runningSpread;
        private final INDArray gammaGrad;
        private final INDArray betaGrad;
        private final INDArray meanGrad;
        private final INDArray spreadGrad;
        private final Map<String, INDArray> gradients = new LinkedHashMap<>();
        /**
         * [1, C] rows owned by the layer (a row is ~20 µs to allocate, a dozen per layer and step): the batch mean,
         * variance and 1/sqrt(var + ε) of the last forward pass, and scratch rows for the backward pass.
         */
        private final INDArray batchMean;
        private final INDArray batchVar;
        private final INDArray invStd;
        private final INDArray rowA;
        private final INDArray rowB;
        private final INDArray sumDyScratch;
        private final INDArray sumDyXhatScratch;

        Norm(String name, BatchNormalization layer, INDArray flatParams, INDArray flatGrad) {
            org.deeplearning4j.nn.conf.layers.BatchNormalization conf =
                    (org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.conf().getLayer();
            this.width = conf.getNOut();
            this.eps = conf.getEps();
            this.decay = conf.getDecay();
            this.logStd = conf.isUseLogStd();
            String spread = logStd ? "log10stdev" : "var";
            this.gamma = row(layer.getParam("gamma"));
            this.beta = row(layer.getParam("beta"));
            this.runningMean = row(layer.getParam("mean"));
            this.runningSpread = row(layer.getParam(spread));
            for (String param : new String[] {"gamma", "beta", "mean", spread}) {
                gradients.put(name + "_" + param, gradientView(layer, param, flatParams, flatGrad));
            }
            this.gammaGrad = row(gradients.get(name + "_gamma"));
            this.betaGrad = row(gradients.get(name + "_beta"));
            this.meanGrad = row(gradients.get(name + "_mean"));
            this.spreadGrad = row(gradients.get(name + "_" + spread));
            DataType type = gamma.dataType();
            INDArray[] rows = new INDArray[7];
            for (int k = 0; k < rows.length; k++) {
                rows[k] = Nd4j.create(type, 1, width);
            }
            this.batchMean = rows[0];
            this.batchVar = rows[1];
            this.invStd = rows[2];
            this.rowA = rows[3];
            this.rowB = rows[4];
            this.sumDyScratch = rows[5];
            this.sumDyXhatScratch = rows[6];
        }

        @Override
        public long nIn() {
            return width;
        }

        @Override
        public long nOut() {
            return width;
        }

        @Override
        public INDArray forward(INDArray x, Buffers b, int i) {
            double inv = 1.0 / b.n;
            INDArray centred = b.normalised[i];
            INDArray squares = b.scratch[i];
            // Batch mean and biased variance as (1/N)·1ᵀx: a matrix-vector product beats a column reduction here.
            // Each ND4J op costs ~25 µs however small its arrays, so every op counts: broadcasts write their result
            // directly, row arithmetic writes into the layer's own rows.
            Nd4j.gemm(b.ones, x, batchMean, false, false, inv, 0.0);
            Nd4j.exec(new BroadcastSubOp(x, batchMean, centred, 1));
            centred.mul(centred, squares);
            Nd4j.gemm(b.ones, squares, batchVar, false, false, inv, 0.0);
            Transforms.pow(batchVar.add(eps, invStd), -0.5, false);
            centred.muliRowVector(invStd);
            INDArray y = b.outputs[i];
            Nd4j.exec(new BroadcastMulOp(centred, gamma, y, 1));
            y.addiRowVector(beta);
            return y;
        }

        @Override
        public INDArray backward(INDArray dy, INDArray x, Buffers b, int i, Gradient gradient, boolean inputError) {
            double inv = 1.0 / b.n;
            INDArray xhat = b.normalised[i];
            INDArray tmp = b.scratch[i];
            // dβ = Σ dy and dγ = Σ dy·x̂ (into the gradient view, or scratch rows for an input-only pass).
            INDArray sumDy = wanted(gradient) ? betaGrad : sumDyScratch;
            INDArray sumDyXhat = wanted(gradient) ? gammaGrad : sumDyXhatScratch;
            Nd4j.gemm(b.ones, dy, sumDy, false, false, 1.0, 0.0);
            dy.mul(xhat, tmp);
            Nd4j.gemm(b.ones, tmp, sumDyXhat, false, false, 1.0, 0.0);
            // dx = γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂)), the usual closed form of DL4J's expression.
            Nd4j.exec(new BroadcastMulOp(xhat, sumDyXhat.mul(inv, rowA), tmp, 1));
            INDArray dx = b.errors[i];
            dy.sub(tmp, dx);
            dx.subiRowVector(sumDy.mul(inv, rowA));
            dx.muliRowVector(gamma.mul(invStd, rowA));
            if (wanted(gradient)) {
                runningAverageMoves();
                for (Map.Entry<String, INDArray> e : gradients.entrySet()) {
                    gradient.setGradientFor(e.getKey(), e.getValue());
                }
            }
            return dx;
        }

        /** DL4J's running averages, as gradients for the no-op updater: params − grad = the new averages. */
        private void runningAverageMoves() {
            runningMean.sub(batchMean, meanGrad).muli(1.0 - decay);
            if (logStd) {
                // old var = (10^log10std)² = exp(2 ln10 · log10std); new var = d·old + (1−d)·batch var; the move
                // is log10(std_old/std_new) = −ln(new/old)/(2 ln 10), new/old = d + (1−d)·(batch var/old).
                INDArray oldVar = Transforms.exp(runningSpread.mul(2.0 * Math.log(10.0), rowA), false);
                INDArray ratio = batchVar.div(oldVar, rowB).muli(1.0 - decay).addi(decay);
                Transforms.log(ratio, false).mul(-ONE_ON_2LN10, spreadGrad);
            } else {
                runningSpread.sub(batchVar, spreadGrad).muli(1.0 - decay);
            }
        }
    }
}
