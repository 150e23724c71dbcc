package io.gan4j.core.data;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.backend.NdArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training batches drawn without replacement, epoch by epoch, as a pure function of {@code (seed, step)}: a run
 * resumed at step s sees exactly the batches an uninterrupted run would, without replaying the steps before it.
 *
 * <p>Epoch e (0-based) visits the examples in a Fisher–Yates permutation drawn from
 * {@code Seeds.derive(seed, e)}; step s (1-based) takes batch {@code (s - 1) mod batchesPerEpoch} of epoch
 * {@code (s - 1) / batchesPerEpoch}. The last incomplete batch of each epoch is dropped, so every batch has exactly
 * {@code batchSize} examples. The current epoch's permutation is cached; the class is thread-safe.
 *
 * <p>The batches may be drawn from a contiguous range of the data set's examples
 * ({@link #ShuffledBatches(ArrayDataset, int, int, int, long, DataType)}, e.g. one domain of an unpaired set): they
 * are then exactly those of a data set holding only that range, without copying it.
 */
public final class ShuffledBatches {
    private final ArrayDataset data;
    private final int from;
    private final int count;
    private final int batchSize;
    private final long seed;
    private final DataType type;
    private final int batchesPerEpoch;
    private long cachedEpoch = -1;
    private int[] permutation;

    /**
     * @param data      the examples
     * @param batchSize examples per batch, 1 to {@code data.size()}
     * @param seed      the data seed
     * @param type      floating-point type of the batch arrays (FLOAT, DOUBLE, FLOAT16 or BFLOAT16)
     * @throws IllegalArgumentException when the batch size does not fit the data or the type is not floating-point
     */
    public ShuffledBatches(ArrayDataset data, int batchSize, long seed, DataType type) {
        this(data, 0, data.size(), batchSize, seed, type);
    }

    /**
     * Batches of examples {@code [from, from + count)} of {@code data} only, as if they were a data set of their own.
     *
     * @param data      the examples
     * @param from      the first example of the range
     * @param count     the number of examples in the range
     * @param batchSize examples per batch, 1 to {@code count}
     * @param seed      the data seed
     * @param type      floating-point type of the batch arrays (FLOAT, DOUBLE, FLOAT16 or BFLOAT16)
     * @throws IllegalArgumentException when the range is not inside the data, the batch size does not fit it or the
     *                                  type is not floating-point
     */
    public ShuffledBatches(ArrayDataset data, int from, int count, int batchSize, long seed, DataType type) {
        if (from < 0 || count < 0 || from + count > data.size()) {
            throw new IllegalArgumentException("examples [" + from + ", " + (from + count) + ") are not inside the "
                    + data.size() + " examples of " + data.name());
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (batchSize > count) {
            throw new IllegalArgumentException("batch size " + batchSize + " is larger than the " + count
                    + " examples of " + data.name());
        }
        if (!type.isFPType()) {
            throw new IllegalArgumentException("batches need a floating-point type, got " + type);
        }
        this.data = data;
        this.from = from;
        this.count = count;
        this.batchSize = batchSize;
        this.seed = seed;
        this.type = type;
        this.batchesPerEpoch = count / batchSize;
    }

    /** Number of full batches in one pass over the data, {@code floor(size / batchSize)}. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The 0-based epoch that 1-based {@code step} falls in. */
    public long epochOf(long step) {
        checkStep(step);
        return (step - 1) / batchesPerEpoch;
    }

    /**
     * The batch of 1-based training step {@code step}.
     *
     * @return x {@code [batchSize, ...sampleShape]} in this object's data type with the data's values (images in
     *         [-1, 1]); labels (length batchSize) when the data has them, else null; y null
     */
    public Batch batch(long step) {
        int[] order = permutation(epochOf(step));
        int first = (int) ((step - 1) % batchesPerEpoch) * batchSize;
        int sampleSize = data.sampleSize();
        long[] shape = batchShape();
        int[] labels = null;
        if (data.hasLabels()) {
            labels = new int[batchSize];
            for (int i = 0; i < batchSize; i++) {
                labels[i] = data.label(from + order[first + i]);
            }
        }
        if (type == DataType.DOUBLE) {
            double[] x = new double[batchSize * sampleSize];
            for (int i = 0; i < batchSize; i++) {
                data.copyExample(from + order[first + i], x, i * sampleSize);
            }
            return new Batch(Nd4j.create(x, shape, type), labels, null);
        }
        float[] x = new float[batchSize * sampleSize];
        for (int i = 0; i < batchSize; i++) {
            data.copyExample(from + order[first + i], x, i * sampleSize);
        }
        return new Batch(type == DataType.FLOAT ? NdArrays.floats(x, shape) : Nd4j.create(x, shape, type), labels, null);
    }

    /**
     * The indices into the data of the examples of 1-based {@code step}'s batch, in batch order: what
     * {@link #batch} gathers. Sources that build each example from a stored one (paired tasks, crops) use it.
     *
     * @return {@code batchSize} distinct indices into the data, in {@code [from, from + count)}
     */
    public int[] indices(long step) {
        int[] order = permutation(epochOf(step));
        int first = (int) ((step - 1) % batchesPerEpoch) * batchSize;
        int[] out = Arrays.copyOfRange(order, first, first + batchSize);
        for (int i = 0; i < out.length; i++) {
            out[i] += from;
        }
        return out;
    }

    private long[] batchShape() {
        long[] sample = data.sampleShape();
        long[] shape = new long[sample.length + 1];
        shape[0] = batchSize;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        return shape;
    }

    private synchronized int[] permutation(long epoch) {
        if (epoch != cachedEpoch) {
            SplittableRandom random = new SplittableRandom(Seeds.derive(seed, epoch));
            int[] p = new int[count];
            for (int i = 0; i < p.length; i++) {
                p[i] = i;
            }
            for (int i = p.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            permutation = p;
            cachedEpoch = epoch;
        }
        return permutation;
    }

    private static void checkStep(long step) {
        if (step < 1) {
            throw new IllegalArgumentException("steps count from 1, got " + step);
        }
    }
}
