package io.gan4j.core.nn;

import io.gan4j.core.api.Network;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A network as GAN training needs it, hiding DL4J's mechanics: forward in train or inference mode, backward from
 * an external error (the gradient of a loss that lives outside the network) returning dL/dinput, and applying the
 * network's own updater. This is how a generator is trained through a discriminator without a combined third
 * network and without copying parameters: {@code dFake = d.backwardInput(dLdLogits); g.backward(dFake); g.step()}.
 *
 * <p>Gradient convention: the error passed to {@link #backward} is dL/dOutput of a scalar loss L (usually a
 * mean over the batch); the update applies exactly dL/dθ, because the updater is told the batch size is 1
 * (DL4J would otherwise divide by the mini-batch size a second time).
 *
 * <p>Several {@code backward} calls before one {@link #step()} accumulate (sum) their parameter gradients; that
 * is how a discriminator with batch norm takes separate passes over real and fake examples.
 *
 * <p>Wraps a {@link MultiLayerNetwork} (one input, one output) or a {@link ComputationGraph} (any number of
 * each). A graph whose input gradients are needed must either use {@link WorkspaceMode#NONE} for training and
 * inference, because DL4J releases the input vertices' errors with their workspaces, or feed each input to one
 * layer that keeps a detached copy of its input gradient ({@link KeepsInputGradient}, e.g. reflection padding).
 */
public final class Net implements Network {
    /**
     * Set to {@code true} ({@code -Dgan4j.nn.dl4jDensePath=true}) to train MLPs with DL4J's own layer code instead of
     * gan4j's {@link DenseStackPass} (same results to rounding, slower); for comparisons and for ruling it out.
     */
    public static final String DL4J_DENSE_PATH_PROPERTY = "gan4j.nn.dl4jDensePath";
    /**
     * Set to {@code true} ({@code -Dgan4j.nn.dl4jGraphBackprop=true}) to back-propagate graphs with DL4J's own vertex
     * loop instead of gan4j's (same results; DL4J's leaves each layer's working arrays to the garbage collector).
     */
    public static final String DL4J_GRAPH_BACKPROP_PROPERTY = "gan4j.nn.dl4jGraphBackprop";

    private MultiLayerNetwork mln;
    private ComputationGraph graph;
    /** gan4j's training pass for an all-dense network; null when DL4J's layer code trains it. */
    private DenseStackPass dense;

    /** Gradient object of the last backward pass; its flat array is the network's gradient view. */
    private Gradient pending;
    /** Sum of earlier backward passes' parameter gradients since the last step, when more than one. */
    private INDArray accumulated;
    private boolean pendingIsAccumulated;
    /** Examples passed through {@link #forward} since creation or {@link #resetTrainingExamples()}. */
    private long trainingExamples;
    /** Shapes of the inputs of the last {@link #forward} pass, for {@link NetFlops}. */
    private long[][] lastInputShapes;
    /** Shapes of the outputs of the last {@link #forward} pass: the zero errors of outputs given no error. */
    private long[][] lastOutputShapes;
    /** Told of every gradient {@link #step()} applies; null when nobody listens. */
    private StepObserver stepObserver;
    /** Told after every training pass (forward, backward, update); null when nobody listens. */
    private PassObserver passObserver;
    /**
     * Arrays this network allocated in its last training pass that only its layers still reference (hidden layers'
     * activations, a graph's vertex outputs): freed when the next pass replaces them, so native memory does not
     * wait for Java's garbage collector (ND4J frees an array's buffer only when its wrapper is collected or closed).
     */
    private final List<INDArray> owned = new ArrayList<>();

    private Net(MultiLayerNetwork mln, ComputationGraph graph) {
        this.mln = mln;
        this.graph = graph;
        this.dense = densePassFor(mln, graph);
        skipMiniBatchDivision();
    }

    /**
     * {@link #step()} passes a batch size of 1 (the error already is the batch mean's gradient), and DL4J would still
     * divide the whole gradient by it, one pass over every parameter per step; "not a mini-batch" skips that.
     */
    private void skipMiniBatchDivision() {
        model().conf().setMiniBatch(false);
    }

    private static DenseStackPass densePassFor(MultiLayerNetwork network, ComputationGraph graph) {
        if (Boolean.getBoolean(DL4J_DENSE_PATH_PROPERTY)) {
            return null;
        }
        return network != null ? DenseStackPass.of(network) : DenseStackPass.of(graph);
    }

    /** The same network trained by DL4J's layer code rather than gan4j's dense pass (tests compare the two). */
    Net withDl4jTrainingPath() {
        Net n = new Net(mln, graph);
        n.dense = null;
        return n;
    }

    /** Whether training passes run through gan4j's {@link DenseStackPass} rather than DL4J's layer code. */
    public boolean usesDenseStackPass() {
        return dense != null;
    }

    /** Wraps an initialised multi-layer network whose last layer emits the output (no DL4J OutputLayer). */
    public static Net of(MultiLayerNetwork network) {
        Objects.requireNonNull(network, "network");
        if (network.getLayers() == null) {
            network.init();
        }
        return new Net(network, null);
    }

    /** Wraps an initialised computation graph whose outputs are plain layers (no DL4J OutputLayer). */
    public static Net of(ComputationGraph network) {
        Objects.requireNonNull(network, "network");
        if (network.getVertices() == null) {
            network.init();
        }
        return new Net(null, network);
    }

    /** The wrapped DL4J model. */
    public Model model() {
        return mln != null ? mln : graph;
    }

    /** Whether this wraps a {@link ComputationGraph}. */
    public boolean isGraph() {
        return graph != null;
    }

    /** The wrapped network, when it is a {@link MultiLayerNetwork}. */
    public MultiLayerNetwork multiLayer() {
        if (mln == null) {
            throw new IllegalStateException("this Net wraps a ComputationGraph");
        }
        return mln;
    }

    /** The wrapped network, when it is a {@link ComputationGraph}. */
    public ComputationGraph computationGraph() {
        if (graph == null) {
            throw new IllegalStateException("this Net wraps a MultiLayerNetwork");
        }
        return graph;
    }

    /** Number of trainable parameters (including batch-norm running statistics, which DL4J stores as params). */
    public long numParams() {
        return model().numParams();
    }

    /** All parameters as one flat view (modifying it modifies the network). */
    public INDArray params() {
        return model().params();
    }

    /** Parameters by name ({@code "0_W"}, {@code "conv1_b"}...), views into {@link #params()}. */
    public Map<String, INDArray> paramTable() {
        return model().paramTable();
    }

    public DataType dataType() {
        return params().dataType();
    }

    /**
     * Whether a parameter (by its {@link #paramTable()} name) is learned by gradient. Batch norm's running mean and
     * variance are stored as parameters but are averages of the data, not weights.
     */
    public static boolean isLearned(String paramName) {
        return !(paramName.endsWith("_mean") || paramName.endsWith("_var") || paramName.endsWith("_log10stdev"));
    }

    /**
     * Clips every learned parameter (weights, biases, batch norm's scale and shift) into {@code [-bound, bound]} in
     * place, leaving batch-norm running statistics alone: WGAN's weight clipping (Arjovsky et al. 2017).
     */
    public void clipLearnedParameters(double bound) {
        if (!(bound > 0)) {
            throw new IllegalArgumentException("clip bound must be > 0, found " + bound);
        }
        Map<String, INDArray> table = paramTable();
        if (table.keySet().stream().allMatch(Net::isLearned)) {
            // Every parameter is learned (no batch-norm statistics): two ops over the flattened parameter array,
            // of which the layers' parameters are views, instead of two per parameter array (each ND4J op costs
            // ~25 µs however small; WGAN clips after each of its 5 critic updates per step).
            INDArray flat = params();
            Transforms.min(flat, bound, false);
            Transforms.max(flat, -bound, false);
            return;
        }
        for (Map.Entry<String, INDArray> e : table.entrySet()) {
            if (isLearned(e.getKey())) {
                INDArray p = e.getValue();
                Transforms.min(p, bound, false);
                Transforms.max(p, -bound, false);
            }
        }
    }

    /** Number of updates applied so far (DL4J's iteration count; Adam's bias correction reads it). */
    public int iteration() {
        return mln != null ? mln.getIterationCount() : graph.getIterationCount();
    }

    /** Whether any layer is batch normalisation (such a discriminator needs separate real and fake passes). */
    public boolean hasBatchNorm() {
        for (Layer l : layers()) {
            if (l instanceof BatchNormalization) {
                return true;
            }
        }
        return false;
    }

    /** Examples that went through training-mode {@link #forward} passes (for benchmarks' FLOP estimates). */
    public long trainingExamples() {
        return trainingExamples;
    }

    /** Restarts the {@link #trainingExamples()} count (after a benchmark's warm-up). */
    public void resetTrainingExamples() {
        trainingExamples = 0;
    }

    /** Input shapes of the last training-mode {@link #forward} pass, {@code [N, ...]} per input; null before one. */
    public long[][] lastInputShapes() {
        return lastInputShapes == null ? null : lastInputShapes.clone();
    }

    /** The network's layers in order (topological order for a graph). */
    public List<Layer> layers() {
        return Arrays.asList(mln != null ? mln.getLayers() : graph.getLayers());
    }

    // ---------------------------------------------------------------- forward

    /**
     * Inference-mode output (batch norm uses running statistics, dropout is off). Does not disturb the inputs kept
     * by an earlier {@link #forward} other than by replacing them; call it between {@code forward} and
     * {@code backward} only on a different network.
     */
    public INDArray output(INDArray input) {
        requireSingleOutput("output(INDArray)", "outputs(INDArray...)");
        return mln != null ? mln.output(input, false) : graph.outputSingle(false, input);
    }

    /** Inference-mode outputs of a graph with several inputs or outputs. */
    public INDArray[] outputs(INDArray... inputs) {
        if (mln != null) {
            return new INDArray[] {output(single(inputs))};
        }
        return graph.output(false, inputs);
    }

    /**
     * Training-mode forward pass that keeps each layer's input for a following {@link #backward}.
     *
     * @param input {@code [N, ...]} the network's input
     * @return the network's (single) output, detached from any workspace
     * @throws IllegalStateException when the network has several outputs (use {@link #forwardAll}, which returns
     *                               them all, rather than losing all but the first)
     */
    public INDArray forward(INDArray input) {
        requireSingleOutput("forward(INDArray)", "forwardAll(INDArray...)");
        return forward(new INDArray[] {input})[0];
    }

    /**
     * Training-mode forward pass of a graph with several inputs or outputs (e.g. a discriminator with an adversarial
     * head and an auxiliary head): every output, in configuration order ({@link #outputNames()}).
     */
    public INDArray[] forward(INDArray... inputs) {
        trainingExamples += inputs[0].size(0);
        lastInputShapes = new long[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            lastInputShapes[i] = inputs[i].shape();
        }
        releaseOwned();
        INDArray[] result;
        if (dense != null) {
            result = new INDArray[] {dense.forward(inputs)};
        } else if (mln != null) {
            mln.setInput(single(inputs));
            List<INDArray> acts = mln.feedForward(true, false);
            result = new INDArray[] {acts.get(acts.size() - 1)};
            own(acts, inputs, result);
        } else {
            Map<String, INDArray> acts = graph.feedForward(inputs, true, false);
            List<String> outs = graph.getConfiguration().getNetworkOutputs();
            result = new INDArray[outs.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = acts.get(outs.get(i));
            }
            own(acts.values(), inputs, result);
        }
        lastOutputShapes = new long[result.length][];
        for (int i = 0; i < result.length; i++) {
            lastOutputShapes[i] = result[i].shape();
        }
        notifyPass("forward");
        return result;
    }

    /**
     * {@link #forward(INDArray...)} under a name that Java cannot resolve to {@link #forward(INDArray)}: with one
     * input array, {@code forward(x)} is the single-output call, {@code forwardAll(x)} returns every head.
     */
    public INDArray[] forwardAll(INDArray... inputs) {
        return forward(inputs);
    }

    /** Number of outputs: 1 for a multi-layer network, the configured outputs of a graph. */
    public int numOutputs() {
        return mln != null ? 1 : graph.getConfiguration().getNetworkOutputs().size();
    }

    /**
     * The outputs' names in the order {@link #forward(INDArray...)} returns them: a graph's output vertices, or
     * {@code output} for a multi-layer network.
     */
    public List<String> outputNames() {
        return mln != null ? List.of("output") : List.copyOf(graph.getConfiguration().getNetworkOutputs());
    }

    /** The position of output {@code name} in {@link #outputNames()}. */
    public int outputIndex(String name) {
        int i = outputNames().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("the network has no output '" + name + "'; its outputs are "
                    + outputNames());
        }
        return i;
    }

    private void requireSingleOutput(String method, String instead) {
        if (numOutputs() != 1) {
            throw new IllegalStateException(method + " returns one output, and this network has " + numOutputs()
                    + " " + outputNames() + ": use " + instead);
        }
    }

    /**
     * Takes ownership of a forward pass's activations, except the caller's inputs and the outputs returned to the
     * caller and anything sharing their memory (a layer may return a view of its input, or an output may be a view
     * of a hidden activation): freeing those would pull memory from under arrays the caller holds.
     */
    private void own(Collection<INDArray> activations, INDArray[] inputs, INDArray[] outputs) {
        for (INDArray a : activations) {
            if (a == null || !a.closeable() || sharesMemory(a, Arrays.asList(inputs))
                    || sharesMemory(a, Arrays.asList(outputs)) || sharesMemory(a, owned)) {
                continue;
            }
            owned.add(a);
        }
    }

    /** Whether {@code a} is one of {@code others} or shares its allocation with one of them (nulls are skipped). */
    private static boolean sharesMemory(INDArray a, Collection<INDArray> others) {
        for (INDArray o : others) {
            if (o != null && (o == a || sameBuffer(o, a))) {
                return true;
            }
        }
        return false;
    }

    /** Whether two arrays are backed by the same allocation (one may be a view of the other). */
    static boolean sameBuffer(INDArray a, INDArray b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        org.nd4j.linalg.api.buffer.DataBuffer da = root(a.data());
        org.nd4j.linalg.api.buffer.DataBuffer db = root(b.data());
        return da == db || da.platformAddress() == db.platformAddress();
    }

    private static org.nd4j.linalg.api.buffer.DataBuffer root(org.nd4j.linalg.api.buffer.DataBuffer d) {
        org.nd4j.linalg.api.buffer.DataBuffer r = d;
        while (r.underlyingDataBuffer() != null && r.underlyingDataBuffer() != r) {
            r = r.underlyingDataBuffer();
        }
        while (r.originalDataBuffer() != null && r.originalDataBuffer() != r) {
            r = r.originalDataBuffer();
        }
        return r;
    }

    /**
     * Frees the hidden activations of the last training pass now instead of when Java's collector gets to them.
     * Called by the next {@link #forward}; call it directly when a network's last pass is done and its memory is
     * wanted back earlier. A {@link #backward} after this needs a new {@link #forward} first.
     */
    public void releaseActivations() {
        releaseOwned();
    }

    private void releaseOwned() {
        for (INDArray a : owned) {
            a.close();
        }
        owned.clear();
    }

    // ---------------------------------------------------------------- backward

    /**
     * Back-propagates dL/dOutput through the last {@link #forward} pass, adds the parameter gradient to this
     * step's total, and returns dL/dInput. Parameters are not changed until {@link #step()}.
     */
    public INDArray backward(INDArray dLdOutput) {
        return backward(new INDArray[] {dLdOutput})[0];
    }

    /**
     * {@link #backward(INDArray)} for a graph with several outputs; returns dL/dInput per network input.
     *
     * @param dLdOutputs one error per output, in {@link #outputNames()} order; a null entry is an output no loss
     *                   reads (error zero), at least one must be given
     */
    public INDArray[] backward(INDArray... dLdOutputs) {
        INDArray[] errors = errorsForEveryOutput(dLdOutputs);
        try {
            return backwardAll(errors);
        } finally {
            closeZeroErrors(errors, dLdOutputs);
        }
    }

    private INDArray[] backwardAll(INDArray[] dLdOutputs) {
        saveEarlierGradient();
        INDArray[] inputGrads;
        if (dense != null) {
            DenseStackPass.Result r = dense.backward(single(dLdOutputs), false);
            pending = r.gradient();
            inputGrads = r.inputGradients();
        } else if (mln != null) {
            Pair<Gradient, INDArray> p = mln.backpropGradient(single(dLdOutputs), LayerWorkspaceMgr.noWorkspaces());
            pending = p.getFirst();
            inputGrads = new INDArray[] {p.getSecond()};
        } else {
            inputGrads = graphBackward(dLdOutputs);
        }
        if (accumulated != null) {
            accumulated.addi(flatGradient());
            pendingIsAccumulated = true;
        }
        notifyPass("backward");
        return inputGrads;
    }

    /**
     * {@link #backward(INDArray...)} for a caller that does not want dL/dInput (a discriminator update, a
     * generator whose latent input is a constant): the same parameter gradient, added to this step's total; the
     * input gradient of the first layer is not computed where gan4j runs the pass itself ({@link DenseStackPass}),
     * and is freed at once where DL4J does.
     */
    public void backwardParameters(INDArray... dLdOutputs) {
        if (dense == null) {
            AdversarialUpdates.closeAll(backward(dLdOutputs));
            return;
        }
        checkErrorCount(dLdOutputs);
        saveEarlierGradient();
        pending = dense.backward(single(dLdOutputs), true, false).gradient();
        if (accumulated != null) {
            accumulated.addi(flatGradient());
            pendingIsAccumulated = true;
        }
        notifyPass("backward");
    }

    /**
     * dL/dInput only: back-propagates like {@link #backward(INDArray)} but discards the parameter gradient (used to
     * pass the generator's loss through a discriminator that must not learn from it).
     */
    public INDArray backwardInput(INDArray dLdOutput) {
        return backwardInput(new INDArray[] {dLdOutput})[0];
    }

    /** {@link #backwardInput(INDArray)} for graphs with several inputs or outputs. */
    public INDArray[] backwardInput(INDArray... dLdOutputs) {
        if (pending != null) {
            throw new IllegalStateException("backwardInput() would overwrite a parameter gradient that has not been"
                    + " applied; call step() or discardGradient() first");
        }
        if (dense != null) {
            checkErrorCount(dLdOutputs);
            // The parameter gradient would be thrown away: skip the weight-gradient products.
            INDArray[] grads = dense.backward(single(dLdOutputs), true).inputGradients();
            notifyPass("backward");
            return grads;
        }
        INDArray[] grads = backward(dLdOutputs);
        discardGradient();
        return grads;
    }

    /**
     * {@code dLdOutputs} with each null entry replaced by zeros shaped like that output of the last forward pass
     * (the same array when none is null, so single-output networks take the path they always took).
     */
    private INDArray[] errorsForEveryOutput(INDArray[] dLdOutputs) {
        checkErrorCount(dLdOutputs);
        INDArray[] errors = dLdOutputs;
        for (int i = 0; i < dLdOutputs.length; i++) {
            if (dLdOutputs[i] == null) {
                if (errors == dLdOutputs) {
                    errors = dLdOutputs.clone();
                }
                errors[i] = Nd4j.zeros(dataType(), lastOutputShapes[i]);
            }
        }
        return errors;
    }

    private void checkErrorCount(INDArray[] dLdOutputs) {
        if (dLdOutputs.length != numOutputs()) {
            throw new IllegalArgumentException(dLdOutputs.length + " errors for a network with " + numOutputs()
                    + " outputs " + outputNames() + "; pass null for an output no loss reads");
        }
        if (Arrays.stream(dLdOutputs).allMatch(Objects::isNull)) {
            throw new IllegalArgumentException("no error for any output " + outputNames());
        }
        if (lastOutputShapes == null) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
    }

    /** Frees the zero errors {@link #errorsForEveryOutput} made (those not among the caller's). */
    private static void closeZeroErrors(INDArray[] errors, INDArray[] given) {
        for (int i = 0; errors != given && i < errors.length; i++) {
            if (given[i] == null) {
                errors[i].close();
            }
        }
    }

    /** Forgets the parameter gradient accumulated since the last step. */
    public void discardGradient() {
        pending = null;
        pendingIsAccumulated = false;
        closeAccumulated();
    }

    private void closeAccumulated() {
        if (accumulated != null) {
            accumulated.close();
            accumulated = null;
        }
    }

    /**
     * Adds a parameter gradient computed outside DL4J's backward pass (e.g. WGAN-GP's penalty term, whose second
     * derivative DL4J's layers cannot take) to this step's total. Needs a {@link #backward} pass since the last step.
     *
     * @param flatGradient dL/dθ laid out like {@link #params()}
     */
    public void addGradient(INDArray flatGradient) {
        if (pending == null) {
            throw new IllegalStateException("addGradient() needs a backward() pass first");
        }
        if (flatGradient.length() != numParams()) {
            throw new IllegalArgumentException("a gradient of " + flatGradient.length() + " values for " + numParams()
                    + " parameters");
        }
        INDArray target = pendingIsAccumulated ? accumulated : flatGradient();
        target.addi(flatGradient.reshape(target.shape()).castTo(target.dataType()));
    }

    /** Receives each gradient {@link #step()} is about to apply. */
    @FunctionalInterface
    public interface StepObserver {
        /**
         * @param net          the network about to step
         * @param flatGradient dL/dθ laid out like {@link #params()}, the updater's input; a view the updater then
         *                     overwrites, so copy what you keep
         */
        void beforeUpdate(Net net, INDArray flatGradient);
    }

    /** Installs (or with null removes) the one observer of this network's updates, for tests and diagnostics. */
    public void setStepObserver(StepObserver observer) {
        this.stepObserver = observer;
    }

    /** Told when a training pass of a network has finished (the benchmark's memory breakdown listens). */
    @FunctionalInterface
    public interface PassObserver {
        /**
         * @param net  the network
         * @param pass {@code forward}, {@code backward} (also for {@link #backwardInput}) or {@code update}
         */
        void afterPass(Net net, String pass);
    }

    /** Installs (or with null removes) the one observer of this network's training passes, for diagnostics. */
    public void setPassObserver(PassObserver observer) {
        this.passObserver = observer;
    }

    private void notifyPass(String pass) {
        if (passObserver != null) {
            passObserver.afterPass(this, pass);
        }
    }

    /**
     * Splits an array laid out like {@link #params()} (a gradient, or one part of the optimizer's state) into
     * views named and shaped as in {@link #paramTable()}.
     */
    public Map<String, INDArray> asParamTable(INDArray flat) {
        INDArray all = params();
        if (flat.length() != all.length()) {
            throw new IllegalArgumentException(flat.length() + " values for " + all.length() + " parameters");
        }
        INDArray row = flat.reshape(flat.length());
        Map<String, INDArray> table = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : paramTable().entrySet()) {
            INDArray p = e.getValue();
            long start = p.offset() - all.offset();
            table.put(e.getKey(), row.get(NDArrayIndex.interval(start, start + p.length()))
                    .reshape(p.ordering(), p.shape()));
        }
        return table;
    }

    /**
     * The optimizer's state per parameter, each array shaped like the parameter: Adam's {@code [m, v]}, RMSProp's
     * {@code [v]} (for {@link PyTorchAdam} and {@link PyTorchRmsProp}; DL4J's own updaters use the same layout).
     * Views into the updater's state, so they change with every {@link #step()}. Parameters without state (batch
     * norm's running statistics) are left out.
     */
    public Map<String, List<INDArray>> optimizerState() {
        INDArray all = params();
        List<UpdaterBlock> blocks = mln != null ? ((BaseMultiLayerUpdater<?>) mln.getUpdater()).getUpdaterBlocks()
                : graph.getUpdater().getUpdaterBlocks();
        Map<String, List<INDArray>> state = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : paramTable().entrySet()) {
            INDArray p = e.getValue();
            long start = p.offset() - all.offset();
            for (UpdaterBlock b : blocks) {
                if (start >= b.getParamOffsetStart() && start < b.getParamOffsetEnd() && b.getUpdaterView() != null) {
                    state.put(e.getKey(), stateOf(b, start - b.getParamOffsetStart(), p));
                }
            }
        }
        return state;
    }

    /** The state arrays of the parameter {@code p} that starts {@code offset} values into block {@code b}. */
    private static List<INDArray> stateOf(UpdaterBlock b, long offset, INDArray p) {
        long blockLength = b.getParamOffsetEnd() - b.getParamOffsetStart();
        INDArray view = b.getUpdaterView().reshape(b.getUpdaterView().length());
        List<INDArray> arrays = new ArrayList<>();
        for (long k = 0; k < view.length() / blockLength; k++) {
            long from = k * blockLength + offset;
            arrays.add(view.get(NDArrayIndex.interval(from, from + p.length())).reshape(p.ordering(), p.shape()));
        }
        return arrays;
    }

    /**
     * Applies the accumulated parameter gradient with the network's updater (Adam, RMSProp...), advances the
     * iteration count and applies constraints (e.g. weight clipping), as DL4J's own {@code fit} does.
     */
    public void step() {
        if (pending == null) {
            throw new IllegalStateException("step() without a backward() pass");
        }
        INDArray flat = flatGradient();
        if (pendingIsAccumulated) {
            flat.assign(accumulated);
        }
        if (stepObserver != null) {
            stepObserver.beforeUpdate(this, flat);
        }
        int iter = iteration();
        int epoch = mln != null ? mln.getEpochCount() : graph.getEpochCount();
        Gradient forUpdater = forUpdater(pending);
        // Batch size 1: the error already is the gradient of the batch-mean loss.
        if (mln != null) {
            mln.getUpdater().update(mln, forUpdater, iter, epoch, 1, LayerWorkspaceMgr.noWorkspaces());
        } else {
            graph.getUpdater().update(forUpdater, iter, epoch, 1, LayerWorkspaceMgr.noWorkspaces());
        }
        params().subi(pending.gradient());
        if (mln != null) {
            mln.setIterationCount(iter + 1);
        } else {
            graph.getConfiguration().setIterationCount(iter + 1);
        }
        model().applyConstraints(iter + 1, epoch);
        pending = null;
        pendingIsAccumulated = false;
        closeAccumulated();
        notifyPass("update");
    }

    /**
     * The gradient as DL4J's updater must see it to take its ordinary path. DL4J's updater treats a gradient whose
     * {@code gradient()} is not, by reference, the network's own flattened gradient array as "external" and then
     * slices fresh views of every parameter and its gradient twice per update (about 100 native buffers and op
     * contexts per update of a 3-layer MLP, same arithmetic on the same memory); and {@link DefaultGradient#gradient()}
     * returns a new reshaped view at every call, so it never matched. Each of those short-lived buffers also leaves
     * a DeallocatorService entry that survives one young collection (docs/memory.md, "wgan-gp-ring8's growth"):
     * wgan-gp-ring8's step made 2,149 of them, 1,567 now. With {@link DenseStackPass}'s gradient, which is the
     * network's array, the updater gets that very array instead; results are bit-identical.
     */
    private Gradient forUpdater(Gradient g) {
        if (dense == null) {
            return g;
        }
        INDArray view = mln != null ? mln.getFlattenedGradients() : graph.getFlattenedGradients();
        return view != null && view == dense.flatGradients() ? new NetworkGradient(view, g) : g;
    }

    /** {@code of}'s per-variable gradients, with the network's own flattened gradient array as {@code gradient()}. */
    private static final class NetworkGradient extends DefaultGradient {
        private final INDArray view;
        private final Gradient of;

        NetworkGradient(INDArray view, Gradient of) {
            super(view);
            this.view = view;
            this.of = of;
        }

        @Override
        public INDArray gradient() {
            return view;
        }

        @Override
        public Map<String, INDArray> gradientForVariable() {
            return of.gradientForVariable();
        }

        @Override
        public INDArray getGradientFor(String variable) {
            return of.getGradientFor(variable);
        }

        @Override
        public Character flatteningOrderForVariable(String variable) {
            return of.flatteningOrderForVariable(variable);
        }
    }

    /**
     * Sets the learning rate of every layer's updater (for a schedule such as CycleGAN's linear decay), keeping the
     * updater's state (Adam's moments). With gan4j's updaters ({@link ScheduledUpdater}, which read the rate at every
     * update) the rate is changed in place. DL4J's own {@code setLearningRate} rebuilds the updater and allocates a new
     * state array (two floats per parameter for Adam) that is freed only when Java's collector reaches it: called every
     * step of CycleGAN's decay, it raised cyclegan-bold-mnist's native memory by 31 MiB at step 1,500, where the decay
     * starts. Other updaters still take DL4J's path.
     */
    public void setLearningRate(double lr) {
        List<ScheduledUpdater> updaters = scheduledUpdaters();
        if (updaters != null) {
            for (ScheduledUpdater u : updaters) {
                u.setLrAndSchedule(lr, null);
            }
        } else if (mln != null) {
            mln.setLearningRate(lr);
        } else {
            graph.setLearningRate(lr);
        }
    }

    /** The updater configurations of every learned layer when all are {@link ScheduledUpdater}s, else null. */
    private List<ScheduledUpdater> scheduledUpdaters() {
        List<ScheduledUpdater> found = new ArrayList<>();
        for (org.deeplearning4j.nn.api.Layer layer : mln != null ? mln.getLayers() : graph.getLayers()) {
            if (layer.numParams() == 0) {
                continue;
            }
            if (!(layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b)) {
                return null;
            }
            for (org.nd4j.linalg.learning.config.IUpdater u : new org.nd4j.linalg.learning.config.IUpdater[] {
                    b.getIUpdater(), b.getBiasUpdater()}) {
                if (u instanceof ScheduledUpdater s) {
                    found.add(s);
                } else if (u != null) {
                    return null;
                }
            }
        }
        return found;
    }

    /** The flat parameter gradient of the last backward pass (a view owned by the network). */
    public INDArray lastGradient() {
        if (pending == null) {
            throw new IllegalStateException("no backward() pass since the last step()");
        }
        if (pendingIsAccumulated) {
            return accumulated;
        }
        return flatGradient();
    }

    private INDArray flatGradient() {
        return pending.gradient();
    }

    /** A second backward pass overwrites DL4J's gradient view: keep the first one's gradient first. */
    private void saveEarlierGradient() {
        if (pending != null && accumulated == null) {
            accumulated = flatGradient().dup();
        }
    }

    private INDArray[] graphBackward(INDArray[] eps) {
        ComputationGraph g = graph;
        List<String> inputs = g.getConfiguration().getNetworkInputs();
        boolean noWorkspaces = g.getConfiguration().getTrainingWorkspaceMode() == WorkspaceMode.NONE
                && g.getConfiguration().getInferenceWorkspaceMode() == WorkspaceMode.NONE;
        if (!noWorkspaces) {
            return graphBackwardInWorkspaces(g, inputs, eps);
        }
        if (Boolean.getBoolean(DL4J_GRAPH_BACKPROP_PROPERTY)) {
            invokeCalcBackprop(g, eps);
            pending = g.gradient();
        } else {
            pending = backpropVertices(g, eps);
        }
        INDArray[] result = new INDArray[inputs.size()];
        for (int i = 0; i < result.length; i++) {
            GraphVertex v = g.getVertex(inputs.get(i));
            INDArray e = v.getEpsilon();
            result[i] = e == null ? null : e.dup();
        }
        clearVertices(g, eps, result);
        return result;
    }

    /** {@link #graphBackward} for a graph with workspaces: DL4J's own backward pass. */
    private INDArray[] graphBackwardInWorkspaces(ComputationGraph g, List<String> inputs, INDArray[] eps) {
        // Input errors are released with their workspaces; parameter gradients are still right. An input whose
        // only consumer keeps a detached copy of its error (the ResNet's first reflection padding) still gets
        // its gradient.
        KeepsInputGradient[] keepers = new KeepsInputGradient[inputs.size()];
        for (int i = 0; i < keepers.length; i++) {
            keepers[i] = soleKeeperOf(g, inputs.get(i));
            if (keepers[i] != null) {
                keepers[i].keepInputGradient(true);
            }
        }
        INDArray[] result = new INDArray[inputs.size()];
        try {
            pending = g.backpropGradient(eps);
        } finally {
            for (int i = 0; i < keepers.length; i++) {
                if (keepers[i] != null) {
                    keepers[i].keepInputGradient(false);
                    result[i] = keepers[i].takeInputGradient();
                }
            }
        }
        return result;
    }

    /** Clears the vertices of {@code g} and frees the errors they held, except {@code eps} and {@code result}. */
    private void clearVertices(ComputationGraph g, INDArray[] eps, INDArray[] result) {
        // Without workspaces every vertex's error is a fresh array that nothing else references once the vertices
        // are cleared: free them now (not the caller's errors, which output vertices hold).
        List<INDArray> errors = new ArrayList<>();
        for (GraphVertex v : g.getVertices()) {
            INDArray e = v.getEpsilon();
            if (e != null && e.closeable() && !sharesMemory(e, Arrays.asList(eps))
                    && !sharesMemory(e, Arrays.asList(result)) && !sharesMemory(e, owned) && !sharesMemory(e, errors)) {
                errors.add(e);
            }
        }
        for (GraphVertex v : g.getVertices()) {
            v.clear();
        }
        errors.forEach(INDArray::close);
    }

    /**
     * Scratch memory of {@link #backpropVertices}: what a layer allocates for itself during its backward pass (a
     * convolution recomputes its pre-activations there, batch norm its normalised input). Reset after every vertex
     * and sized by the largest vertex after a few passes, so those arrays cost nothing per step; DL4J's own loop
     * for a graph without workspaces allocates each of them afresh and leaves it to Java's collector (5.6 MB per
     * backward pass of cgan-dcgan-fashion's discriminator, ~16 MB a step).
     */
    private static final WorkspaceConfiguration BACKPROP_SCRATCH = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.02)
            .policyLearning(LearningPolicy.OVER_TIME)
            .cyclesBeforeInitialization(8)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .build();

    /** Workspace manager of {@link #backpropVertices}, made on first use. */
    private LayerWorkspaceMgr backpropWorkspaces;

    /**
     * Back-propagates through a graph's vertices in reverse topological order, as DL4J's
     * {@code calcBackpropGradients} does for a graph without workspaces, except for where memory comes from:
     * errors (dL/d of each vertex's output and input) are plain arrays, so every vertex keeps its error for the
     * caller (input gradients) and {@link #graphBackward} frees them; the layers' own working arrays come from one
     * workspace reused for every vertex and every step. Leaves each vertex's error set and returns the parameter
     * gradient over the flat gradient view, as DL4J's loop does.
     */
    private Gradient backpropVertices(ComputationGraph g, INDArray[] eps) {
        if (g.getFlattenedGradients() == null) {
            g.initGradientsView();
        }
        LayerWorkspaceMgr mgr = backpropWorkspaces();
        mgr.setHelperWorkspacePointers(g.getHelperWorkspaces());
        GraphVertex[] vertices = g.getVertices();
        int[] order = g.topologicalSortOrder();
        List<String> outputs = g.getConfiguration().getNetworkOutputs();
        boolean[] hasError = new boolean[vertices.length];
        List<Gradient> parts = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        MemoryWorkspace initial = Nd4j.getMemoryManager().getCurrentWorkspace();
        try {
            for (int i = order.length - 1; i >= 0; i--) {
                GraphVertex v = vertices[order[i]];
                if (v.isInputVertex()) {
                    continue;
                }
                int out = outputs.indexOf(v.getVertexName());
                if (out >= 0) {
                    v.setEpsilon(eps[out]);
                    hasError[v.getVertexIndex()] = true;
                }
                Pair<Gradient, INDArray[]> p;
                INDArray[] errors;
                try (MemoryWorkspace ws = mgr.notifyScopeEntered(ArrayType.BP_WORKING_MEM)) {
                    p = v.doBackward(false, mgr);
                    errors = p.getSecond();
                    for (int j = 0; j < errors.length; j++) {
                        if (errors[j] != null && errors[j].isAttached()) {
                            // Errors are made outside workspaces; should a layer return scratch, copy it out before
                            // the scratch is reset.
                            errors[j] = errors[j].detach();
                        }
                    }
                }
                passErrorsToInputs(vertices, v, errors, hasError);
                if (p.getFirst() != null) {
                    parts.add(p.getFirst());
                    owners.add(v.getVertexName());
                }
            }
        } finally {
            Nd4j.getMemoryManager().setCurrentWorkspace(initial);
        }
        return parameterGradient(g, parts, owners);
    }

    /** Hands {@code v}'s input errors {@code errors} to the vertices feeding it, summed where one feeds several. */
    private static void passErrorsToInputs(GraphVertex[] vertices, GraphVertex v, INDArray[] errors,
                                           boolean[] hasError) {
        VertexIndices[] from = v.getInputVertices();
        for (int j = 0; from != null && j < from.length; j++) {
            INDArray e = errors[j];
            GraphVertex src = vertices[from[j].getVertexIndex()];
            if (hasError[src.getVertexIndex()] && src.getEpsilon() != null && e != null) {
                // A vertex feeding several others: its error is the sum.
                src.getEpsilon().addi(e);
                if (e.closeable() && !sameBuffer(e, src.getEpsilon())) {
                    e.close();
                }
            } else {
                src.setEpsilon(e);
            }
            hasError[src.getVertexIndex()] = true;
        }
    }

    /** The vertices' gradients {@code parts} over {@code g}'s flat gradient view. */
    private static Gradient parameterGradient(ComputationGraph g, List<Gradient> parts, List<String> owners) {
        // In parameter order (the reverse of the backward order), keyed "vertex_param" as DL4J's updater expects.
        Gradient gradient = new DefaultGradient(g.getFlattenedGradients());
        for (int k = parts.size() - 1; k >= 0; k--) {
            Gradient part = parts.get(k);
            for (Map.Entry<String, INDArray> e : part.gradientForVariable().entrySet()) {
                gradient.setGradientFor(owners.get(k) + "_" + e.getKey(), e.getValue(),
                        part.flatteningOrderForVariable(e.getKey()));
            }
        }
        return gradient;
    }

    /** {@link #backpropWorkspaces}, made on first use. */
    private LayerWorkspaceMgr backpropWorkspaces() {
        if (backpropWorkspaces == null) {
            String scratch = "GAN4J_BACKPROP_" + System.identityHashCode(this);
            // Every other kind (errors, inputs, caches, RNN loops) outside workspaces. (The builder's
            // defaultNoWorkspace() would also keep the three below out.)
            backpropWorkspaces = LayerWorkspaceMgr.builder()
                    .noWorkspaceFor(ArrayType.INPUT)
                    .noWorkspaceFor(ArrayType.ACTIVATION_GRAD)
                    .noWorkspaceFor(ArrayType.RNN_FF_LOOP_WORKING_MEM)
                    .noWorkspaceFor(ArrayType.RNN_BP_LOOP_WORKING_MEM)
                    .noWorkspaceFor(ArrayType.UPDATER_WORKING_MEM)
                    .noWorkspaceFor(ArrayType.FF_CACHE)
                    .with(ArrayType.ACTIVATIONS, scratch, BACKPROP_SCRATCH)
                    .with(ArrayType.FF_WORKING_MEM, scratch, BACKPROP_SCRATCH)
                    .with(ArrayType.BP_WORKING_MEM, scratch, BACKPROP_SCRATCH)
                    .build();
        }
        return backpropWorkspaces;
    }

    /**
     * The layer that alone reads the network input {@code input}, when it reads nothing else and can keep its input
     * gradient out of the workspaces; else null.
     */
    private static KeepsInputGradient soleKeeperOf(ComputationGraph g, String input) {
        String consumer = null;
        for (Map.Entry<String, List<String>> e : g.getConfiguration().getVertexInputs().entrySet()) {
            if (e.getValue().contains(input)) {
                if (consumer != null || e.getValue().size() != 1) {
                    return null;
                }
                consumer = e.getKey();
            }
        }
        if (consumer == null) {
            return null;
        }
        GraphVertex v = g.getVertex(consumer);
        return v.hasLayer() && v.getLayer() instanceof KeepsInputGradient k ? k : null;
    }

    private static final Method CALC_BACKPROP;

    static {
        try {
            // Public backpropGradient clears every vertex's error before returning, input vertices included; the
            // protected method can keep them. Reflection, because a subclass would not survive ModelSerializer.
            CALC_BACKPROP = ComputationGraph.class.getDeclaredMethod("calcBackpropGradients", boolean.class,
                    boolean.class, INDArray[].class);
            CALC_BACKPROP.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static void invokeCalcBackprop(ComputationGraph g, INDArray[] eps) {
        try {
            CALC_BACKPROP.invoke(g, false, false, eps);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    private static INDArray single(INDArray[] arrays) {
        if (arrays.length != 1) {
            throw new IllegalArgumentException("a MultiLayerNetwork takes exactly one array, got " + arrays.length);
        }
        return arrays[0];
    }

    // ---------------------------------------------------------------- persistence

    /** Writes the network with its updater state (DL4J's zip format). */
    public void save(Path file) throws IOException {
        ModelSerializer.writeModel(model(), file.toFile(), true);
    }

    /**
     * Replaces this network's configuration, parameters, updater state and counters with those stored in
     * {@code file}, after checking the stored network has the same parameter layout.
     *
     * @throws IOException              when the file cannot be read as a DL4J model
     * @throws IllegalArgumentException when the stored network's layout differs (names the first difference)
     */
    public void load(Path file) throws IOException {
        discardGradient();
        if (mln != null) {
            MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
            requireSameLayout(file, loaded.paramTable());
            mln = loaded;
            if (dense != null) {
                dense = DenseStackPass.of(loaded);
            }
        } else {
            ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file.toFile(), true);
            requireSameLayout(file, loaded.paramTable());
            graph = loaded;
            if (dense != null) {
                dense = DenseStackPass.of(loaded);
            }
        }
        skipMiniBatchDivision();
    }

    private void requireSameLayout(Path file, Map<String, INDArray> stored) {
        Map<String, INDArray> mine = paramTable();
        if (!mine.keySet().equals(stored.keySet())) {
            throw new IllegalArgumentException(file + ": stored network has parameters " + stored.keySet()
                    + ", the configured one has " + mine.keySet());
        }
        for (Map.Entry<String, INDArray> e : mine.entrySet()) {
            long[] a = e.getValue().shape();
            long[] b = stored.get(e.getKey()).shape();
            if (!Arrays.equals(a, b)) {
                throw new IllegalArgumentException(file + ": parameter " + e.getKey() + " has shape "
                        + Arrays.toString(b) + " in the checkpoint, " + Arrays.toString(a) + " in the configured network");
            }
        }
    }

    @Override
    public String toString() {
        return (mln != null ? "MultiLayerNetwork" : "ComputationGraph") + "[" + numParams() + " params]";
    }
}
