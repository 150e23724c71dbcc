package io.gan4j.infogan;

import io.gan4j.core.nn.ActivationName;
import io.gan4j.core.nn.ConvNets;
import io.gan4j.core.nn.JavaBatchNormalization;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.OnePassConvolution2D;
import io.gan4j.core.nn.OnePassDense;
import io.gan4j.core.nn.OnePassDeconvolution2D;
import io.gan4j.core.nn.OptimizerConfig;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The networks of the paper's MNIST experiment (Chen et al. 2016, Appendix C.1, Table 1), for square images whose
 * side S is a multiple of 4 (28 for MNIST; S/4 = 7 below):
 * <pre>
 *   G: (z, c) [N, 74] → FC 1024, BN, ReLU → FC 7·7·128, BN, ReLU → 4×4 upconv 64 stride 2, BN, ReLU
 *      → 4×4 upconv C stride 2, tanh                                     → [N, C, 28, 28] in [−1, 1]
 *   D: x [N, C, 28, 28] → 4×4 conv 64 stride 2, lReLU → 4×4 conv 128 stride 2, BN, lReLU → FC 1024, BN, lReLU
 *      ├→ "adv": FC 1, the adversarial logit
 *      └→ Q: FC 128, BN, lReLU ├→ "q_categorical": FC K, logits of Q(c1|x)
 *                              └→ "q_continuous":  FC D, means of Q(c2..|x)
 * </pre>
 * The paper's G ends in a sigmoid for pixels in [0, 1]; gan4j's images are in [−1, 1], hence tanh. Q shares all of
 * D's body, as in the paper ("Q and D share all convolutional layers"), and is one graph with D, so D's optimizer
 * trains Q and the body on the information loss. Workspaces are off: G is trained through D, which needs D's input
 * gradient ({@link Net}). Convolutions and dense layers are gan4j's one-pass versions of DL4J's ({@link OnePassDense}),
 * whose backward passes do not compute the forward pass again: same parameters and results.
 */
public final class InfoGanNetworks {
    /** D's adversarial output. */
    public static final String ADVERSARIAL = "adv";
    /** Q's head for the categorical code: K logits. */
    public static final String Q_CATEGORICAL = "q_categorical";
    /** Q's head for the continuous codes: one mean each. */
    public static final String Q_CONTINUOUS = "q_continuous";

    private InfoGanNetworks() {
    }

    /** G: {@code [N, codeWidth]} → {@code [N, C, S, S]}. */
    public static Net generator(InfoGanConfig config, long[] imageShape, long seed, DataType dataType) {
        int quarter = Math.toIntExact(imageShape[1] / 4);
        MultiLayerNetwork net = new MultiLayerNetwork(builder(config, config.generatorOptimizer(), seed, dataType,
                WorkspaceMode.ENABLED).list()
                .layer(dense(1024, false))
                .layer(batchNorm(1024))
                .layer(activation(ActivationName.RELU, 0))
                .layer(dense(quarter * quarter * 128, false))
                .layer(batchNorm(quarter * quarter * 128))
                .layer(activation(ActivationName.RELU, 0))
                .inputPreProcessor(6, new FeedForwardToCnnPreProcessor(quarter, quarter, 128))
                .layer(new OnePassDeconvolution2D(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1)
                        .nIn(128).nOut(64).hasBias(false).activation(new ActivationIdentity())))
                .layer(batchNorm(64))
                .layer(activation(ActivationName.RELU, 0))
                .layer(new OnePassDeconvolution2D(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1)
                        .nOut(imageShape[0]).activation(ActivationName.TANH.toDl4j(0))))
                .setInputType(InputType.feedForward(config.codeWidth()))
                .build());
        net.init();
        Net g = Net.of(net);
        config.weightInit().finishInitialisation(g, seed);
        return g;
    }

    /** D with Q: {@code [N, C, S, S]} → {@link #ADVERSARIAL} {@code [N, 1]} and Q's heads (those with a code). */
    public static Net discriminator(InfoGanConfig config, long[] imageShape, long seed, DataType dataType) {
        double slope = config.leakySlope();
        ComputationGraphConfiguration.GraphBuilder b = builder(config, config.discriminatorOptimizer(), seed,
                dataType, WorkspaceMode.NONE).graphBuilder()
                .addInputs("x")
                .addLayer("conv1", new OnePassConvolution2D(new ConvolutionLayer.Builder(4, 4).stride(2, 2)
                        .padding(1, 1).nOut(64).activation(ActivationName.LEAKY_RELU.toDl4j(slope))), "x")
                .addLayer("conv2", new OnePassConvolution2D(new ConvolutionLayer.Builder(4, 4).stride(2, 2)
                        .padding(1, 1).nOut(128).hasBias(false).activation(new ActivationIdentity())), "conv1")
                .addLayer("bn2", batchNorm(128), "conv2")
                .addLayer("act2", activation(ActivationName.LEAKY_RELU, slope), "bn2")
                .addLayer("fc", dense(1024, false), "act2")
                .addLayer("bn3", batchNorm(1024), "fc")
                .addLayer("body", activation(ActivationName.LEAKY_RELU, slope), "bn3")
                .addLayer(ADVERSARIAL, dense(1, true), "body")
                .addLayer("q_fc", dense(128, false), "body")
                .addLayer("q_bn", batchNorm(128), "q_fc")
                .addLayer("q", activation(ActivationName.LEAKY_RELU, slope), "q_bn");
        java.util.List<String> outputs = new java.util.ArrayList<>(java.util.List.of(ADVERSARIAL));
        if (config.categorical() > 0) {
            b.addLayer(Q_CATEGORICAL, dense(config.categorical(), true), "q");
            outputs.add(Q_CATEGORICAL);
        }
        if (config.continuous() > 0) {
            b.addLayer(Q_CONTINUOUS, dense(config.continuous(), true), "q");
            outputs.add(Q_CONTINUOUS);
        }
        b.setOutputs(outputs.toArray(new String[0]))
                .setInputTypes(InputType.convolutional(imageShape[1], imageShape[2], imageShape[0]));
        ComputationGraph graph = new ComputationGraph(b.build());
        graph.init();
        Net d = Net.of(graph);
        config.weightInit().finishInitialisation(d, seed);
        return d;
    }

    private static NeuralNetConfiguration.Builder builder(InfoGanConfig config, OptimizerConfig optimizer, long seed,
                                                          DataType dataType, WorkspaceMode workspaces) {
        return ConvNets.networkBuilder(optimizer, config.weightInit(), seed, dataType, workspaces);
    }

    /**
     * A fully connected layer with the identity activation (batch norm, an activation layer or a loss follows), as
     * {@link OnePassDense}: DL4J's layer without the product its backward pass would compute again.
     */
    private static OnePassDense dense(long nOut, boolean bias) {
        return OnePassDense.of(new DenseLayer.Builder().nOut(nOut).hasBias(bias).activation(new ActivationIdentity()));
    }

    /** Batch norm over {@code channels}, as {@link JavaBatchNormalization}: DL4J's layer with Java kernels. */
    private static JavaBatchNormalization batchNorm(long channels) {
        return JavaBatchNormalization.of(new BatchNormalization.Builder().nOut(channels));
    }

    private static ActivationLayer activation(ActivationName name, double slope) {
        return new ActivationLayer.Builder().activation(name.toDl4j(slope)).build();
    }
}
