package io.gan4j.core.data;

import io.gan4j.core.api.Batch;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShuffledBatchesTest {

    /** {@code n} examples of shape [1, 2, 2] whose four values all equal the example's index; label = index % 3. */
    private static ArrayDataset indexed(int n, boolean labelled) {
        float[] values = new float[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                values[4 * i + j] = i;
            }
            labels[i] = i % 3;
        }
        return new ArrayDataset("indexed", values, new long[] {1, 2, 2}, labelled ? labels : null,
                labelled ? 3 : 0);
    }

    /** The example indices in a batch, read back from its values. */
    private static int[] indices(Batch b) {
        INDArray x = b.x();
        int[] out = new int[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) x.getDouble(i, 0, 1, 1);
            assertEquals(out[i], x.getDouble(i, 0, 0, 0));
        }
        return out;
    }

    private static List<Integer> epoch(ShuffledBatches batches, long epoch) {
        List<Integer> seen = new ArrayList<>();
        for (int s = 1; s <= batches.batchesPerEpoch(); s++) {
            for (int i : indices(batches.batch(epoch * batches.batchesPerEpoch() + s))) {
                seen.add(i);
            }
        }
        return seen;
    }

    @Test
    void batchesArePureFunctionsOfSeedAndStep() {
        ArrayDataset data = indexed(50, true);
        ShuffledBatches a = new ShuffledBatches(data, 8, 42, DataType.FLOAT);
        ShuffledBatches b = new ShuffledBatches(data, 8, 42, DataType.FLOAT);
        int[][] forward = new int[20][];
        for (int s = 1; s <= 20; s++) {
            forward[s - 1] = indices(a.batch(s));
        }
        // Out of order and across epochs, as after a resume.
        for (int s = 20; s >= 1; s -= 3) {
            assertArrayEquals(forward[s - 1], indices(b.batch(s)), "step " + s);
        }
        ShuffledBatches other = new ShuffledBatches(data, 8, 43, DataType.FLOAT);
        assertNotEquals(epoch(a, 0), epoch(other, 0));
    }

    @Test
    void everyExampleExactlyOncePerEpochAndEpochsDiffer() {
        ShuffledBatches batches = new ShuffledBatches(indexed(48, false), 6, 7, DataType.FLOAT);
        assertEquals(8, batches.batchesPerEpoch());
        List<Integer> first = epoch(batches, 0);
        List<Integer> second = epoch(batches, 1);
        for (List<Integer> e : List.of(first, second)) {
            assertEquals(48, e.size());
            assertEquals(48, new HashSet<>(e).size());
        }
        assertNotEquals(first, second);
        assertNotEquals(first, first.stream().sorted().toList(), "the first epoch is shuffled too");
    }

    @Test
    void incompleteLastBatchIsDropped() {
        ShuffledBatches batches = new ShuffledBatches(indexed(10, false), 3, 1, DataType.FLOAT);
        assertEquals(3, batches.batchesPerEpoch());
        assertEquals(0, batches.epochOf(1));
        assertEquals(0, batches.epochOf(3));
        assertEquals(1, batches.epochOf(4));
        assertEquals(333, batches.epochOf(1000));
        Set<Integer> epoch = new HashSet<>(epoch(batches, 0));
        assertEquals(9, epoch.size());
        assertEquals(3, batches.batch(3).size());
        assertThrows(IllegalArgumentException.class, () -> batches.batch(0));
    }

    @Test
    void shapesTypesAndLabels() {
        ArrayDataset data = indexed(20, true);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.FLOAT16}) {
            Batch b = new ShuffledBatches(data, 5, 3, type).batch(2);
            assertEquals(type, b.x().dataType());
            assertArrayEquals(new long[] {5, 1, 2, 2}, b.x().shape());
            int[] idx = indices(b);
            for (int i = 0; i < 5; i++) {
                assertEquals(data.label(idx[i]), b.labels()[i]);
            }
            assertNull(b.y());
        }
        float[] points = {0.1f, 0.2f, 0.3f, 0.4f};
        Batch p = new ShuffledBatches(new ArrayDataset("p", points, new long[] {2}, null, 0), 2, 0, DataType.DOUBLE)
                .batch(1);
        assertArrayEquals(new long[] {2, 2}, p.x().shape());
        assertNull(p.labels());
        double sum = p.x().sumNumber().doubleValue();
        assertEquals(0.1f + 0.2f + 0.3f + 0.4f, sum, 1e-7);
    }

    @Test
    void rejectsBadArguments() {
        ArrayDataset data = indexed(10, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ShuffledBatches(data, 11, 0, DataType.FLOAT));
        assertTrue(e.getMessage().contains("11") && e.getMessage().contains("10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ShuffledBatches(data, 0, 0, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class, () -> new ShuffledBatches(data, 2, 0, DataType.INT32));
    }
}
