package io.gan4j.srgan;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.run.ExperimentRunner;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The low-resolution image recovered from gan-core's superres pairs (made by gan-core's own {@code PairTask}, an
 * independent implementation of the up-sampling) against the block means of the pairs' targets, computed directly;
 * and average pooling of the input, the shortcut, measured against the same.
 */
class LowResolutionTest {
    private static final VariantRegistry REGISTRY = VariantRegistry.discover();

    /** The first {@code n} pairs of a paired MNIST config with this task. */
    private static Batch pairs(String task, int n) {
        LoadedConfig config = new ConfigLoader(REGISTRY).load("lowres.json", """
                {"model": {"type": "srgan"},
                 "data": {"source": "paired", "images": "mnist", "task": "%s", "limit": %d},
                 "train": {"batchSize": 8}}
                """.formatted(task, n), List.of());
        ArrayDataset data = new ExperimentRunner(REGISTRY).checkData(config);
        return config.config().data().previewExamples(data, n, 17);
    }

    private static INDArray blockMeans(INDArray images, int f) {
        return Resampling.apply(images, Resampling.boxDown((int) images.size(2), f),
                Resampling.boxDown((int) images.size(3), f), DataType.DOUBLE);
    }

    @Test
    void leftInverseUndoesTheBilinearUpSampling() {
        double[][] u = Resampling.bilinearUp(7, 4);
        double[][] p = Resampling.leftInverse(u);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                double s = 0;
                for (int k = 0; k < 28; k++) {
                    s += p[i][k] * u[k][j];
                }
                assertEquals(i == j ? 1 : 0, s, 1e-12, "(PU)[" + i + "][" + j + "]");
            }
        }
        // Rows 0 and 1 read the clamped first sample; row 2 reads (2.5)/4 − 0.5 = 0.125 between samples 0 and 1.
        assertEquals(1, u[0][0]);
        assertEquals(1, u[1][0]);
        assertEquals(0.875, u[2][0], 1e-15);
        assertEquals(0.125, u[2][1], 1e-15);
    }

    @Test
    void recoversTheTargetsBlockMeansFromSuperresInputs() {
        Batch p = pairs("superres", 64);
        LowResolution lr = new LowResolution(28, 28, 4);
        INDArray recovered = lr.of(p.x(), DataType.DOUBLE);
        INDArray truth = blockMeans(p.y().castTo(DataType.DOUBLE), 4);
        double maxError = Transforms.abs(recovered.sub(truth)).maxNumber().doubleValue();
        assertTrue(maxError < 2e-6, "exact up to float rounding, found " + maxError);
        assertTrue(lr.residual(p.x()) < 1e-6, "residual " + lr.residual(p.x()));
    }

    /**
     * Average pooling of the input is the block means blurred by [1/8, 3/4, 1/8] per axis: on the first 64 MNIST pairs
     * a max error of 0.60 and an RMS error of 0.16 (images in [-1, 1]), so it is not the generator's input.
     */
    @Test
    void averagePoolingTheInputIsABlurredLowResolutionImage() {
        Batch p = pairs("superres", 64);
        INDArray truth = blockMeans(p.y().castTo(DataType.DOUBLE), 4);
        INDArray pooled = blockMeans(p.x().castTo(DataType.DOUBLE), 4);
        INDArray diff = pooled.sub(truth);
        double max = Transforms.abs(diff).maxNumber().doubleValue();
        double rms = Math.sqrt(Transforms.pow(diff, 2).meanNumber().doubleValue());
        System.out.printf("avgpool(x) vs block means: max %.4f, rms %.4f%n", max, rms);
        assertTrue(max > 0.1 && rms > 0.02, "max " + max + ", rms " + rms);
        // Inside the image, along one axis: pooled[b] = s[b−1]/8 + 3s[b]/4 + s[b+1]/8 (exact for the separable blur).
        INDArray expected = Resampling.apply(truth, blur(7), blur(7), DataType.DOUBLE);
        assertTrue(Transforms.abs(expected.sub(pooled)).maxNumber().doubleValue() < 2e-6);
    }

    /** avgpool ∘ bilinearUp for 7 samples at factor 4, by hand: [7/8, 1/8] at the borders, [1/8, 3/4, 1/8] inside. */
    private static double[][] blur(int n) {
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (i == 0 || i == n - 1) {
                b[i][i] = 0.875;
                b[i][i == 0 ? 1 : n - 2] = 0.125;
            } else {
                b[i][i - 1] = 0.125;
                b[i][i] = 0.75;
                b[i][i + 1] = 0.125;
            }
        }
        return b;
    }

    @Test
    void otherTasksInputsAreFarFromABilinearUpSampling() {
        LowResolution lr = new LowResolution(28, 28, 4);
        for (String task : List.of("inpaint", "denoise", "edges")) {
            double r = lr.residual(pairs(task, 16).x());
            assertTrue(r > 5 * LowResolution.MAX_RESIDUAL, task + ": residual " + r);
        }
    }
}
