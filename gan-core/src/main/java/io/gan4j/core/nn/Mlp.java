package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

/** Builds {@link MlpConfig} networks as DL4J {@link MultiLayerNetwork}s wrapped in {@link Net}. */
public final class Mlp {
    private Mlp() {
    }

    /**
     * The settings every gan4j network shares: seed, data type, updater, weight initialisation and one workspace mode
     * for training and inference ({@link WorkspaceMode#NONE} for graphs whose input gradients or dropout meet external
     * errors). Convolutional networks add theirs ({@link ConvNets#networkBuilder}).
     */
    public static NeuralNetConfiguration.Builder networkBuilder(OptimizerConfig optimizer, InitName weightInit,
                                                                long seed, DataType dataType, WorkspaceMode workspaces) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(optimizer.toUpdater())
                .weightInit(weightInit.toDl4j())
                .trainingWorkspaceMode(workspaces)
                .inferenceWorkspaceMode(workspaces);
    }

    /**
     * Builds and initialises an MLP.
     *
     * @param config    layer widths and activations
     * @param nIn       input width (e.g. latent size, or 784 for a flattened 28x28 image)
     * @param nOut      output width (e.g. 784 for a generator, 1 for a discriminator's logit)
     * @param optimizer the network's updater
     * @param seed      seed of the weight initialisation
     * @param dataType  parameter and activation type
     * @return a network taking {@code [N, nIn]} and returning {@code [N, nOut]}
     */
    public static Net build(MlpConfig config, int nIn, int nOut, OptimizerConfig optimizer, long seed, DataType dataType) {
        NeuralNetConfiguration.ListBuilder list = networkBuilder(optimizer, config.weightInit(), seed, dataType,
                WorkspaceMode.ENABLED).list();
        int width = nIn;
        for (int h : config.hidden()) {
            list.layer(new DenseLayer.Builder().nIn(width).nOut(h)
                    .activation(config.activation().toDl4j(config.leakySlope())).build());
            if (config.batchNorm()) {
                // DL4J's decay is Keras's momentum: running = decay*running + (1-decay)*batch.
                list.layer(new BatchNormalization.Builder().nIn(h).nOut(h)
                        .decay(config.batchNormMomentum()).eps(config.batchNormEpsilon()).build());
            }
            if (config.dropout() > 0) {
                // DL4J's argument is the probability of keeping a unit.
                list.layer(new DropoutLayer.Builder(1.0 - config.dropout()).build());
            }
            width = h;
        }
        list.layer(new DenseLayer.Builder().nIn(width).nOut(nOut)
                .activation(config.outputActivation().toDl4j(config.leakySlope())).build());
        return config.weightInit().newNet(list.build(), seed);
    }
}
