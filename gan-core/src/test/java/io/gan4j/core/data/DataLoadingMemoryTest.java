package io.gan4j.core.data;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.Seeds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data set is held once (issue 21): loading 8-bit images allocates the file's bytes and at most one stored copy
 * of them, never a float copy of the whole set or a copy per domain, and the batches built from the 8-bit store are
 * bit for bit those of the float path they replaced (same values, same order for the same seeds).
 */
class DataLoadingMemoryTest {

    /** Fashion-MNIST-like: enough images that one extra copy (15.7 MB as bytes, 63 MB as floats) stands out. */
    private static final int N = 20_000;
    private static final int PIXELS = 28 * 28;
    private static final long DATA_BYTES = (long) N * PIXELS;
    /** Labels, shuffles, headers, buffers and the first batches: well under one copy of the images. */
    private static final long SLACK = 4L << 20;

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeFashionLikeFiles() {
        SplittableRandom random = new SplittableRandom(21);
        float[] images = new float[(int) DATA_BYTES];
        for (int i = 0; i < images.length; i++) {
            // Mostly background with bright blobs, as in Fashion-MNIST.
            int v = random.nextInt(4) == 0 ? random.nextInt(256) : 0;
            images[i] = (float) (v / 127.5 - 1);
        }
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = random.nextInt(10);
        }
        // Raw (not gzip) files: the reader's allocations are then the payload alone.
        IdxFile.writeImages(dir.resolve("train-images-idx3-ubyte"), images, N, 1, 28, 28);
        IdxFile.writeLabels(dir.resolve("train-labels-idx1-ubyte"), labels);
        // ND4J's start-up and class loading are not the data's: do them before anything is counted.
        DerivedUnpairedData small = new DerivedUnpairedData(DerivedPairsData.Images.FASHION_MNIST, dir.toString(),
                null, null, Split.TRAIN, 64, DerivedUnpairedData.Transform.BOLD, 1);
        small.batches(small.load(0), 16, 5, DataType.FLOAT).apply(1).close();
        new ShuffledBatches(new FashionMnistData(dir.toString(), Split.TRAIN, 64).load(0), 16, 5, DataType.FLOAT)
                .batch(1).close();
    }

    private static long allocatedBy(Supplier<?> work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Object kept = work.get();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(kept != null);
        return allocated;
    }

    private static DerivedUnpairedData unpaired(DerivedUnpairedData.Transform transform) {
        return new DerivedUnpairedData(DerivedPairsData.Images.FASHION_MNIST, dir.toString(), null, null, Split.TRAIN,
                0, transform, 1);
    }

    @Test
    void unpairedLoadingAndBatchingAllocateTheImagesTwiceAtMost() {
        DerivedUnpairedData d = unpaired(DerivedUnpairedData.Transform.BOLD);
        long allocated = allocatedBy(() -> {
            ArrayDataset stored = d.load(0);
            LongFunction<Batch> batches = d.batches(stored, 16, 5, DataType.FLOAT);
            Batch b = batches.apply(1);
            b.close();
            return stored;
        });
        // The file's bytes, then the stored A+B set written once; before issue 21 it was about 20 float copies.
        assertTrue(allocated < 2 * DATA_BYTES + SLACK, "loading an unpaired set of " + DATA_BYTES
                + " image bytes allocated " + allocated + " bytes: the images are copied more than once");
    }

    @Test
    void labelledAndPairedLoadingKeepTheFileBytes() {
        long plain = allocatedBy(() -> {
            ArrayDataset data = new FashionMnistData(dir.toString(), Split.TRAIN, 0).load(0);
            new ShuffledBatches(data, 16, 5, DataType.FLOAT).batch(1).close();
            return data;
        });
        assertTrue(plain < DATA_BYTES + SLACK, "fashion-mnist load allocated " + plain + " bytes for "
                + DATA_BYTES + " image bytes");
        DerivedPairsData edges = new DerivedPairsData(DerivedPairsData.Images.FASHION_MNIST, dir.toString(),
                Split.TRAIN, 0, PairTask.EDGES, 0.25, 0.5, 0, 4, PairTask.NoiseType.GAUSSIAN, 0.5, 0.2, 0.3);
        long paired = allocatedBy(() -> {
            ArrayDataset data = edges.load(0);
            edges.batches(data, 16, 5, DataType.FLOAT).apply(1).close();
            return data;
        });
        assertTrue(paired < DATA_BYTES + SLACK, "paired load allocated " + paired + " bytes for " + DATA_BYTES
                + " image bytes");
    }

    @Test
    void invertedCodesAreExactlyTheNegatedValues() {
        for (int v = 0; v < 256; v++) {
            assertEquals(Float.floatToIntBits(-IdxFile.UBYTE_VALUES[v]), Float.floatToIntBits(IdxFile.UBYTE_VALUES[255 - v]),
                    "code " + v);
        }
    }

    /** The batches the float path gave before issue 21: floats, domains copied out, one shuffle per domain copy. */
    @Test
    void unpairedBatchesAreThoseOfTheFloatPath() {
        for (DerivedUnpairedData.Transform t : new DerivedUnpairedData.Transform[] {
                DerivedUnpairedData.Transform.BOLD, DerivedUnpairedData.Transform.INVERT}) {
            DerivedUnpairedData d = new DerivedUnpairedData(DerivedPairsData.Images.FASHION_MNIST, dir.toString(),
                    null, null, Split.TRAIN, 301, t, 2);
            float[] all = new FashionMnistData(dir.toString(), Split.TRAIN, 301).load(0).values();
            float[] a = new float[151 * PIXELS];
            float[] b = new float[150 * PIXELS];
            for (int i = 0; i < 151; i++) {
                System.arraycopy(all, 2 * i * PIXELS, a, i * PIXELS, PIXELS);
            }
            for (int i = 0; i < 150; i++) {
                d.translate(all, (2 * i + 1) * PIXELS, 1, 28, 28, b, i * PIXELS);
            }
            long[] shape = {1, 28, 28};
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                ShuffledBatches refA = new ShuffledBatches(new ArrayDataset("a", a, shape, null, 0), 16,
                        Seeds.derive(9, UnpairedSource.A), type);
                ShuffledBatches refB = new ShuffledBatches(new ArrayDataset("b", b, shape, null, 0), 16,
                        Seeds.derive(9, UnpairedSource.B), type);
                LongFunction<Batch> batches = d.batches(d.load(0), 16, 9, type);
                for (long step = 1; step <= 25; step++) {
                    Batch got = batches.apply(step);
                    assertEquals(refA.batch(step).x(), got.x(), t + " " + type + " A, step " + step);
                    assertEquals(refB.batch(step).x(), got.y(), t + " " + type + " B, step " + step);
                }
            }
        }
    }

    @Test
    void byteStoreGivesTheFloatsOfTheFile() {
        ArrayDataset bytes = new FashionMnistData(dir.toString(), Split.TRAIN, 100).load(0);
        assertTrue(bytes.isBytes());
        float[] expected = IdxFile.read(dir.resolve("train-images-idx3-ubyte")).images().values();
        float[] got = new float[PIXELS];
        for (int i = 0; i < 100; i++) {
            bytes.copyExample(i, got, 0);
            float[] want = java.util.Arrays.copyOfRange(expected, i * PIXELS, (i + 1) * PIXELS);
            assertArrayEquals(want, got, "example " + i);
        }
        assertArrayEquals(java.util.Arrays.copyOf(expected, 100 * PIXELS), bytes.values());
    }
}
