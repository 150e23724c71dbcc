package io.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import io.gan4j.core.train.StepRandom;

/** Weight initialisations a config can name (biases always start at 0). */
public enum InitName {
    /** U(±√(6/(fanIn+fanOut))): Glorot &amp; Bengio 2010, Keras's default for Dense and Conv. */
    @JsonProperty("xavier-uniform") XAVIER_UNIFORM,
    /** N(0, 2/(fanIn+fanOut)). */
    @JsonProperty("xavier-normal") XAVIER_NORMAL,
    /** U(±√(6/fanIn)): He et al. 2015, for ReLU networks. */
    @JsonProperty("he-uniform") HE_UNIFORM,
    /**
     * N(0, 0.02²): the DCGAN paper's initialisation, with batch norm's scale γ ~ N(1, 0.02²) and shift 0, as the
     * reference code's {@code weights_init} (DCGAN, pix2pix, CycleGAN) sets them ({@link #initialiseBatchNorm}).
     */
    @JsonProperty("normal-0.02") NORMAL_002;

    /** Standard deviation of {@link #NORMAL_002}'s weights and of its batch-norm scales around 1. */
    public static final double REFERENCE_STD = 0.02;

    /**
     * Sets every batch-norm scale γ of a freshly initialised {@code net} as this initialisation prescribes: drawn
     * from N(1, 0.02²) for {@link #NORMAL_002} (DL4J starts them at 1), left at 1 otherwise (Keras's and DL4J's
     * default). The draws come from {@code seed}, so a network is the same for the same seed.
     */
    public void initialiseBatchNorm(Net net, long seed) {
        if (this != NORMAL_002) {
            return;
        }
        // Its own stream, apart from the one DL4J draws the weights from with the same seed.
        StepRandom random = new StepRandom(seed ^ 0x6a3a_5ca1_e0b7_19d3L);
        for (java.util.Map.Entry<String, org.nd4j.linalg.api.ndarray.INDArray> e : net.paramTable().entrySet()) {
            if (e.getKey().endsWith("_gamma")) {
                org.nd4j.linalg.api.ndarray.INDArray gamma = e.getValue();
                gamma.assign(random.gaussian(gamma.dataType(), gamma.shape()).muli(REFERENCE_STD).addi(1.0));
            }
        }
    }

    /** The DL4J weight initialisation. */
    public IWeightInit toDl4j() {
        return switch (this) {
            case XAVIER_UNIFORM -> WeightInit.XAVIER_UNIFORM.getWeightInitFunction();
            case XAVIER_NORMAL -> WeightInit.XAVIER.getWeightInitFunction();
            case HE_UNIFORM -> WeightInit.RELU_UNIFORM.getWeightInitFunction();
            case NORMAL_002 -> new WeightInitDistribution(new NormalDistribution(0, REFERENCE_STD));
        };
    }
}
