package io.gan4j.core.data;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

/**
 * An in-memory data set of equally shaped examples with optional integer labels. Values are kept as a flat
 * Java {@code float[]} (row-major, one row per example) so batches can be assembled in any ND4J data type
 * without holding a second off-heap copy.
 *
 * <p>Images are stored {@code [C, H, W]} per example with values in [-1, 1]; points {@code [D]}, unbounded.
 */
public final class ArrayDataset {
    private final String name;
    private final float[] values;
    private final long[] sampleShape;
    private final int sampleSize;
    private final int[] labels;
    private final int numClasses;
    private final List<String> classNames;

    /**
     * A data set whose classes have no names (see {@link #classNames()}).
     *
     * @param name        display name, e.g. {@code mnist/train}
     * @param values      {@code size * prod(sampleShape)} values, example after example
     * @param sampleShape shape of one example
     * @param labels      one label per example in {@code [0, numClasses)}, or {@code null}
     * @param numClasses  number of classes (0 when {@code labels} is null)
     */
    public ArrayDataset(String name, float[] values, long[] sampleShape, int[] labels, int numClasses) {
        this(name, values, sampleShape, labels, numClasses, List.of());
    }

    /**
     * A data set with named classes, e.g. the class folders of an image folder.
     *
     * @param name        display name, e.g. {@code folder/flowers}
     * @param values      {@code size * prod(sampleShape)} values, example after example
     * @param sampleShape shape of one example
     * @param labels      one label per example in {@code [0, numClasses)}, or {@code null}
     * @param numClasses  number of classes (0 when {@code labels} is null)
     * @param classNames  the name of each class, label {@code k} at index {@code k}: exactly {@code numClasses}
     *                    names, or empty when the classes have no names
     */
    public ArrayDataset(String name, float[] values, long[] sampleShape, int[] labels, int numClasses,
                        List<String> classNames) {
        if (!classNames.isEmpty() && classNames.size() != numClasses) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + numClasses + " classes");
        }
        long s = 1;
        for (long d : sampleShape) {
            s *= d;
        }
        if (s <= 0 || s > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad sample shape " + Arrays.toString(sampleShape));
        }
        this.sampleSize = (int) s;
        if (values.length % sampleSize != 0) {
            throw new IllegalArgumentException(values.length + " values do not divide into examples of " + sampleSize);
        }
        int n = values.length / sampleSize;
        if (labels != null) {
            if (labels.length != n) {
                throw new IllegalArgumentException(labels.length + " labels for " + n + " examples");
            }
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || labels[i] >= numClasses) {
                    throw new IllegalArgumentException("label " + labels[i] + " of example " + i
                            + " is outside [0, " + numClasses + ")");
                }
            }
        } else if (numClasses != 0) {
            throw new IllegalArgumentException("numClasses must be 0 without labels");
        }
        this.name = name;
        this.values = values;
        this.sampleShape = sampleShape.clone();
        this.labels = labels;
        this.numClasses = numClasses;
        this.classNames = List.copyOf(classNames);
    }

    public String name() {
        return name;
    }

    /** Number of examples. */
    public int size() {
        return values.length / sampleSize;
    }

    /** Shape of one example, without the batch dimension. */
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    /** Number of values per example. */
    public int sampleSize() {
        return sampleSize;
    }

    public boolean hasLabels() {
        return labels != null;
    }

    public int numClasses() {
        return numClasses;
    }

    /** The name of each class, label {@code k} at index {@code k}; empty when the classes have no names. */
    public List<String> classNames() {
        return classNames;
    }

    /** The label of example {@code i}; only when {@link #hasLabels()}. */
    public int label(int i) {
        return labels[i];
    }

    /** The backing values (not copied: do not modify). */
    public float[] values() {
        return values;
    }

    /** The backing labels (not copied: do not modify), or {@code null}. */
    public int[] labels() {
        return labels;
    }

    /** Copies example {@code i} into {@code dst} at {@code offset}. */
    public void copyExample(int i, float[] dst, int offset) {
        System.arraycopy(values, i * sampleSize, dst, offset, sampleSize);
    }

    /** The first {@code n} examples (the whole set when {@code n <= 0} or {@code n >= size()}). */
    public ArrayDataset limit(int n) {
        if (n <= 0 || n >= size()) {
            return this;
        }
        return new ArrayDataset(name, Arrays.copyOf(values, n * sampleSize), sampleShape,
                labels == null ? null : Arrays.copyOf(labels, n), numClasses, classNames);
    }

    /** The first {@code n} examples (all when {@code n >= size()}) as one FLOAT array {@code [n, ...sampleShape]}. */
    public INDArray examples(int n) {
        int m = Math.min(n, size());
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = m;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return Nd4j.create(m == size() ? values : Arrays.copyOf(values, m * sampleSize), shape, 'c');
    }

    /** The data spec a model is built for. */
    public DataSpec spec() {
        return new DataSpec(sampleShape, numClasses, labels != null ? DataKind.LABELLED : DataKind.UNLABELLED, name);
    }
}
