package io.gan4j.core.data;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pairs derived from the shipped MNIST digits: targets are the digits, batches are a function of (seed, step). */
class DerivedPairsDataTest {

    private static DerivedPairsData task(PairTask task, int limit) {
        DerivedPairsData d = DerivedPairsData.defaults();
        return new DerivedPairsData(d.images(), null, Split.TRAIN, limit, task, d.maskMin(), d.maskMax(),
                d.maskValue(), d.factor(), d.noise(), d.noiseStd(), d.noiseFraction(), d.edgeThreshold());
    }

    @Test
    void targetsAreTheDigitsAndInputsTheirCorruption() {
        DerivedPairsData d = task(PairTask.SUPERRES, 40);
        ArrayDataset stored = d.load(0);
        ArrayDataset digits = new MnistData(Split.TRAIN, null, 40).load(0);
        assertEquals("paired-superres/mnist/train", stored.name());
        assertEquals(DataKind.PAIRED, d.spec(stored).kind());
        assertArrayEquals(new long[] {1, 28, 28}, d.spec(stored).sampleShape());

        Batch b = d.pairs(stored, new int[] {7, 3}, 11, true, DataType.FLOAT);
        float[] expectedTarget = new float[784];
        digits.copyExample(3, expectedTarget, 0);
        assertArrayEquals(expectedTarget, b.y().get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)).dup().data().asFloat());
        float[] expectedInput = new float[784];
        PairTask.downUp(expectedTarget, 0, 1, 28, 28, 4, expectedInput, 0);
        assertArrayEquals(expectedInput, b.x().get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)).dup().data().asFloat(), 1e-6f);
        assertEquals(digits.label(7), b.labels()[0]);
    }

    @Test
    void trainingBatchesArePureFunctionsOfSeedAndStep() {
        DerivedPairsData d = task(PairTask.INPAINT, 64);
        ArrayDataset stored = d.load(0);
        LongFunction<Batch> a = d.batches(stored, 8, 5, DataType.FLOAT);
        LongFunction<Batch> again = d.batches(stored, 8, 5, DataType.FLOAT);
        assertEquals(a.apply(3).x(), again.apply(3).x(), "a resumed run sees the same masks");
        assertEquals(a.apply(3).y(), again.apply(3).y());
        assertNotEquals(a.apply(3).x(), a.apply(4).x());
        // Epoch 2 revisits the same digits with new masks.
        Batch first = a.apply(1);
        ShuffledBatches order = new ShuffledBatches(stored, 8, 5, DataType.FLOAT);
        assertArrayEquals(order.batch(1).x().dup().data().asFloat(), first.y().dup().data().asFloat());
    }

    @Test
    void heldoutDerivesFromTheHeldOutDigits() {
        ArrayDataset held = task(PairTask.EDGES, 0).heldout().load(0);
        assertEquals("paired-edges/mnist/heldout", held.name());
        assertEquals(2000, held.size());
        Batch all = task(PairTask.EDGES, 0).heldout().allPairs(held, 1, DataType.FLOAT);
        assertEquals(2000, all.size());
        INDArray edges = all.x();
        assertTrue(edges.eq(1).castTo(DataType.FLOAT).meanNumber().doubleValue() > 0.05, "digits have edges");
    }

    @Test
    void invalidSettingsAreConfigProblems() {
        DerivedPairsData d = DerivedPairsData.defaults();
        List<ConfigProblem> problems = new ArrayList<>();
        new DerivedPairsData(d.images(), null, Split.TRAIN, 0, PairTask.SUPERRES, 0.6, 0.5, 0, 3, d.noise(), 0.1,
                0.1, 0.3).validate("$.data", problems);
        assertEquals(List.of("$.data.maskMin", "$.data.factor"), problems.stream().map(ConfigProblem::path).toList());
    }
}
