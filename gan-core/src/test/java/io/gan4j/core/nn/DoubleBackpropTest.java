package io.gan4j.core.nn;

import io.gan4j.core.testing.GradientCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DoubleBackprop} in double precision: its input gradient against DL4J's own backward pass, and its parameter
 * gradient of S(θ) = Σᵢ ⟨vᵢ, ∇ₓD(xᵢ; θ)⟩ against central differences of S, with S's input gradient taken by DL4J's
 * first-order backward pass at each perturbed θ (so the check does not reuse the code it checks). For every
 * activation a config can name, dense (MLP) and convolutional networks.
 */
class DoubleBackpropTest {
    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** S(θ) = Σ v·∇ₓ Σᵢ D(xᵢ) through DL4J's first-order pass. */
    private static double directional(Net net, INDArray x, INDArray v) {
        INDArray out = net.forward(x);
        INDArray g = net.backwardInput(out.ulike().assign(1.0));
        return g.mul(v).sumNumber().doubleValue();
    }

    private static void check(Net net, INDArray x) {
        Random rnd = new Random(9);
        DoubleBackprop pass = DoubleBackprop.of(net);
        INDArray g = pass.inputGradient(x);
        INDArray dl4j = net.backwardInput(net.forward(x).ulike().assign(1.0));
        // DL4J's LeakyReLU backward takes its slope as a float (0.2f): 1e-8 apart.
        assertTrue(g.sub(dl4j).norm2Number().doubleValue() <= 1e-7 * dl4j.norm2Number().doubleValue(),
                "input gradient");
        INDArray v = GradientCheck.random(rnd, x.shape());
        INDArray analytic = pass.parameterGradient(v);
        INDArray numeric = GradientCheck.numericGradient(net.params(), () -> directional(net, x, v));
        double error = analytic.sub(numeric.reshape(analytic.shape())).norm2Number().doubleValue()
                / numeric.norm2Number().doubleValue();
        assertTrue(error < 1e-6, "relative error of the parameter gradient " + error);
    }

    @ParameterizedTest
    @EnumSource(ActivationName.class)
    void denseNetworks(ActivationName activation) {
        MlpConfig mlp = new MlpConfig(List.of(6, 5), activation, 0.2, false, 0.9, 1e-3, 0, ActivationName.TANH,
                InitName.XAVIER_UNIFORM);
        Net net = Mlp.build(mlp, 4, 1, OptimizerConfig.Adam.defaults(), 3, DataType.DOUBLE);
        check(net, GradientCheck.random(new Random(1), 3, 4));
    }

    @ParameterizedTest
    @EnumSource(value = ActivationName.class, names = {"RELU", "LEAKY_RELU", "SELU", "SIGMOID"})
    void convolutionalNetworks(ActivationName activation) {
        ConvNetConfig c = new ConvNetConfig(2, activation, 0.2, false, 0.9, 1e-5, ActivationName.IDENTITY,
                InitName.XAVIER_UNIFORM);
        Net net = ConvNets.discriminator(c, new long[] {2, 8, 8}, OptimizerConfig.Adam.defaults(), 5, DataType.DOUBLE);
        check(net, GradientCheck.random(new Random(2), 2, 2, 8, 8));
    }

    @Test
    void layersWithoutASecondDerivativeHereAreNamed() {
        ConvNetConfig bn = new ConvNetConfig(2, ActivationName.LEAKY_RELU, 0.2, true, 0.9, 1e-5,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
        // 16 px: two stride-2 stages, the second with batch norm.
        Net net = ConvNets.discriminator(bn, new long[] {1, 16, 16}, OptimizerConfig.Adam.defaults(), 5, DataType.DOUBLE);
        String problem = DoubleBackprop.unsupported(net);
        assertEquals("layer 3 (JavaBatchNormalization) is not supported (dense, convolution and activation layers are)",
                problem);
        assertThrows(IllegalArgumentException.class, () -> DoubleBackprop.of(net));
        Net plain = ConvNets.discriminator(new ConvNetConfig(2, ActivationName.LEAKY_RELU, 0.2, false, 0.9, 1e-5,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM), new long[] {1, 8, 8}, OptimizerConfig.Adam.defaults(),
                5, DataType.DOUBLE);
        assertNull(DoubleBackprop.unsupported(plain));
        assertThrows(IllegalStateException.class, () -> DoubleBackprop.of(plain).parameterGradient(Nd4j.ones(1, 1, 8, 8)),
                "parameterGradient before inputGradient");
    }

    /** A convolution, its output flattened by DL4J's CNN-to-dense preprocessor, then dense layers. */
    private static Net convThenDense(org.nd4j.linalg.activations.IActivation convActivation,
                                     org.deeplearning4j.nn.conf.ConvolutionMode mode) {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(
                ConvNets.networkBuilder(OptimizerConfig.Adam.defaults(), InitName.XAVIER_UNIFORM, 4, DataType.DOUBLE,
                                org.deeplearning4j.nn.conf.WorkspaceMode.ENABLED).convolutionMode(mode).list()
                        .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).stride(2, 2)
                                .padding(1, 1).nOut(3).activation(convActivation).build())
                        .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(4)
                                .activation(new org.nd4j.linalg.activations.impl.ActivationTanH()).build())
                        .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(1)
                                .activation(new org.nd4j.linalg.activations.impl.ActivationIdentity()).build())
                        .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(6, 6, 2)).build());
        net.init();
        return Net.of(net);
    }

    @Test
    void convolutionThenDenseThroughTheFlatteningPreprocessor() {
        Net net = convThenDense(new org.nd4j.linalg.activations.impl.ActivationLReLU(0.2),
                org.deeplearning4j.nn.conf.ConvolutionMode.Truncate);
        check(net, GradientCheck.random(new Random(3), 2, 2, 6, 6));
    }

    @Test
    void unsupportedSettingsAreNamed() {
        assertEquals("layer 0 (ConvolutionLayer): convolution mode Same (only Truncate, explicit padding)",
                DoubleBackprop.unsupported(convThenDense(new org.nd4j.linalg.activations.impl.ActivationLReLU(0.2),
                        org.deeplearning4j.nn.conf.ConvolutionMode.Same)));
        String relu6 = DoubleBackprop.unsupported(convThenDense(new org.nd4j.linalg.activations.impl.ActivationReLU6(),
                org.deeplearning4j.nn.conf.ConvolutionMode.Truncate));
        assertTrue(relu6 != null && relu6.startsWith("layer 0 (ConvolutionLayer): activation"), relu6);
        String cappedRelu = DoubleBackprop.unsupported(convThenDense(
                new org.nd4j.linalg.activations.impl.ActivationReLU(6.0, 0.0, 0.0),
                org.deeplearning4j.nn.conf.ConvolutionMode.Truncate));
        assertTrue(cappedRelu != null && cappedRelu.contains("activation"), "a capped ReLU: " + cappedRelu);
        MlpConfig dropout = new MlpConfig(List.of(5), ActivationName.LEAKY_RELU, 0.2, false, 0.9, 1e-3, 0.3,
                ActivationName.IDENTITY, InitName.XAVIER_UNIFORM);
        String d = DoubleBackprop.unsupported(Mlp.build(dropout, 4, 1, OptimizerConfig.Adam.defaults(), 3,
                DataType.DOUBLE));
        assertTrue(d != null && d.startsWith("layer 1 (DropoutLayer): dropout is random"), d);
    }
}
