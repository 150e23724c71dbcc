package io.gan4j.cgan;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ConditionalGanModel;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.LatentGenerator;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.SampleGrid;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepRandom;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.loss.AdversarialLoss;
import io.gan4j.core.model.LatentGanModel;
import io.gan4j.core.nn.AdversarialUpdates;
import io.gan4j.core.nn.ConvNets;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The conditional GAN (Mirza and Osindero 2014): G(z, y) and D(x, y), y the class label. Code names: {@code z} = z,
 * {@code y} = the one-hot label matrix, {@code real} = x, {@code fake} = G(z|y). Two backbones: MLPs that
 * concatenate y with z and with the flattened example ({@link CganNetworks}), or DCGAN's convolutional networks
 * with y as extra channels of G's 1×1 input and a {@link ProjectionDiscriminator}.
 *
 * <p>One step, as in gan-vanilla but with every pass conditioned:
 * <ol>
 *   <li>draw z; the fake examples are generated for the labels of the real batch, so real and fake halves have
 *       the same class mix (y ~ the data's p(y)) and D cannot tell them apart by label frequency;</li>
 *   <li>update D on (x, y) as real and (G(z|y), y) as fake;</li>
 *   <li>update G through the just-updated D on (G(z|y), y); the label is a constant condition.</li>
 * </ol>
 */
final class CganModel extends LatentGanModel<CganConfig> implements ConditionalGanModel {
    private final int numClasses;
    private final AdversarialLoss loss;
    /** The conv backbone (DCGAN networks, projection D) rather than the MLP. */
    private final boolean conv;

    CganModel(ModelContext context) {
        super(context, CganConfig.class, "discriminator", CganModel::networks);
        this.numClasses = data.numClasses();
        this.conv = config.backbone() == CganConfig.Backbone.CONV;
        this.loss = config.loss().create();
    }

    /** G(z, y) and D(x, y) of the configured backbone, for the data's classes. */
    private static Networks networks(CganConfig config, ModelContext context) {
        DataSpec data = context.data();
        int numClasses = data.numClasses();
        if (numClasses < 1) {
            throw new IllegalArgumentException("a conditional GAN needs labelled data, " + data + " has no classes");
        }
        long generatorSeed = context.seeds().of("generator");
        long discriminatorSeed = context.seeds().of("discriminator");
        DataType dataType = context.dataType();
        int latentWidth = config.latentCode().width();
        if (config.backbone() == CganConfig.Backbone.CONV) {
            // y joins z as K more channels of G's 1×1 input map.
            return new Networks(
                    ConvNets.generator(config.convGenerator(), latentWidth + numClasses, data.sampleShape(),
                            config.generatorOptimizer(), generatorSeed, dataType),
                    ProjectionDiscriminator.build(config.convDiscriminator(), data.sampleShape(), numClasses,
                            config.discriminatorOptimizer(), discriminatorSeed, dataType));
        }
        int exampleSize = Math.toIntExact(data.sampleSize());
        return new Networks(
                CganNetworks.build(config.generator(), "z", latentWidth, numClasses, config.labelEncoding(),
                        config.embeddingDim(), exampleSize, config.generatorOptimizer(), generatorSeed, dataType),
                CganNetworks.build(config.discriminator(), "x", exampleSize, numClasses, config.labelEncoding(),
                        config.embeddingDim(), 1, config.discriminatorOptimizer(), discriminatorSeed, dataType));
    }

    /** G's inputs for codes {@code [n, latentDim]} and one-hot labels {@code [n, K]}. */
    private INDArray[] generatorInputs(INDArray z, INDArray y) {
        if (conv) {
            long n = z.size(0);
            return new INDArray[] {Nd4j.concat(1, z, y).reshape(n, latentDim() + numClasses, 1, 1)};
        }
        return new INDArray[] {z, y};
    }

    /** D's inputs for examples in D's shape (flat for the MLP, images for conv) and one-hot labels. */
    private INDArray[] discriminatorInputs(INDArray x, INDArray y) {
        return new INDArray[] {x, conv ? y.reshape(y.size(0), numClasses, 1, 1) : y};
    }

    @Override
    public StepResult trainStep(Batch batch, StepContext ctx) {
        int n = batch.size();
        if (batch.labels() == null) {
            throw new IllegalArgumentException("the conditional GAN trains on labelled batches; this one has no labels");
        }
        INDArray real = discriminatorInput(batch.x(), conv);
        INDArray y = oneHot(batch.labels());
        INDArray z = codes(ctx.random(), n);

        return AdversarialUpdates.alternatingStep(generator, discriminator, generatorInputs(z, y),
                fake -> discriminatorInputs(fake, y), discriminatorInputs(real, y), loss, ctx);
    }

    /** The one-hot matrix {@code [n, C]} of {@code labels}, in the model's data type. */
    INDArray oneHot(int[] labels) {
        ConditionalGanModel.checkLabels(labels, labels.length, numClasses);
        INDArray y = Nd4j.zeros(dataType, labels.length, numClasses);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1.0);
        }
        return y;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public INDArray sample(int n, int[] labels, long seed) {
        ConditionalGanModel.checkLabels(labels, n, numClasses);
        return generate(codes(new StepRandom(seed), n), labels);
    }

    /** Balanced over the classes, as {@link ConditionalGanModel#sample(int, long)} says. */
    @Override
    public INDArray sample(int n, long seed) {
        return sample(n, ConditionalGanModel.balancedLabels(n, numClasses), seed);
    }

    /** One row per class; column j uses the same z in every row, so a column shows one style in every class. */
    @Override
    public SampleGrid sampleGrid(int rows, int cols, long seed) {
        INDArray zCols = codes(new StepRandom(seed), cols);
        INDArray z = Nd4j.tile(zCols, numClasses, 1);
        int[] labels = new int[numClasses * cols];
        String[] captions = new String[numClasses];
        for (int k = 0; k < numClasses; k++) {
            Arrays.fill(labels, k * cols, (k + 1) * cols, k);
            captions[k] = Integer.toString(k);
        }
        return new SampleGrid(generate(z, labels), numClasses, cols, captions);
    }

    @Override
    public INDArray generate(INDArray z, int[] labels) {
        int n = LatentGenerator.checkCodes(z, latentDim());
        if (labels == null) {
            throw new IllegalArgumentException("the conditional GAN needs a label per example");
        }
        ConditionalGanModel.checkLabels(labels, n, numClasses);
        // Inference mode: batch norm uses its running statistics.
        return generator.outputs(generatorInputs(z.castTo(dataType), oneHot(labels)))[0].reshape(data.batchShape(n));
    }

    /** D's logits {@code [n, 1]} for examples {@code [n, ...sampleShape]} and their labels (inference mode). */
    INDArray discriminate(INDArray x, int[] labels) {
        return discriminator.outputs(discriminatorInputs(discriminatorInput(x.castTo(dataType), conv),
                oneHot(labels)))[0];
    }
}
