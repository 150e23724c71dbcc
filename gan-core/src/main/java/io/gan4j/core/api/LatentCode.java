package io.gan4j.core.api;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The structure of a generator's latent input: a list of named parts laid side by side in one row of
 * {@link #width()} values. A plain GAN has one part, its noise z; InfoGAN (Chen et al. 2016) adds a categorical code
 * (one-hot over K values) and continuous codes (uniform in a range) next to the noise. A batch of codes is an array
 * {@code [n, width]} whose columns {@code [offset(part), offset(part) + part.width())} hold each part.
 *
 * <p>Sampling draws the parts in list order, all n rows of one part before the next part, so a code with a single
 * {@link Noise} part draws exactly what {@link LatentDistribution#sample} draws (existing models keep their noise).
 */
public final class LatentCode {

    /** One part of a code: a name (unique within the code) and the number of columns it takes. */
    public sealed interface Part permits Noise, Categorical, Continuous {
        /** The part's name, e.g. {@code z}, {@code c1}. */
        String name();

        /** Columns the part takes in a code row, at least 1. */
        int width();

        /** {@code n} draws of this part, {@code [n, width()]}, from {@code random}. */
        INDArray sample(StepRandom random, DataType type, long n);
    }

    /** Unstructured noise: {@code width} independent draws from {@code distribution} (N(0,1) or U(-1,1)). */
    public record Noise(String name, LatentDistribution distribution, int width) implements Part {
        public Noise {
            requirePositive(name, width);
        }

        @Override
        public INDArray sample(StepRandom random, DataType type, long n) {
            return distribution.sample(random, type, n, width);
        }
    }

    /**
     * A categorical code with {@code classes} equally likely values, stored one-hot: value k is a row of
     * {@code classes} columns with a 1 in column k and 0 elsewhere. Draws one {@link StepRandom#nextInt} per row.
     */
    public record Categorical(String name, int classes) implements Part {
        public Categorical {
            requirePositive(name, classes);
        }

        @Override
        public int width() {
            return classes;
        }

        @Override
        public INDArray sample(StepRandom random, DataType type, long n) {
            int[] values = new int[Math.toIntExact(n)];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(classes);
            }
            return oneHot(values, classes, type);
        }
    }

    /** {@code width} continuous codes, each uniform in {@code [low, high)}. */
    public record Continuous(String name, int width, double low, double high) implements Part {
        public Continuous {
            requirePositive(name, width);
            if (!(low < high)) {
                throw new IllegalArgumentException("continuous code '" + name + "' needs low < high, got [" + low
                        + ", " + high + "]");
            }
        }

        @Override
        public INDArray sample(StepRandom random, DataType type, long n) {
            return random.uniform(type, low, high, n, width);
        }
    }

    private final List<Part> parts;
    private final int[] offsets;
    private final int width;

    private LatentCode(List<Part> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a latent code needs at least one part");
        }
        Set<String> names = new HashSet<>();
        this.parts = List.copyOf(parts);
        this.offsets = new int[parts.size()];
        int w = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (!names.add(parts.get(i).name())) {
                throw new IllegalArgumentException("two parts named '" + parts.get(i).name() + "'");
            }
            offsets[i] = w;
            w += parts.get(i).width();
        }
        this.width = w;
    }

    /** A code of the given parts, in that column order. */
    public static LatentCode of(Part... parts) {
        return new LatentCode(Arrays.asList(parts));
    }

    /** A code of the given parts, in that column order. */
    public static LatentCode of(List<? extends Part> parts) {
        return new LatentCode(new ArrayList<>(parts));
    }

    /** The code of a plain GAN: one noise part named {@code z} of {@code dim} values from {@code distribution}. */
    public static LatentCode noise(LatentDistribution distribution, int dim) {
        return of(new Noise("z", distribution, dim));
    }

    /** The parts in column order. */
    public List<Part> parts() {
        return parts;
    }

    /** Columns of a code row: the sum of the parts' widths. */
    public int width() {
        return width;
    }

    /** The part called {@code name}. */
    public Part part(String name) {
        return parts.get(indexOf(name));
    }

    /** The first column of part {@code name} in a code row. */
    public int offset(String name) {
        return offsets[indexOf(name)];
    }

    private int indexOf(String name) {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no part '" + name + "' in the latent code " + this);
    }

    /**
     * {@code n} codes, {@code [n, width()]}: each part drawn in turn (all rows of a part, then the next part).
     * Deterministic given {@code random}'s seed.
     */
    public INDArray sample(StepRandom random, DataType type, long n) {
        if (parts.size() == 1) {
            return parts.get(0).sample(random, type, n);
        }
        INDArray[] columns = new INDArray[parts.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = parts.get(i).sample(random, type, n);
        }
        INDArray codes = Nd4j.hstack(columns);
        for (INDArray c : columns) {
            c.close();
        }
        return codes;
    }

    /**
     * The columns of part {@code name} in a batch of codes: a view {@code [n, part width]} of {@code codes}
     * (writing to it writes into {@code codes}).
     *
     * @param codes {@code [n, width()]}
     */
    public INDArray slice(INDArray codes, String name) {
        checkCodes(codes);
        int from = offset(name);
        return codes.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + part(name).width()));
    }

    /**
     * Sets the categorical part {@code name} of every code, in place: row i gets value {@code values[i]} (one-hot).
     *
     * @param codes  {@code [n, width()]}
     * @param values length n, each in {@code [0, classes)}
     * @return {@code codes}
     */
    public INDArray setCategory(INDArray codes, String name, int[] values) {
        if (!(part(name) instanceof Categorical c)) {
            throw new IllegalArgumentException("part '" + name + "' is not categorical: " + part(name));
        }
        checkRows(codes, values.length);
        INDArray hot = oneHot(values, c.classes(), codes.dataType());
        slice(codes, name).assign(hot);
        hot.close();
        return codes;
    }

    /**
     * Sets column {@code dimension} of the continuous part {@code name} of every code, in place: row i gets
     * {@code values[i]} (any value, also outside the prior's range: extrapolation is allowed).
     *
     * @param codes {@code [n, width()]}
     * @return {@code codes}
     */
    public INDArray setContinuous(INDArray codes, String name, int dimension, double[] values) {
        if (!(part(name) instanceof Continuous c)) {
            throw new IllegalArgumentException("part '" + name + "' is not continuous: " + part(name));
        }
        if (dimension < 0 || dimension >= c.width()) {
            throw new IllegalArgumentException("continuous code '" + name + "' has dimensions 0.." + (c.width() - 1)
                    + ", got " + dimension);
        }
        checkRows(codes, values.length);
        int column = offset(name) + dimension;
        for (int i = 0; i < values.length; i++) {
            codes.putScalar(i, column, values[i]);
        }
        return codes;
    }

    /**
     * The value of the categorical part {@code name} in each code: the column of its largest entry (the first on
     * ties), length n.
     */
    public int[] categories(INDArray codes, String name) {
        if (!(part(name) instanceof Categorical)) {
            throw new IllegalArgumentException("part '" + name + "' is not categorical: " + part(name));
        }
        return slice(codes, name).argMax(1).toIntVector();
    }

    /**
     * A grid of codes that differ only in two parts: row r has value r of the categorical part {@code rows}, column
     * j has dimension {@code dimension} of the continuous part {@code columns} at {@code low + (high - low) j /
     * (cols - 1)}, spanning the part's range from low to high inclusive. Every other value comes from {@code base}.
     *
     * @param base a single code {@code [1, width()]} (or {@code [width()]})
     * @param cols columns, at least 2
     * @return {@code [classes * cols, width()]} codes, row-major (all columns of row 0 first), in base's type
     */
    public INDArray sweep(INDArray base, String rows, String columns, int dimension, int cols) {
        if (!(part(rows) instanceof Categorical cat) || !(part(columns) instanceof Continuous cont)) {
            throw new IllegalArgumentException("a sweep needs a categorical and a continuous part, got "
                    + part(rows) + " and " + part(columns));
        }
        if (cols < 2 || base.length() != width) {
            throw new IllegalArgumentException("a sweep needs cols >= 2 and one base code of " + width
                    + " values, got " + cols + " and " + Arrays.toString(base.shape()));
        }
        int n = cat.classes() * cols;
        INDArray codes = base.reshape(1, width).repeat(0, n);
        int[] categories = new int[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            categories[i] = i / cols;
            values[i] = cont.low() + (cont.high() - cont.low()) * (i % cols) / (cols - 1);
        }
        setCategory(codes, rows, categories);
        return setContinuous(codes, columns, dimension, values);
    }

    /** One-hot rows: {@code [values.length, classes]}, row i with a 1 in column {@code values[i]}. */
    public static INDArray oneHot(int[] values, int classes, DataType type) {
        float[] v = new float[Math.multiplyExact(values.length, classes)];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= classes) {
                throw new IllegalArgumentException("value " + values[i] + " of row " + i + " is not in [0, "
                        + classes + ")");
            }
            v[i * classes + values[i]] = 1f;
        }
        INDArray hot = Nd4j.create(v, new long[] {values.length, classes});
        return type == DataType.FLOAT ? hot : hot.castTo(type);
    }

    private void checkCodes(INDArray codes) {
        if (codes.rank() != 2 || codes.size(1) != width) {
            throw new IllegalArgumentException("codes must be [n, " + width + "], got " + Arrays.toString(codes.shape()));
        }
    }

    private void checkRows(INDArray codes, int n) {
        checkCodes(codes);
        if (codes.size(0) != n) {
            throw new IllegalArgumentException(n + " values for " + codes.size(0) + " codes");
        }
    }

    private static void requirePositive(String name, int width) {
        if (name == null || name.isEmpty() || width < 1) {
            throw new IllegalArgumentException("a latent part needs a name and a width >= 1, got '" + name + "' and "
                    + width);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatentCode c && c.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return parts.toString();
    }
}
