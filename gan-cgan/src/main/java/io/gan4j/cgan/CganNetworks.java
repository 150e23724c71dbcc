package io.gan4j.cgan;

import io.gan4j.core.nn.ActivationName;
import io.gan4j.core.nn.Mlp;
import io.gan4j.core.nn.MlpConfig;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.OptimizerConfig;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds the conditional MLPs as two-input DL4J computation graphs:
 * <pre>
 *   input "x" [N, width] ───────────────────────────┐
 *   input "label" [N, C] one-hot ─ (embedding) ─────┴─ merge ─ dense/act/(bn)/(dropout) ... ─ "out" [N, nOut]
 * </pre>
 * The embedding is a bias-free dense layer on the one-hot vector, which equals a lookup table but, unlike DL4J's
 * {@code EmbeddingLayer}, passes a gradient back to the label input. Workspaces are off: {@link Net} needs the
 * input vertices' errors, which DL4J would otherwise release.
 */
public final class CganNetworks {
    /** Name of the label input. */
    public static final String LABEL = "label";

    private CganNetworks() {
    }

    /**
     * @param mlp        hidden layers and output activation
     * @param input      name of the first input ({@code z} for G, {@code x} for D)
     * @param inputWidth its width: latentDim for G, values per example for D
     * @param numClasses C, the width of the one-hot label input
     * @param encoding   how the label enters
     * @param embedding  embedding size for {@link CganConfig.LabelEncoding#EMBEDDING}
     * @param nOut       output width (values per example for G, 1 logit for D)
     * @return a graph with inputs {@code (input [N, inputWidth], label [N, C])} and one output {@code [N, nOut]}
     */
    public static Net build(MlpConfig mlp, String input, int inputWidth, int numClasses,
                            CganConfig.LabelEncoding encoding, int embedding, int nOut, OptimizerConfig optimizer,
                            long seed, DataType dataType) {
        ComputationGraphConfiguration.GraphBuilder b = Mlp
                .networkBuilder(optimizer, mlp.weightInit(), seed, dataType, WorkspaceMode.NONE)
                .graphBuilder()
                .addInputs(input, LABEL);
        String label = LABEL;
        int labelWidth = numClasses;
        if (encoding == CganConfig.LabelEncoding.EMBEDDING) {
            b.addLayer("embedding", new DenseLayer.Builder().nIn(numClasses).nOut(embedding).hasBias(false)
                    .activation(ActivationName.IDENTITY.toDl4j(0)).build(), LABEL);
            label = "embedding";
            labelWidth = embedding;
        }
        b.addVertex("merge", new MergeVertex(), input, label);
        String previous = "merge";
        int width = inputWidth + labelWidth;
        int i = 0;
        for (int h : mlp.hidden()) {
            String dense = "dense" + i;
            b.addLayer(dense, new DenseLayer.Builder().nIn(width).nOut(h)
                    .activation(mlp.activation().toDl4j(mlp.leakySlope())).build(), previous);
            previous = dense;
            if (mlp.batchNorm()) {
                // DL4J's decay is Keras's momentum.
                b.addLayer("bn" + i, new BatchNormalization.Builder().nIn(h).nOut(h)
                        .decay(mlp.batchNormMomentum()).eps(mlp.batchNormEpsilon()).build(), previous);
                previous = "bn" + i;
            }
            if (mlp.dropout() > 0) {
                // DL4J's argument is the probability of keeping a unit.
                b.addLayer("dropout" + i, new DropoutLayer.Builder(1.0 - mlp.dropout()).build(), previous);
                previous = "dropout" + i;
            }
            width = h;
            i++;
        }
        b.addLayer("out", new DenseLayer.Builder().nIn(width).nOut(nOut)
                .activation(mlp.outputActivation().toDl4j(mlp.leakySlope())).build(), previous);
        b.setOutputs("out");
        return mlp.weightInit().newNet(b.build(), seed);
    }
}
