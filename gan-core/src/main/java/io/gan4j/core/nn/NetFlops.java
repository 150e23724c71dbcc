package io.gan4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * Floating-point operations of a network's forward pass, from its layers' shapes: the multiply-adds of dense,
 * convolution and transposed-convolution layers, two FLOPs each; element-wise layers (activations, normalisation,
 * dropout, merges) are not counted, as is usual for such estimates. A training step's backward pass costs about
 * twice its forward pass (the input gradient and the weight gradient are each a product of the same size), so a
 * training pass is about {@value #TRAINING_FACTOR}× {@link #forwardPerExample}.
 */
public final class NetFlops {
    /** Forward + input gradient + weight gradient, each one product of the layer's size. */
    public static final int TRAINING_FACTOR = 3;

    private NetFlops() {
    }

    /**
     * Forward FLOPs for one example of the shape the network last trained on ({@link Net#lastInputShapes()}),
     * measured by an inference pass on zeros.
     *
     * @throws IllegalStateException when the network has not run a training-mode forward pass yet
     */
    public static double forwardPerExample(Net net) {
        long[][] shapes = net.lastInputShapes();
        if (shapes == null) {
            throw new IllegalStateException("no training-mode forward pass yet: input shapes unknown");
        }
        INDArray[] inputs = new INDArray[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            long[] one = shapes[i].clone();
            one[0] = 1;
            inputs[i] = Nd4j.zeros(net.dataType(), one);
        }
        double flops = 0;
        if (!net.isGraph()) {
            MultiLayerNetwork mln = net.multiLayer();
            List<INDArray> acts = mln.feedForward(inputs[0], false);
            for (int i = 0; i < mln.getnLayers(); i++) {
                flops += layerFlops(mln.getLayer(i), acts.get(i), acts.get(i + 1));
            }
            return flops;
        }
        ComputationGraph g = net.computationGraph();
        Map<String, INDArray> acts = g.feedForward(inputs, false);
        Map<String, List<String>> vertexInputs = g.getConfiguration().getVertexInputs();
        for (Layer layer : g.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            List<String> from = vertexInputs.get(name);
            flops += layerFlops(layer, from == null || from.isEmpty() ? null : acts.get(from.get(0)), acts.get(name));
        }
        return flops;
    }

    /** FLOPs of one layer for one example with input activation {@code in} and output {@code out}, both [1, ...]. */
    static double layerFlops(Layer layer, INDArray in, INDArray out) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        if (conf instanceof Deconvolution2D d) {
            // Every input pixel meets every kernel weight once. The input's pixels are its values over its nIn
            // channels: the activation handed over may still be flat, before a dense-to-map preprocessor.
            double pixels = (double) in.length() / d.getNIn();
            return 2.0 * d.getKernelSize()[0] * d.getKernelSize()[1] * d.getNIn() * d.getNOut() * pixels;
        }
        if (conf instanceof ConvolutionLayer c && out.rank() == 4) {
            long[] s = out.shape();
            return 2.0 * c.getKernelSize()[0] * c.getKernelSize()[1] * c.getNIn() * c.getNOut() * s[2] * s[3];
        }
        if (conf instanceof DenseLayer d) {
            return 2.0 * d.getNIn() * d.getNOut();
        }
        return 0;
    }
}
