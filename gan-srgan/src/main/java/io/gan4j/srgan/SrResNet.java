package io.gan4j.srgan;

import io.gan4j.core.nn.ConvNets;
import io.gan4j.core.nn.JavaBatchNormalization;
import io.gan4j.core.nn.Net;
import io.gan4j.core.nn.OnePassConvolution2D;
import io.gan4j.core.nn.OptimizerConfig;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds SRGAN's generator, SRResNet (Ledig et al. 2017, Figure 4 top), as a DL4J {@link ComputationGraph} from a
 * low-resolution image {@code [N, C, h, w]} in [-1, 1] to {@code [N, C, h·2^s, w·2^s]} in [-1, 1] for s up-sampling
 * stages (×4: s = 2). With k = {@code width}:
 * <ol>
 *   <li>{@code head}: conv 9×9 (padding 4) to k channels, PReLU;</li>
 *   <li>B residual blocks: {@code x + BN(conv3(PReLU(BN(conv3(x)))))};</li>
 *   <li>conv 3×3, BN, plus the head's output (the long skip connection);</li>
 *   <li>s times: conv 3×3 to 4k channels, {@link PixelShuffle} by 2 (back to k channels at twice the size),
 *       PReLU — the paper's sub-pixel convolution (Shi et al. 2016);</li>
 *   <li>conv 9×9 (padding 4) to C channels, then tanh. The paper's last layer has no activation on images it scales
 *       to [-1, 1]; tanh keeps outputs in the data's range [-1, 1], as gan4j's other generators do.</li>
 * </ol>
 * Every convolution is stride 1 and keeps the size (padding (kernel − 1)/2); a convolution that batch norm follows
 * has no bias (batch norm's shift replaces it). PReLU has one learned slope per channel, starting at 0.25 (PyTorch's
 * {@code nn.PReLU(k)}), one {@link PRelu} layer each.
 *
 * <p>Workspaces are off: DL4J's BatchNormalization keeps forward intermediates in a workspace that {@link Net}'s
 * detached forward pass has closed before the backward pass (as for gan-core's ResNet generator with batch norm).
 */
public final class SrResNet {
    /** PReLU's starting slope (He et al. 2015; PyTorch's default). */
    static final double PRELU_INIT = 0.25;

    private SrResNet() {
    }

    /**
     * Builds and initialises an SRResNet.
     *
     * @param config     width, residual blocks, batch norm settings
     * @param lowRes     {@code [C, h, w]} of the low-resolution input
     * @param stages     ×2 up-sampling stages, at least 1 (×4 = 2)
     * @param optimizer  the network's updater
     * @param seed       seed of the weight initialisation
     * @param dataType   parameter and activation type
     * @return a graph with input {@code lr} and one output {@code [N, C, h·2^stages, w·2^stages]} in [-1, 1]
     */
    public static Net generator(SrResNetConfig config, long[] lowRes, int stages, OptimizerConfig optimizer,
                                long seed, DataType dataType) {
        if (lowRes.length != 3 || stages < 1) {
            throw new IllegalArgumentException("need a [C, h, w] input and at least one stage, found "
                    + java.util.Arrays.toString(lowRes) + " and " + stages);
        }
        int c = (int) lowRes[0];
        int k = config.width();
        ComputationGraphConfiguration.GraphBuilder g = ConvNets
                .networkBuilder(optimizer, config.weightInit(), seed, dataType, WorkspaceMode.NONE)
                .graphBuilder()
                .addInputs("lr")
                .setInputTypes(InputType.convolutional(lowRes[1], lowRes[2], c));
        Blocks b = new Blocks(g, config);
        String head = b.prelu("head", b.conv("head", "lr", 9, k, true));
        String x = head;
        for (int r = 1; r <= config.residualBlocks(); r++) {
            String inner = b.prelu("res" + r + "a",
                    b.batchNorm("res" + r + "a", b.conv("res" + r + "a", x, 3, k, false), k));
            String outer = b.batchNorm("res" + r + "b", b.conv("res" + r + "b", inner, 3, k, false), k);
            g.addVertex("res" + r, new ElementWiseVertex(ElementWiseVertex.Op.Add), x, outer);
            x = "res" + r;
        }
        String body = b.batchNorm("body", b.conv("body", x, 3, k, false), k);
        g.addVertex("skip", new ElementWiseVertex(ElementWiseVertex.Op.Add), head, body);
        x = "skip";
        for (int s = 1; s <= stages; s++) {
            String conv = b.conv("up" + s, x, 3, 4 * k, true);
            g.addLayer("up" + s + "_shuffle", new PixelShuffle(2), conv);
            x = b.prelu("up" + s, "up" + s + "_shuffle");
        }
        g.addLayer("out", new OnePassConvolution2D(new ConvolutionLayer.Builder(9, 9).stride(1, 1).padding(4, 4).nOut(c)
                .activation(new ActivationTanH())), x);
        g.setOutputs("out");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        Net net = Net.of(graph);
        config.weightInit().finishInitialisation(net, seed);
        return net;
    }

    /** Adds convolutions, batch norm and PReLU layers, naming each after its block. */
    private record Blocks(ComputationGraphConfiguration.GraphBuilder g, SrResNetConfig config) {

        /** A size-keeping stride-1 convolution; {@code bias} false when batch norm follows. */
        String conv(String name, String from, int kernel, int channels, boolean bias) {
            g.addLayer(name, new OnePassConvolution2D(new ConvolutionLayer.Builder(kernel, kernel).stride(1, 1)
                    .padding((kernel - 1) / 2, (kernel - 1) / 2).nOut(channels).hasBias(bias)
                    .activation(new ActivationIdentity())), from);
            return name;
        }

        String batchNorm(String name, String from, int channels) {
            g.addLayer(name + "_bn", JavaBatchNormalization.of(new BatchNormalization.Builder().nOut(channels)
                    .decay(config.batchNormMomentum()).eps(config.batchNormEpsilon())), from);
            return name + "_bn";
        }

        /**
         * PReLU with one learned slope α per channel, {@code max(x, 0) + α_c·min(x, 0)}: one {@link PRelu} layer
         * named {@code <name>_alpha}, so the slopes are the parameter {@code <name>_alpha_W} as in the networks that
         * built it from five DL4J pieces (see {@link PRelu}).
         */
        String prelu(String name, String from) {
            g.addLayer(name + "_alpha", new PRelu(PRELU_INIT), from);
            return name + "_alpha";
        }
    }
}
