package io.gan4j.srgan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gan4j.core.loss.ReconstructionLoss;
import io.gan4j.core.metrics.ClassifierDomain;
import io.gan4j.core.metrics.DomainClassifier;
import io.gan4j.core.nn.Net;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * SRGAN's content loss on the features of a fixed network (Ledig et al. 2017, eq. 5, the "VGG loss"):
 * {@code mean (φ(G(x)) − φ(y))²} over every element of the feature maps, φ a layer of a trained classifier.
 *
 * <p><b>Not VGG.</b> The paper's φ is the 19-layer VGG network trained on ImageNet (φ_5,4, the feature map of its
 * last convolution before the fifth max-pooling). gan4j ships no ImageNet network; its 28×28 grey images have one
 * trained feature network each, the LeNet-style {@link DomainClassifier} of MNIST or Fashion-MNIST that also gives
 * gan4j's FIDs. φ here is one of that classifier's layers ({@link ContentLayer}; the default, {@code conv2}, is its
 * last convolution after ReLU and before its max-pooling — the position φ_5,4 has in VGG). The classifier is the
 * shipped one, loaded by {@link DomainClassifier#loadShipped} (its checksum checked), cut after that layer and never
 * trained: only its input gradient is used, {@link Net#backwardInput}, which leaves its parameters alone.
 *
 * <p>Because the same classifier's dense features give the FID that evaluation reports, a content loss on
 * {@link ContentLayer#DENSE} would optimise the evaluation's own feature space; {@code conv2} is one layer earlier.
 */
final class FeatureContentLoss {

    /** Which layer of the classifier is φ. */
    public enum ContentLayer {
        /** First convolution (5×5, 32 channels) after ReLU: {@code [32, 24, 24]}, low-level edges. */
        @JsonProperty("conv1") CONV1(0),
        /** Second convolution (5×5, 64 channels) after ReLU, before max-pooling: {@code [64, 8, 8]} (the default). */
        @JsonProperty("conv2") CONV2(2),
        /** The 128-unit dense layer after ReLU: the features FID is computed on. */
        @JsonProperty("dense") DENSE(4);

        private final int lastLayer;

        ContentLayer(int lastLayer) {
            this.lastLayer = lastLayer;
        }

        /** Index of the classifier layer whose output is φ. */
        int lastLayer() {
            return lastLayer;
        }
    }

    private final Net network;
    private final String description;

    /**
     * @param domain   whose shipped classifier gives φ
     * @param layer    which of its layers
     * @param dataType the type the features are computed in (DOUBLE in gradient checks)
     */
    FeatureContentLoss(ClassifierDomain domain, ContentLayer layer, DataType dataType) {
        DomainClassifier classifier = DomainClassifier.loadShipped(domain);
        MultiLayerNetwork full;
        try {
            full = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(classifier.weightFile()), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped " + domain.key() + " classifier", e);
        }
        this.network = truncated(full, layer.lastLayer(), dataType);
        this.description = classifier.id() + " " + layer.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Layers 0 … last of {@code full} with its weights, as a network of {@code dataType} that is never updated. */
    private static Net truncated(MultiLayerNetwork full, int last, DataType dataType) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .dataType(dataType)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        for (int i = 0; i <= last; i++) {
            Layer conf = full.getLayerWiseConfigurations().getConf(i).getLayer().clone();
            list.layer(conf);
        }
        list.setInputType(InputType.convolutional(DomainClassifier.SIZE, DomainClassifier.SIZE, 1));
        MultiLayerNetwork cut = new MultiLayerNetwork(list.build());
        cut.init();
        // The flat parameter vector is the layers' parameters in layer order, so the first layers' are its prefix.
        cut.setParams(full.params().get(NDArrayIndex.interval(0, cut.numParams())).castTo(dataType));
        return Net.of(cut);
    }

    /** Which classifier and layer, for logs and docs. */
    String description() {
        return description;
    }

    /** The frozen network φ (for tests). */
    Net network() {
        return network;
    }

    /**
     * The loss and its gradient with respect to the output.
     *
     * @param output generated images {@code [N, 1, 28, 28]} in [-1, 1]
     * @param target the real high-resolution images, same shape
     * @return the mean squared feature difference and dLoss/dOutput (a new array the caller closes)
     */
    ReconstructionLoss.Value compute(INDArray output, INDArray target) {
        INDArray targetFeatures = network.output(target);
        INDArray outputFeatures = network.forward(output);
        ReconstructionLoss.Value features = ReconstructionLoss.L2.compute(outputFeatures, targetFeatures);
        INDArray dOutput = network.backwardInput(features.gradient());
        features.gradient().close();
        targetFeatures.close();
        outputFeatures.close();
        network.releaseActivations();
        return new ReconstructionLoss.Value(features.value(), dOutput);
    }

    /** The loss alone (inference mode; φ has neither dropout nor batch norm, so it is the training-mode value). */
    double value(INDArray output, INDArray target) {
        INDArray a = network.output(output);
        INDArray b = network.output(target);
        ReconstructionLoss.Value v = ReconstructionLoss.L2.compute(a, b);
        v.gradient().close();
        a.close();
        b.close();
        return v.value();
    }
}
