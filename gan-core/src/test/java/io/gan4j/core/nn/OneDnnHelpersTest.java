package io.gan4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The oneDNN layer helpers (about 4x faster convolutions on CPU) are active when DL4J allows them: proves the
 * bridge for DL4J M2.1's helper lookup works. The build allows helpers in tests, as {@code ./gan4j} does.
 */
class OneDnnHelpersTest {
    @Test
    void convolutionLayersGetTheOneDnnHelper() {
        assumeTrue("false".equals(System.getProperty("org.eclipse.deeplearning4j.helpers.disable")),
                "helpers not allowed in this JVM");
        assumeTrue("CPU".equals(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend")));
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).build())
                .layer(new DenseLayer.Builder().nOut(1).build())
                .setInputType(InputType.convolutional(5, 5, 1)).build());
        net.init();
        assertNotNull(net.getLayer(0).getHelper(), "oneDNN convolution helper");
    }

    /** gan4j's convolution without the repeated forward pass ({@link OnePassConvolution2D}) keeps the helper. */
    @Test
    void onePassConvolutionLayersGetTheOneDnnHelper() {
        assumeTrue("false".equals(System.getProperty("org.eclipse.deeplearning4j.helpers.disable")),
                "helpers not allowed in this JVM");
        assumeTrue("CPU".equals(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend")));
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).list()
                .layer(new OnePassConvolution2D(new ConvolutionLayer.Builder(3, 3).nOut(2)))
                .layer(new DenseLayer.Builder().nOut(1).build())
                .setInputType(InputType.convolutional(5, 5, 1)).build());
        net.init();
        assertNotNull(net.getLayer(0).getHelper(), "oneDNN convolution helper");
    }
}
