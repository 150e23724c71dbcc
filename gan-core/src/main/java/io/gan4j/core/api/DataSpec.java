package io.gan4j.core.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Arrays;

/**
 * Shape and kind of the examples a model is built for; recorded in checkpoints so a model can be rebuilt
 * without loading its data.
 *
 * @param sampleShape shape of one example without the batch dimension: {@code [C, H, W]} for images
 *                    (values in [-1, 1]), {@code [D]} for points (unbounded)
 * @param numClasses  number of label classes, 0 when unlabelled
 * @param kind        the data kind the source provides
 * @param name        the data set's display name (e.g. {@code mnist/train})
 */
public record DataSpec(long[] sampleShape, int numClasses, DataKind kind, String name) {

    public DataSpec {
        if (sampleShape == null || sampleShape.length == 0) {
            throw new IllegalArgumentException("sampleShape must have at least one dimension");
        }
        for (long d : sampleShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("sampleShape dimensions must be positive: " + Arrays.toString(sampleShape));
            }
        }
        sampleShape = sampleShape.clone();
    }

    /** Number of values in one example, the product of {@link #sampleShape()}. */
    @JsonIgnore
    public long sampleSize() {
        long n = 1;
        for (long d : sampleShape) {
            n *= d;
        }
        return n;
    }

    /** Whether examples are images {@code [C, H, W]} (and so can be shown as a grid). */
    @JsonIgnore
    public boolean isImage() {
        return sampleShape.length == 3;
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    /** Shape of a batch of {@code n} examples: {@code [n, ...sampleShape]}. */
    public long[] batchShape(long n) {
        long[] s = new long[sampleShape.length + 1];
        s[0] = n;
        System.arraycopy(sampleShape, 0, s, 1, sampleShape.length);
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataSpec d && Arrays.equals(sampleShape, d.sampleShape) && numClasses == d.numClasses
                && kind == d.kind && name.equals(d.name);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sampleShape) * 31 + numClasses * 7 + kind.hashCode() + name.hashCode();
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(sampleShape) + (numClasses > 0 ? " (" + numClasses + " classes)" : "");
    }
}
