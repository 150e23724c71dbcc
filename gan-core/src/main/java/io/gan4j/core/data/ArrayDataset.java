package io.gan4j.core.data;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

/**
 * An in-memory data set of equally shaped examples with optional integer labels, held once on the Java heap (never
 * off-heap) so batches can be assembled in any ND4J data type without a second copy.
 *
 * <p>Values are stored row-major, one row per example, in one of two forms:
 * <ul>
 *   <li>a flat {@code float[]} ({@link #ArrayDataset(String, float[], long[], int[], int) the constructors}): points
 *       {@code [D]}, unbounded, or images {@code [C, H, W]} in [-1, 1] that do not come from 8-bit files;</li>
 *   <li>8-bit codes, a {@code byte[]} with a 256-entry table giving each code's float value
 *       ({@link #ofBytes}): images read from 8-bit files, a quarter of the floats' size. Every accessor
 *       ({@link #copyExample}, {@link #values()}, {@link #examples}) yields {@code table[code & 0xFF]}, so batches
 *       hold exactly the floats a float-backed set of the same values would.</li>
 * </ul>
 * Images are {@code [C, H, W]} per example with values in [-1, 1].
 */
public final class ArrayDataset {
    private final String name;
    /** The values, or null when the set is stored as {@link #codes}. */
    private final float[] values;
    /** 8-bit codes, one per value, or null when the set is stored as {@link #values}. */
    private final byte[] codes;
    /** The float value of each code, 256 entries, when {@link #codes} is set. */
    private final float[] table;
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
        this(name, values, null, null, sampleShape, labels, numClasses, classNames);
    }

    /**
     * A data set stored as 8-bit codes (e.g. the bytes of an IDX or image file): value {@code j} of example
     * {@code i} is {@code table[codes[i * sampleSize + j] & 0xFF]}. Neither array is copied; do not modify them.
     *
     * @param name        display name, e.g. {@code fashion-mnist/train}
     * @param codes       {@code size * prod(sampleShape)} codes, example after example
     * @param table       the value of each code, 256 entries (images: {@code code / 127.5 - 1}, in [-1, 1])
     * @param sampleShape shape of one example, e.g. {@code [C, H, W]}
     * @param labels      one label per example in {@code [0, numClasses)}, or {@code null}
     * @param numClasses  number of classes (0 when {@code labels} is null)
     * @param classNames  the name of each class, or empty
     */
    public static ArrayDataset ofBytes(String name, byte[] codes, float[] table, long[] sampleShape, int[] labels,
                                       int numClasses, List<String> classNames) {
        if (table.length != 256) {
            throw new IllegalArgumentException("a code table has 256 entries, got " + table.length);
        }
        return new ArrayDataset(name, null, codes, table, sampleShape, labels, numClasses, classNames);
    }

    private ArrayDataset(String name, float[] values, byte[] codes, float[] table, long[] sampleShape, int[] labels,
                         int numClasses, List<String> classNames) {
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
        int length = values != null ? values.length : codes.length;
        if (length % sampleSize != 0) {
            throw new IllegalArgumentException(length + " values do not divide into examples of " + sampleSize);
        }
        int n = length / sampleSize;
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
        this.codes = codes;
        this.table = table;
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
        return (values != null ? values.length : codes.length) / sampleSize;
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

    /** Whether the values are 8-bit image codes with the IDX table {@code v / 127.5 - 1} ({@link IdxFile}). */
    boolean hasUbyteCodes() {
        return codes != null && table == IdxFile.UBYTE_VALUES;
    }

    /** The 8-bit codes (not copied), or null for a float-backed set. */
    byte[] codes() {
        return codes;
    }

    /** Whether the values are stored as 8-bit codes ({@link #ofBytes}) rather than floats. */
    public boolean isBytes() {
        return codes != null;
    }

    /**
     * All values, {@code size() * sampleSize()} floats, example after example: the backing array of a float-backed
     * set (not copied: do not modify), a new array for one stored as codes. Training code should copy examples
     * ({@link #copyExample}) instead, which never materialises the whole set.
     */
    public float[] values() {
        return values != null ? values : copyValues(0, size());
    }

    /** The backing labels (not copied: do not modify), or {@code null}. */
    public int[] labels() {
        return labels;
    }

    /** Copies example {@code i}, {@code sampleSize()} floats, into {@code dst} at {@code offset}. */
    public void copyExample(int i, float[] dst, int offset) {
        if (values != null) {
            System.arraycopy(values, i * sampleSize, dst, offset, sampleSize);
        } else {
            int src = i * sampleSize;
            for (int j = 0; j < sampleSize; j++) {
                dst[offset + j] = table[codes[src + j] & 0xFF];
            }
        }
    }

    /** Copies example {@code i}, {@code sampleSize()} values widened to double, into {@code dst} at {@code offset}. */
    public void copyExample(int i, double[] dst, int offset) {
        int src = i * sampleSize;
        for (int j = 0; j < sampleSize; j++) {
            dst[offset + j] = values != null ? values[src + j] : table[codes[src + j] & 0xFF];
        }
    }

    /** The values of examples {@code [from, to)} as a new array, example after example. */
    public float[] copyValues(int from, int to) {
        checkRange(from, to);
        if (values != null) {
            return Arrays.copyOfRange(values, from * sampleSize, to * sampleSize);
        }
        float[] out = new float[(to - from) * sampleSize];
        for (int i = from; i < to; i++) {
            copyExample(i, out, (i - from) * sampleSize);
        }
        return out;
    }

    /**
     * Examples {@code [from, to)} as a data set of their own (copied, in the same storage form), with their labels;
     * the name gets {@code suffix}.
     */
    public ArrayDataset slice(int from, int to, String suffix) {
        checkRange(from, to);
        int[] l = labels == null ? null : Arrays.copyOfRange(labels, from, to);
        if (values != null) {
            return new ArrayDataset(name + suffix, Arrays.copyOfRange(values, from * sampleSize, to * sampleSize),
                    sampleShape, l, numClasses, classNames);
        }
        return ofBytes(name + suffix, Arrays.copyOfRange(codes, from * sampleSize, to * sampleSize), table,
                sampleShape, l, numClasses, classNames);
    }

    /** The same examples and labels under another name, sharing the storage (nothing is copied). */
    public ArrayDataset renamed(String name) {
        return new ArrayDataset(name, values, codes, table, sampleShape, labels, numClasses, classNames);
    }

    /**
     * The same examples without labels, sharing the storage (nothing is copied), named {@code name}.
     */
    public ArrayDataset unlabelled(String name) {
        return new ArrayDataset(name, values, codes, table, sampleShape, null, 0, List.of());
    }

    /** The first {@code n} examples (the whole set when {@code n <= 0} or {@code n >= size()}). */
    public ArrayDataset limit(int n) {
        if (n <= 0 || n >= size()) {
            return this;
        }
        return slice(0, n, "");
    }

    /** The first {@code n} examples (all when {@code n >= size()}) as one FLOAT array {@code [n, ...sampleShape]}. */
    public INDArray examples(int n) {
        int m = Math.min(n, size());
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = m;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return Nd4j.create(m == size() && values != null ? values : copyValues(0, m), shape, 'c');
    }

    private void checkRange(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("examples [" + from + ", " + to + ") of " + size());
        }
    }

    /** The data spec a model is built for. */
    public DataSpec spec() {
        return new DataSpec(sampleShape, numClasses, labels != null ? DataKind.LABELLED : DataKind.UNLABELLED, name);
    }
}
