package io.gan4j.cgan;

import io.gan4j.core.nn.ConvNetConfig;
import io.gan4j.core.nn.ConvNets;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.OptimizerConfig;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;

/**
 * The conv backbone's discriminator: the DCGAN discriminator of {@link ConvNets} with a projection head (Miyato
 * and Koyama 2018, "cGANs with Projection Discriminator", arXiv:1802.05637).
 *
 * <p>With φ(x) {@code [N, F, b, b]} the features of the last strided convolution (F = width·2^(stages−1), b the
 * base size), the logit is
 * <pre>
 *   D(x, y) = ψ(φ(x)) + ⟨V_y, φ(x)⟩
 * </pre>
 * where ψ is DCGAN's own last convolution (kernel b×b → 1 channel, the unconditional logit) and V_y, a learned
 * {@code F×b×b} template per class, is the projection term. The class scores {@code ⟨V_k, φ⟩} for all k come
 * from one more b×b convolution with K output channels and no bias; multiplying them by the one-hot y and summing
 * picks the term of the example's class.
 *
 * <p>Why a projection rather than label channels concatenated to the image: a constant label plane passed
 * through the first convolution only adds a per-class bias to the first layer (away from the borders), which the
 * following batch norm and nonlinearities must carry to the end; the projection puts the class in the last,
 * linear step where it directly changes the logit, and Miyato and Koyama found it gave better class-conditional
 * samples than input concatenation. It also leaves the image path exactly the DCGAN network.
 *
 * <p>Graph (DL4J {@link ComputationGraph}, workspaces off so {@link Net} can read the input errors):
 * <pre>
 *   "x" [N, C, S, S] ─ conv stack ─ φ [N, F, b, b] ─┬─ psi: conv b×b → [N, 1, 1, 1] ─────────────┐
 *                                                   └─ classScores: conv b×b → [N, K, 1, 1] ─┐   ├ merge [N, 1+K, 1, 1]
 *   "label" [N, K, 1, 1] one-hot ─────────────────────────────────────────── product ───────┘───┘   │
 *                                           reshape [N, 1, 1, 1+K] ─ global sum pooling ─ "logit" [N, 1]
 * </pre>
 */
public final class ProjectionDiscriminator {
    /** Name of the image input. */
    public static final String IMAGE = "x";
    /** Name of the label input, one-hot {@code [N, K, 1, 1]}. */
    public static final String LABEL = "label";

    private ProjectionDiscriminator() {
    }

    /**
     * @param config     the DCGAN discriminator's widths and activations (outputActivation must be identity)
     * @param imageShape {@code [C, S, S]}
     * @param numClasses K
     * @return a network with inputs {@code (x [N, C, S, S] in [-1, 1], label [N, K, 1, 1] one-hot)} and one
     *         output, the logits {@code [N, 1]}
     */
    public static Net build(ConvNetConfig config, long[] imageShape, int numClasses, OptimizerConfig optimizer,
                            long seed, DataType dataType) {
        ConvNets.Layout layout = ConvNets.layout(imageShape[1], imageShape[2]);
        ComputationGraphConfiguration.GraphBuilder b = ConvNets
                .networkBuilder(optimizer, config.weightInit(), seed, dataType, WorkspaceMode.NONE)
                .graphBuilder()
                .addInputs(IMAGE, LABEL)
                .setInputTypes(InputType.convolutional(imageShape[1], imageShape[2], imageShape[0]),
                        InputType.convolutional(1, 1, numClasses));
        String previous = IMAGE;
        // The image path is exactly DCGAN's discriminator up to its output convolution.
        List<Layer> features = ConvNets.discriminatorFeatures(config, layout);
        for (int i = 0; i < features.size(); i++) {
            b.addLayer("features" + i, features.get(i), previous);
            previous = "features" + i;
        }
        int base = layout.baseSize();
        b.addLayer("psi", new ConvolutionLayer.Builder(base, base).stride(1, 1).padding(0, 0).nOut(1)
                .activation(new ActivationIdentity()).build(), previous);
        b.addLayer("classScores", new ConvolutionLayer.Builder(base, base).stride(1, 1).padding(0, 0)
                .nOut(numClasses).hasBias(false).activation(new ActivationIdentity()).build(), previous);
        b.addVertex("projection", new ElementWiseVertex(ElementWiseVertex.Op.Product), "classScores", LABEL);
        b.addVertex("terms", new MergeVertex(), "psi", "projection");
        // The 1 + K terms as one row of a 1×(1+K) map, so global sum pooling adds them up.
        b.addVertex("termsAsRow", new ReshapeVertex(-1, 1, 1, 1 + numClasses), "terms");
        b.addLayer("logit", new GlobalPoolingLayer.Builder(PoolingType.SUM).build(), "termsAsRow");
        b.setOutputs("logit");
        return config.weightInit().newNet(b.build(), seed);
    }
}
