package io.gan4j.core.nn;

import io.gan4j.core.api.ConfigProblem;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Arrays;
import java.util.List;

/**
 * Builds the U-Net generator of pix2pix (Isola et al. 2017, after Ronneberger et al. 2015) as a DL4J
 * {@link ComputationGraph}, for images {@code [C, H, W]} of any size.
 *
 * <p><b>Encoder</b>, levels k = 1…D (D = {@code depth}): a convolution with kernel 4, stride 2, padding 1 (halves the
 * size) to {@code width·min(2^(k−1), 8)} channels; every level but the first starts with LeakyReLU, and levels
 * 2…D−1 end with the normalisation (batch norm in the paper). <b>Decoder</b>, levels k = D…1: ReLU, a transpose
 * convolution with kernel 4, stride 2, padding 1 (doubles the size) to the channels of encoder level k−1 (the
 * image's C for k = 1, with tanh), the normalisation except at k = 1, and dropout in the {@code dropoutBlocks}
 * blocks nearest the bottleneck (the paper's CD512-CD1024-CD1024; the reference code puts them one block further from
 * the bottleneck, which changes no shape or parameter count). The encoder's convolutions have no bias when the
 * normalisation has a shift (batch, instance), the first and innermost included, as in the reference code. Below the innermost level each decoder block's input is the channel concatenation
 * of encoder level k's output (the skip) and the decoder output of level k+1 — the skips carry the input's
 * low-level structure past the bottleneck.
 *
 * <p>Each stride-2 level needs an even size, so an image whose sides are not multiples of 2^D is zero-padded (0 =
 * mid-grey) to the next multiple at the input and the output is cropped back: 28 × 28 runs at 32 × 32 with D = 4,
 * 1×28×28 → 64×16×16 → 128×8×8 → 256×4×4 → 512×2×2 and back up to 1×28×28 (width 64).
 *
 * <p>Training and inference use {@link WorkspaceMode#NONE}: DL4J's dropout layer fails with workspaces when errors
 * come from outside the graph (as the adversarial gradient does).
 */
public final class UNet {
    /** Channel growth stops at this multiple of the base width, as in the paper (512 for width 64). */
    static final int MAX_WIDTH_MULTIPLE = 8;

    private UNet() {
    }

    /**
     * The depth used when the config says 0: for the power of two P at or above the image's longer side,
     * log2(P) halvings (a 1×1 bottleneck, as the paper's 8 levels at 256) for P ≥ 64, one fewer for smaller images
     * (2×2 at 28 or 32 px, where a 1×1 bottleneck would keep a single value per channel for batch norm).
     */
    public static int defaultDepth(long height, long width) {
        long side = Math.max(height, width);
        int log = 0;
        while ((1L << log) < side) {
            log++;
        }
        return Math.max(1, (1L << log) <= 32 ? log - 1 : log);
    }

    /** The depth {@code config} gives for the image: its own, or {@link #defaultDepth}. */
    public static int depth(UNetConfig config, long height, long width) {
        return config.depth() > 0 ? config.depth() : defaultDepth(height, width);
    }

    /**
     * Adds a problem at {@code path} (the config's {@code depth}) when so many halvings would pad the image to more
     * than 8× its side.
     */
    public static void checkDepth(UNetConfig config, long height, long width, String path,
                                  List<ConfigProblem> problems) {
        int depth = depth(config, height, width);
        long side = Math.max(height, width);
        if (paddedSize(side, depth) > 8 * side) {
            problems.add(new ConfigProblem(path, "is too deep for " + height + "x" + width
                    + " images (each level halves the size)", Integer.toString(depth),
                    "0 = from the image size (" + defaultDepth(height, width) + ")"));
        }
    }

    /** {@code size} rounded up to a multiple of {@code 2^depth}, the size the network runs at. */
    public static long paddedSize(long size, int depth) {
        long m = 1L << depth;
        return (size + m - 1) / m * m;
    }

    /** Channels of encoder level k (1-based). */
    static int channels(int width, int k) {
        return width * Math.min(1 << (k - 1), MAX_WIDTH_MULTIPLE);
    }

    /**
     * Builds and initialises a U-Net.
     *
     * @param config     widths, depth, normalisation and dropout
     * @param imageShape {@code [C, H, W]} of input and output images
     * @param optimizer  the network's updater
     * @param seed       seed of the weight initialisation
     * @param dataType   parameter and activation type
     * @return a graph with input {@code input} {@code [N, C, H, W]} and one output {@code [N, C, H, W]} in [-1, 1]
     */
    // Long on purpose: a straight-line builder of the network's layers, encoder then decoder, read best top to bottom
    public static Net generator(UNetConfig config, long[] imageShape, OptimizerConfig optimizer, long seed,
                                DataType dataType) {
        if (imageShape.length != 3) {
            throw new IllegalArgumentException("image shape must be [C, H, W], found " + Arrays.toString(imageShape));
        }
        int c = (int) imageShape[0];
        int h = (int) imageShape[1];
        int w = (int) imageShape[2];
        int depth = depth(config, h, w);
        int padH = (int) (paddedSize(h, depth) - h);
        int padW = (int) (paddedSize(w, depth) - w);
        ComputationGraphConfiguration.GraphBuilder g = ConvNets
                .networkBuilder(optimizer, config.weightInit(), seed, dataType, WorkspaceMode.NONE)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(h, w, c));
        String prev = "input";
        if (padH > 0 || padW > 0) {
            g.addLayer("pad", new ZeroPaddingLayer.Builder(padH / 2, padH - padH / 2, padW / 2, padW - padW / 2)
                    .build(), prev);
            prev = "pad";
        }
        String[] skip = new String[depth + 1];
        for (int k = 1; k <= depth; k++) {
            String in = prev;
            if (k > 1) {
                in = "enc" + k + "_act";
                g.addLayer(in, new ActivationLayer.Builder().activation(new LeakyReluActivation(config.leakySlope()))
                        .build(), prev);
            }
            Normalization norm = k > 1 && k < depth ? config.norm() : Normalization.NONE;
            prev = "enc" + k;
            // As in the reference code (UnetSkipConnectionBlock's downconv), every encoder convolution has a bias
            // exactly when the network's normalisation does not replace it, also the first and the innermost one,
            // which have no normalisation after them: this keeps U-Net-256's 54,413,955 parameters.
            g.addLayer(prev, new OnePassConvolution2D(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1)
                    .nOut(channels(config.width(), k)).hasBias(!config.norm().replacesBias())
                    .activation(new ActivationIdentity())), in);
            prev = normalise(g, prev, norm, config, channels(config.width(), k));
            skip[k] = prev;
        }
        String up = skip[depth];
        for (int k = depth; k >= 1; k--) {
            String in = up;
            if (k < depth) {
                in = "cat" + k;
                g.addVertex(in, new MergeVertex(), skip[k], up);
            }
            g.addLayer("dec" + k + "_act", new ActivationLayer.Builder().activation(new ActivationReLU()).build(), in);
            boolean output = k == 1;
            Normalization norm = output ? Normalization.NONE : config.norm();
            int out = output ? c : channels(config.width(), k - 1);
            up = "dec" + k;
            g.addLayer(up, new OnePassDeconvolution2D(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1)
                    .nOut(out).hasBias(!norm.replacesBias())
                    .activation(output ? new ActivationTanH() : new ActivationIdentity())),
                    "dec" + k + "_act");
            up = normalise(g, up, norm, config, out);
            if (!output && depth - k < config.dropoutBlocks() && config.dropout() > 0) {
                // DL4J's argument is the probability of keeping an activation.
                g.addLayer("dec" + k + "_dropout", new DropoutLayer.Builder(1 - config.dropout()).build(), up);
                up = "dec" + k + "_dropout";
            }
        }
        if (padH > 0 || padW > 0) {
            g.addLayer("crop", new Cropping2D.Builder(padH / 2, padH - padH / 2, padW / 2, padW - padW / 2).build(), up);
            up = "crop";
        }
        g.setOutputs(up);
        return config.weightInit().newNet(g.build(), seed);
    }

    /** Adds {@code norm} after vertex {@code from}; returns the name of the vertex that now ends the block. */
    private static String normalise(ComputationGraphConfiguration.GraphBuilder g, String from, Normalization norm,
                                    UNetConfig config, int channels) {
        if (norm == Normalization.NONE) {
            return from;
        }
        String name = from + "_" + norm.name().toLowerCase(java.util.Locale.ROOT);
        g.addLayer(name, norm.layer(channels, config.batchNormMomentum(), config.batchNormEpsilon()), from);
        return name;
    }
}
