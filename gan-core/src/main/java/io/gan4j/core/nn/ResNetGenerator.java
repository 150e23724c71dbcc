package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Arrays;
import java.util.Locale;

/**
 * Builds CycleGAN's ResNet generator (Zhu et al. 2017, Appendix 7.2; Johnson et al. 2016) as a DL4J
 * {@link ComputationGraph} for images {@code [C, H, W]} whose sides are multiples of 4. In the paper's notation,
 * {@code c7s1-k, d2k, d4k, R4k × n, u2k, uk, c7s1-C} with k = {@code width}:
 * <ol>
 *   <li>c7s1-k: reflection padding 3, 7×7 convolution, stride 1, to k channels, normalisation, ReLU;</li>
 *   <li>d2k, d4k: 3×3 convolutions, stride 2, padding 1 (each halves the size), normalisation, ReLU;</li>
 *   <li>n residual blocks R4k: {@code x + norm(conv3(pad(relu(norm(conv3(pad(x)))))))}, 3×3 convolutions, stride 1,
 *       after reflection padding 1 (an element-wise add vertex);</li>
 *   <li>u2k, uk: transpose convolutions doubling the size, normalisation, ReLU;</li>
 *   <li>c7s1-C: reflection padding 3, 7×7 convolution to the image's C channels, tanh.</li>
 * </ol>
 * A 28×28 image runs at 28 → 14 → 7 and back. The upsampling layers are the reference's 3×3 transpose
 * convolutions with {@code output_padding=1}, written as a full transpose convolution and a crop of its first row and
 * column ({@code u1}, {@code u2}; with {@code norm} none, kernel 4, stride 2, padding 1 instead, see {@code up}). The 7×7 convolutions and those of the residual blocks see their input reflection-padded
 * ({@link ReflectionPadding2D}, 3 and 1 px), the stride-2 ones zero-padded, as in the reference code. The one
 * departure from it: instance norm learns a scale and shift ({@code affine=True}) where the reference's has none
 * but keeps a bias in every convolution (a bias that instance norm then subtracts again); for ngf 64 and 9 blocks
 * that is 11,383,427 parameters against the reference's 11,378,179 ({@code benchmarks/paper_architectures.py}).
 *
 * <p>Workspaces are on for training and inference (DL4J's layer temporaries then live in them instead of waiting for
 * Java's collector; docs/memory.md): CycleGAN back-propagates external errors (from the discriminators and the cycle
 * loss) through it and needs dL/dinput, which the first reflection padding keeps out of the workspaces for
 * {@link Net} ({@link KeepsInputGradient}). With batch norm they are off: DL4J's BatchNormalization keeps forward
 * intermediates in a working-memory workspace that {@link Net#forward}'s detached pass has closed before backward
 * ("outdated workspace pointer").
 */
public final class ResNetGenerator {
    private ResNetGenerator() {
    }

    /** Workspaces for a generator with this normalisation: on, except with DL4J's batch norm (see above). */
    static WorkspaceMode workspaceMode(Normalization norm) {
        return norm == Normalization.BATCH ? WorkspaceMode.NONE : WorkspaceMode.ENABLED;
    }

    /** Residual blocks the config gives for an image: its own, or 6 up to 128 px and 9 above (the paper). */
    public static int residualBlocks(ResNetGeneratorConfig config, long height, long width) {
        if (config.residualBlocks() > 0) {
            return config.residualBlocks();
        }
        return Math.max(height, width) > 128 ? 9 : 6;
    }

    /** Why an image of this size cannot be built, or null: both sides must be multiples of 4 (two halvings). */
    public static String unsupportedSize(long height, long width) {
        return height % 4 == 0 && width % 4 == 0 && height >= 4 && width >= 4 ? null
                : "must be images whose sides are multiples of 4 (two stride-2 downsamplings), e.g. 28, 32, 64, 256";
    }

    /**
     * Builds and initialises a ResNet generator.
     *
     * @param config     width, residual blocks, normalisation
     * @param imageShape {@code [C, H, W]} of input and output images, H and W multiples of 4
     * @param optimizer  the network's updater
     * @param seed       seed of the weight initialisation
     * @param dataType   parameter and activation type
     * @return a graph with input {@code input} {@code [N, C, H, W]} and one output {@code [N, C, H, W]} in [-1, 1]
     */
    public static Net generator(ResNetGeneratorConfig config, long[] imageShape, OptimizerConfig optimizer, long seed,
                                DataType dataType) {
        if (imageShape.length != 3) {
            throw new IllegalArgumentException("image shape must be [C, H, W], found " + Arrays.toString(imageShape));
        }
        String problem = unsupportedSize(imageShape[1], imageShape[2]);
        if (problem != null) {
            throw new IllegalArgumentException("the generator's input " + problem + ", found " + imageShape[1] + "x"
                    + imageShape[2]);
        }
        int c = (int) imageShape[0];
        int k = config.width();
        ComputationGraphConfiguration.GraphBuilder g = ConvNets
                .networkBuilder(optimizer, config.weightInit(), seed, dataType, workspaceMode(config.norm()))
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(imageShape[1], imageShape[2], c));
        Blocks b = new Blocks(g, config);
        String x = b.conv("c7s1", b.reflect("c7s1", "input", 3), 7, 1, 0, k, true);
        x = b.conv("d1", x, 3, 2, 1, 2 * k, true);
        x = b.conv("d2", x, 3, 2, 1, 4 * k, true);
        for (int r = 1; r <= residualBlocks(config, imageShape[1], imageShape[2]); r++) {
            String inner = b.conv("res" + r + "a", b.reflect("res" + r + "a", x, 1), 3, 1, 0, 4 * k, true);
            String outer = b.conv("res" + r + "b", b.reflect("res" + r + "b", inner, 1), 3, 1, 0, 4 * k, false);
            g.addVertex("res" + r, new ElementWiseVertex(ElementWiseVertex.Op.Add), x, outer);
            x = "res" + r;
        }
        x = b.up("u1", x, 2 * k);
        x = b.up("u2", x, k);
        g.addLayer("out", new OnePassConvolution2D(new ConvolutionLayer.Builder(7, 7).stride(1, 1).padding(0, 0).nOut(c)
                .activation(new ActivationTanH())), b.reflect("out", x, 3));
        g.setOutputs("out");
        return config.weightInit().newNet(g.build(), seed);
    }

    /** Adds conv/deconv + normalisation (+ ReLU) blocks, naming each vertex after its block. */
    private record Blocks(ComputationGraphConfiguration.GraphBuilder g, ResNetGeneratorConfig config) {

        /** Reflection padding by {@code p} before the convolution {@code name}; returns the padding's name. */
        String reflect(String name, String from, int p) {
            g.addLayer(name + "_pad", new ReflectionPadding2D(p), from);
            return name + "_pad";
        }

        String conv(String name, String from, int kernel, int stride, int padding, int channels, boolean relu) {
            g.addLayer(name, new OnePassConvolution2D(new ConvolutionLayer.Builder(kernel, kernel)
                    .stride(stride, stride).padding(padding, padding).nOut(channels).hasBias(!config.norm().replacesBias())
                    .activation(new ActivationIdentity())), from);
            return tail(name, channels, relu);
        }

        /**
         * The reference's {@code ConvTranspose2d(kernel 3, stride 2, padding 1, output_padding 1)}, which DL4J's
         * Deconvolution2D cannot express: the full transposed convolution (padding 0) gives 2·in + 1 pixels, and
         * PyTorch keeps pixels 1 … 2·in of them (padding 1 drops one at the start; output_padding 1 restores the
         * one at the end), so the first row and column are cropped.
         */
        String up(String name, String from, int channels) {
            if (!config.norm().replacesBias()) {
                // Without normalisation the transpose convolution needs its bias, and in this graph the bias
                // gradient of the kernel-3 Deconvolution2D followed by the crop failed ResNetGeneratorTest's
                // finite-difference check (the weight gradients passed; the same two layers alone in a
                // MultiLayerNetwork passed too; cause not found). Keep the kernel-4, padding-1 layer here: same
                // output size, checked gradients.
                g.addLayer(name, new OnePassDeconvolution2D(new Deconvolution2D.Builder(4, 4).stride(2, 2)
                        .padding(1, 1).nOut(channels).activation(new ActivationIdentity())), from);
                return tail(name, channels, true);
            }
            g.addLayer(name + "_full", new OnePassDeconvolution2D(new Deconvolution2D.Builder(3, 3).stride(2, 2)
                    .padding(0, 0).nOut(channels).hasBias(false).activation(new ActivationIdentity())), from);
            g.addLayer(name, new Cropping2D.Builder(1, 0, 1, 0).build(), name + "_full");
            return tail(name, channels, true);
        }

        private String tail(String name, int channels, boolean relu) {
            String last = name;
            if (config.norm() == Normalization.INSTANCE) {
                // Instance norm computes the ReLU in its own pass (InstanceNormalization#isRelu); a network saved
                // before that has a separate "_relu" activation layer instead and loads as it was saved.
                last = name + "_instance";
                g.addLayer(last, new InstanceNormalization(channels, config.normEpsilon(), relu), name);
                return last;
            }
            if (config.norm() != Normalization.NONE) {
                last = name + "_" + config.norm().name().toLowerCase(Locale.ROOT);
                // Batch norm's momentum is not a field here: the paper's generator uses instance norm.
                g.addLayer(last, config.norm().layer(channels, 0.9, config.normEpsilon()), name);
            }
            if (relu) {
                g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(new ActivationReLU()).build(), last);
                last = name + "_relu";
            }
            return last;
        }
    }
}
