package io.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gan4j.core.api.StepRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Weight initialisations a config can name (biases start at 0 unless the initialisation says otherwise). */
public enum InitName {
    /** U(±√(6/(fanIn+fanOut))): Glorot &amp; Bengio 2010, Keras's default for Dense and Conv. */
    @JsonProperty("xavier-uniform") XAVIER_UNIFORM,
    /** N(0, 2/(fanIn+fanOut)). */
    @JsonProperty("xavier-normal") XAVIER_NORMAL,
    /** U(±√(6/fanIn)): He et al. 2015, for ReLU networks. */
    @JsonProperty("he-uniform") HE_UNIFORM,
    /**
     * N(0, 0.02²): the DCGAN paper's initialisation, with batch norm's scale γ ~ N(1, 0.02²) and shift 0, as the
     * reference code's {@code weights_init} (DCGAN, pix2pix, CycleGAN) sets them ({@link #finishInitialisation}).
     */
    @JsonProperty("normal-0.02") NORMAL_002,
    /**
     * U(±1/√fanIn) weights, biases 0: the weight bound of PyTorch's {@code nn.Linear} and {@code nn.Conv*} defaults
     * (DL4J's {@code UNIFORM}). For 784 → 512 this is 0.036 against Glorot's 0.068.
     */
    @JsonProperty("uniform") UNIFORM,
    /**
     * PyTorch's default for {@code nn.Linear} and {@code nn.Conv2d} ({@code kaiming_uniform_(a=√5)}): weights and biases
     * U(±1/√fanIn), fanIn the inputs of one output unit (for transposed convolutions the biases follow PyTorch's
     * fan-in, output channels times kernel area, the weights DL4J's). What a PyTorch implementation that does not set an initialisation gets; on
     * vanilla-mnist it, not the training step, made the difference between FID 15 and 21 (benchmarks/fid-gap.md).
     */
    @JsonProperty("pytorch-default") PYTORCH_DEFAULT;

    /** Standard deviation of {@link #NORMAL_002}'s weights and of its batch-norm scales around 1. */
    public static final double REFERENCE_STD = 0.02;

    /**
     * What DL4J's per-layer initialisers cannot draw, for a freshly initialised {@code net}: batch-norm scales γ from
     * N(1, 0.02²) for {@link #NORMAL_002} (DL4J starts them at 1), biases from U(±1/√fanIn) for
     * {@link #PYTORCH_DEFAULT} (DL4J starts them at a constant); nothing for the others (γ = 1 and biases 0, as Keras
     * and DL4J have them). The draws come from {@code seed}, so a network is the same for the same seed.
     */
    public void finishInitialisation(Net net, long seed) {
        if (this != NORMAL_002 && this != PYTORCH_DEFAULT) {
            return;
        }
        // Its own stream, apart from the one DL4J draws the weights from with the same seed.
        StepRandom random = new StepRandom(seed ^ 0x6a3a_5ca1_e0b7_19d3L);
        for (Layer layer : net.layers()) {
            if (this == NORMAL_002 && layer instanceof BatchNormalization) {
                INDArray gamma = layer.getParam("gamma");
                gamma.assign(random.gaussian(gamma.dataType(), gamma.shape()).muli(REFERENCE_STD).addi(1.0));
            }
            if (this == PYTORCH_DEFAULT && layer.conf().getLayer() instanceof FeedForwardLayer
                    && !(layer instanceof BatchNormalization) && !(layer.conf().getLayer() instanceof InstanceNormalization)
                    && layer.paramTable().containsKey("b") && layer.paramTable().containsKey("W")) {
                INDArray w = layer.getParam("W");
                INDArray b = layer.getParam("b");
                // DL4J's dense W is [in, out]; convolution [out, in, kh, kw] and transposed [in, out, kh, kw], whose
                // dimension 1 times the kernel area is PyTorch's fan-in for both.
                long fanIn = w.rank() == 2 ? w.size(0) : w.size(1) * w.size(2) * w.size(3);
                double bound = 1 / Math.sqrt(fanIn);
                b.assign(random.uniform(b.dataType(), -bound, bound, b.shape()));
            }
        }
    }

    /**
     * A new network of {@code conf}: DL4J draws its parameters (from the seed in {@code conf}), then
     * {@link #finishInitialisation} with {@code seed}.
     */
    public Net newNet(MultiLayerConfiguration conf, long seed) {
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return finished(Net.of(network), seed);
    }

    /** As {@link #newNet(MultiLayerConfiguration, long)} for a graph network. */
    public Net newNet(ComputationGraphConfiguration conf, long seed) {
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return finished(Net.of(graph), seed);
    }

    private Net finished(Net net, long seed) {
        finishInitialisation(net, seed);
        return net;
    }

    /** The DL4J weight initialisation. */
    public IWeightInit toDl4j() {
        return switch (this) {
            case XAVIER_UNIFORM -> WeightInit.XAVIER_UNIFORM.getWeightInitFunction();
            case XAVIER_NORMAL -> WeightInit.XAVIER.getWeightInitFunction();
            case HE_UNIFORM -> WeightInit.RELU_UNIFORM.getWeightInitFunction();
            case NORMAL_002 -> new WeightInitDistribution(new NormalDistribution(0, REFERENCE_STD));
            case UNIFORM, PYTORCH_DEFAULT -> WeightInit.UNIFORM.getWeightInitFunction();
        };
    }
}
