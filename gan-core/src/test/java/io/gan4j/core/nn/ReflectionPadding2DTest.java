package io.gan4j.core.nn;

import io.gan4j.core.testing.SavedLayerForm;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link ReflectionPadding2D} against PyTorch's {@code ReflectionPad2d} rule written out by hand, and its backward
 * pass as the exact adjoint of its forward pass.
 */
class ReflectionPadding2DTest {

    private static MultiLayerNetwork net(int p, int c, int h, int w) {
        return net(DataType.DOUBLE, p, c, h, w);
    }

    private static MultiLayerNetwork net(DataType type, int p, int c, int h, int w) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(type)
                .list().layer(new ReflectionPadding2D(p)).setInputType(InputType.convolutional(h, w, c)).build());
        net.init();
        return net;
    }

    /** PyTorch: padded index j maps to |j − p| reflected at the far edge, i.e. (H−1) − |(H−1) − |j − p||. */
    private static int source(int j, int p, int size) {
        int k = Math.abs(j - p);
        return (size - 1) - Math.abs((size - 1) - k);
    }

    /** Double runs ND4J's op-by-op path, float {@link ReflectionPadKernels}. */
    @ParameterizedTest
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void aRowOfFourPaddedByTwoMirrorsWithoutRepeatingTheEdge(String type) {
        DataType dataType = DataType.valueOf(type);
        INDArray x = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new long[] {1, 1, 3, 4})
                .castTo(dataType);
        INDArray y = net(dataType, 2, 1, 3, 4).output(x);
        assertArrayEquals(new long[] {1, 1, 7, 8}, y.shape());
        // PyTorch's documented example row [a, b, c, d] -> [c, b, a, b, c, d, c, b], here for the middle row 5..8.
        assertArrayEquals(new double[] {7, 6, 5, 6, 7, 8, 7, 6}, y.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(3),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).toDoubleVector(), 0.0);
        // Every pixel, corners included: rows and columns mirror independently.
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 8; j++) {
                assertEquals(x.getDouble(0, 0, source(i, 2, 3), source(j, 2, 4)), y.getDouble(0, 0, i, j), 0.0,
                        "(" + i + ", " + j + ")");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void theBackwardPassIsTheAdjointOfTheForwardPass(String type) {
        // <pad(x), g> = <x, pad^T(g)> for any x and g: the gradient sends each padded pixel back to its source.
        DataType dataType = DataType.valueOf(type);
        double tolerance = dataType == DataType.DOUBLE ? 1e-12 : 1e-5;
        MultiLayerNetwork net = net(dataType, 3, 2, 7, 9);
        INDArray x = Nd4j.rand(dataType, 2, 2, 7, 9);
        INDArray g = Nd4j.rand(dataType, 2, 2, 13, 15);
        net.setInput(x);
        INDArray y = net.feedForward(true, false).get(1);
        INDArray dx = net.backpropGradient(g, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces())
                .getSecond();
        assertArrayEquals(x.shape(), dx.shape());
        assertEquals(y.mul(g).sumNumber().doubleValue(), x.mul(dx).sumNumber().doubleValue(), 1e3 * tolerance);
        // And pixel by pixel against the hand rule: dx[h][w] = sum of g over the padded pixels that copy (h, w).
        for (int h = 0; h < 7; h++) {
            for (int w = 0; w < 9; w++) {
                double expected = 0;
                for (int i = 0; i < 13; i++) {
                    for (int j = 0; j < 15; j++) {
                        if (source(i, 3, 7) == h && source(j, 3, 9) == w) {
                            expected += g.getDouble(1, 1, i, j);
                        }
                    }
                }
                assertEquals(expected, dx.getDouble(1, 1, h, w), tolerance, "(" + h + ", " + w + ")");
            }
        }
    }

    @Test
    void paddingMustBeSmallerThanTheImage() {
        assertThrows(IllegalArgumentException.class, () -> net(3, 1, 3, 8));
        assertThrows(IllegalArgumentException.class, () -> new ReflectionPadding2D(0));
    }

    /**
     * A network saved before {@link ParameterlessLayer} existed stores the layer as this JSON (written by the
     * pre-refactoring gan-core); it must still load, and the layer must still save as exactly these fields.
     */
    @Test
    void theSavedFormOfTheLayerConfigurationIsUnchanged() throws Exception {
        String saved = "{\"@class\" : \"io.gan4j.core.nn.ReflectionPadding2D\", \"constraints\" : null,"
                + " \"gradientNormalization\" : \"None\", \"gradientNormalizationThreshold\" : 0.0,"
                + " \"idropout\" : null, \"layerName\" : \"layer0\", \"padding\" : 3}";
        ReflectionPadding2D fresh = new ReflectionPadding2D(3);
        fresh.setLayerName("layer0");
        assertEquals(3, ((ReflectionPadding2D) SavedLayerForm.assertSavesAs(saved, fresh)).getPadding());
    }
}
