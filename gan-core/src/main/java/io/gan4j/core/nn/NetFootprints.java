package io.gan4j.core.nn;

import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.ModelFootprint;

import java.util.List;

/**
 * The {@link ModelFootprint} of each network family, from its config and the image shape: the arithmetic of the
 * builders ({@link Mlp}, {@link ConvNets}, {@link UNet}, {@link ResNetGenerator}, {@link PatchGan}) without building
 * anything. Weights are counted exactly or from below (biases and normalisation parameters are left out where they
 * are a rounding error), so a config refused on these numbers really cannot fit. Shapes the builders reject give
 * {@link ModelFootprint#NONE}: the config checks report those.
 */
public final class NetFootprints {
    private static final int KERNEL = 4 * 4;

    private NetFootprints() {
    }

    /**
     * A multi-layer perceptron from {@code in} inputs (their config path {@code inPath}) through {@code net}'s hidden
     * layers (at {@code path}) to {@code out} outputs.
     */
    public static ModelFootprint mlp(double in, String inPath, MlpConfig net, String path, double out) {
        ModelFootprint f = ModelFootprint.NONE;
        double previous = in;
        String previousPath = inPath;
        List<Integer> hidden = net.hidden();
        for (int i = 0; i < hidden.size(); i++) {
            double width = hidden.get(i);
            String widthPath = path + ".hidden[" + i + "]";
            f = f.plus(ModelFootprint.layer((previous + 1) * width, width, previous > width ? previousPath : widthPath));
            previous = width;
            previousPath = widthPath;
        }
        return f.plus(ModelFootprint.layer((previous + 1) * out, out, previousPath));
    }

    /**
     * An MLP generator from z ({@code latentDim} values, config path {@code $.model.latentDim}) and
     * {@code conditionWidth} conditioning values (0 for none) to the flat example, and an MLP discriminator from the
     * example and the same conditioning values to one logit: the unconditional and conditional GANs' MLP backbone.
     */
    public static ModelFootprint latentMlpPair(double latentDim, double conditionWidth, MlpConfig generator,
                                               String generatorPath, MlpConfig discriminator, String discriminatorPath,
                                               DataSpec data) {
        return mlp(latentDim + conditionWidth, "$.model.latentDim", generator, generatorPath, data.sampleSize())
                .plus(mlp(data.sampleSize() + conditionWidth, "$.data", discriminator, discriminatorPath, 1));
    }

    /**
     * A DCGAN generator from {@code generatorInChannels} (z, and a one-hot label if any; config path
     * {@code $.model.latentDim}) to {@code data}'s images, and a DCGAN discriminator (or critic) from those images.
     */
    public static ModelFootprint latentConvPair(double generatorInChannels, ConvNetConfig generator,
                                                String generatorPath, ConvNetConfig discriminator,
                                                String discriminatorPath, DataSpec data) {
        return convGenerator(generatorInChannels, "$.model.latentDim", generator, generatorPath, data)
                .plus(convDiscriminator(data.sampleShape()[0], discriminator, discriminatorPath, data));
    }

    /** A DCGAN generator ({@link ConvNets#generator}) from {@code inChannels} (z, and y one-hot) to {@code data}. */
    public static ModelFootprint convGenerator(double inChannels, String inPath, ConvNetConfig net, String path,
                                               DataSpec data) {
        ConvNets.Layout layout = convLayout(data);
        if (layout == null) {
            return ModelFootprint.NONE;
        }
        ModelFootprint f = ModelFootprint.NONE;
        double previous = inChannels;
        String previousPath = inPath;
        double side = layout.baseSize();
        double kernel = side * side;
        for (int k = 0; k < layout.stages(); k++) {
            double channels = net.width() * Math.pow(2, layout.stages() - 1 - k);
            f = f.plus(ModelFootprint.layer(previous * channels * kernel, channels * side * side,
                    previous > channels ? previousPath : path + ".width"));
            previous = channels;
            previousPath = path + ".width";
            kernel = KERNEL;
            side *= 2;
        }
        long imageChannels = data.sampleShape()[0];
        return f.plus(ModelFootprint.layer(previous * imageChannels * KERNEL, imageChannels * side * side,
                path + ".width"));
    }

    /** A DCGAN discriminator ({@link ConvNets#discriminator}) of {@code data} with {@code inChannels} input channels. */
    public static ModelFootprint convDiscriminator(double inChannels, ConvNetConfig net, String path, DataSpec data) {
        ConvNets.Layout layout = convLayout(data);
        if (layout == null) {
            return ModelFootprint.NONE;
        }
        ModelFootprint f = ModelFootprint.NONE;
        double previous = inChannels;
        double side = layout.size();
        for (int j = 0; j < layout.stages(); j++) {
            double channels = net.width() * Math.pow(2, j);
            side /= 2;
            f = f.plus(ModelFootprint.layer(previous * channels * KERNEL, channels * side * side, path + ".width"));
            previous = channels;
        }
        return f.plus(ModelFootprint.layer(previous * side * side, 1, path + ".width"));
    }

    /**
     * A U-Net ({@link UNet#generator}) for {@code data}: the encoder's convolutions from C to c_1 ... c_d channels,
     * then the decoder's back to C, each but the innermost taking its level's skip connection as well (2·c_k in).
     */
    public static ModelFootprint unet(UNetConfig net, String path, DataSpec data) {
        if (!data.isImage()) {
            return ModelFootprint.NONE;
        }
        long[] shape = data.sampleShape();
        int depth = UNet.depth(net, shape[1], shape[2]);
        double[] channels = new double[depth + 1];
        double[] sides = new double[depth + 1];
        channels[0] = shape[0];
        sides[0] = UNet.paddedSize(Math.max(shape[1], shape[2]), depth);
        for (int k = 1; k <= depth; k++) {
            channels[k] = net.width() * Math.min(Math.pow(2, k - 1), 8);
            sides[k] = sides[k - 1] / 2;
        }
        String p = path + ".width";
        ModelFootprint f = ModelFootprint.NONE;
        for (int k = 1; k <= depth; k++) {
            f = f.plus(ModelFootprint.layer(KERNEL * channels[k - 1] * channels[k],
                    channels[k] * sides[k] * sides[k], p));
        }
        for (int k = depth; k >= 1; k--) {
            double in = k == depth ? channels[k] : 2 * channels[k];
            f = f.plus(ModelFootprint.layer(KERNEL * in * channels[k - 1],
                    channels[k - 1] * sides[k - 1] * sides[k - 1], p));
        }
        return f;
    }

    /** A ResNet generator ({@link ResNetGenerator#generator}) for {@code data}. */
    public static ModelFootprint resnet(ResNetGeneratorConfig net, String path, DataSpec data) {
        if (!data.isImage()) {
            return ModelFootprint.NONE;
        }
        long[] shape = data.sampleShape();
        double c = shape[0];
        double w = net.width();
        double area = (double) shape[1] * shape[2];
        String p = path + ".width";
        ModelFootprint ends = ModelFootprint.layer(49 * c * w, w * area, p)
                .plus(ModelFootprint.layer(9 * w * 2 * w, 2 * w * area / 4, p))
                .plus(ModelFootprint.layer(9 * 2 * w * 4 * w, 4 * w * area / 16, p));
        ModelFootprint block = ModelFootprint.layer(2 * 9 * 16 * w * w, 2 * 4 * w * area / 16, p);
        ModelFootprint f = ends.plus(ends);
        for (int i = 0; i < ResNetGenerator.residualBlocks(net, shape[1], shape[2]); i++) {
            f = f.plus(block);
        }
        return f;
    }

    /** A PatchGAN ({@link PatchGan#discriminator}) with {@code inChannels} input channels for {@code data}'s images. */
    public static ModelFootprint patchGan(double inChannels, PatchGanConfig net, String path, DataSpec data) {
        if (!data.isImage()) {
            return ModelFootprint.NONE;
        }
        long[] shape = data.sampleShape();
        double area = (double) shape[1] * shape[2];
        ModelFootprint f = ModelFootprint.NONE;
        double previous = inChannels;
        for (int i = 0; i <= net.layers(); i++) {
            double channels = net.width() * Math.min(Math.pow(2, i), 8);
            area = i < net.layers() ? area / 4 : area;
            f = f.plus(ModelFootprint.layer(previous * channels * KERNEL, channels * area, path + ".width"));
            previous = channels;
        }
        return f.plus(ModelFootprint.layer(previous * KERNEL, area, path + ".width"));
    }

    /** The DCGAN nets' layout for {@code data}'s images, or null when the data are not images those nets take. */
    private static ConvNets.Layout convLayout(DataSpec data) {
        long[] shape = data.sampleShape();
        if (!data.isImage() || ConvNets.unsupportedSize(shape[1], shape[2]) != null) {
            return null;
        }
        return ConvNets.layout(shape[1], shape[2]);
    }
}
