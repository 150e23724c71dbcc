package io.gan4j.core.api;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchTest {

    @Test
    void pairedAsRefusesABatchWithoutTargetsWithTheCallersMessage() {
        Batch unpaired = Batch.of(Nd4j.zeros(DataType.FLOAT, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> unpaired.pairedAs(DataType.FLOAT, "pix2pix trains on paired data: the batch has no targets"));
        assertEquals("pix2pix trains on paired data: the batch has no targets", e.getMessage());
    }

    @Test
    void pairedAsCastsInputsAndTargetsAndKeepsTheLabels() {
        INDArray x = Nd4j.createFromArray(new float[][] {{0.1f, -0.5f}, {1f, 0.25f}});
        INDArray y = Nd4j.createFromArray(new float[][] {{0.3f, 0.7f}, {-1f, 0f}});
        int[] labels = {4, 2};
        Batch paired = new Batch(x, labels, y).pairedAs(DataType.DOUBLE, "unused");
        assertEquals(DataType.DOUBLE, paired.x().dataType());
        assertEquals(DataType.DOUBLE, paired.y().dataType());
        // The float values, widened exactly (0.1f is not 0.1).
        assertArrayEquals(new double[] {0.1f, -0.5f, 1f, 0.25f}, paired.x().ravel().toDoubleVector());
        assertArrayEquals(new double[] {0.3f, 0.7f, -1f, 0f}, paired.y().ravel().toDoubleVector());
        assertSame(labels, paired.labels());
    }

    @Test
    void pairedAsKeepsArraysAlreadyOfTheType() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 2, 3);
        INDArray y = Nd4j.ones(DataType.FLOAT, 2, 3);
        Batch paired = new Batch(x, null, y).pairedAs(DataType.FLOAT, "unused");
        assertSame(x, paired.x());
        assertSame(y, paired.y());
    }
}
