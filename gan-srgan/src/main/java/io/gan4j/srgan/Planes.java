package io.gan4j.srgan;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Runs of a float or double array's values read into and written from Java {@code double[]}s, for SRGAN's layers
 * whose element-wise work ND4J would do as several native ops over strided views ({@link PixelShuffleImpl},
 * {@link PReluImpl}). A float widens to double exactly, and what the layers compute from it (copies, one product of
 * two floats) is exact in double, so rounding back gives the float op's result bit for bit.
 *
 * <p>Float arrays can also be read and written as float runs ({@link #read(long, float[], int)}), bulk copies with no
 * widening, for the float kernels of {@link PReluImpl}.
 *
 * <p>One instance per array and pass: it holds the array's NIO view, taken once.
 */
final class Planes {
    private final INDArray array;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private float[] floatRun = new float[0];

    private Planes(INDArray array) {
        this.array = array;
        boolean isFloat = array.dataType() == DataType.FLOAT;
        this.floats = isFloat ? array.data().asNioFloat() : null;
        this.doubles = isFloat ? null : array.data().asNioDouble();
    }

    /** Whether {@code a} can be read and written as runs: float or double, row-major without gaps. */
    static boolean applies(INDArray a) {
        return (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE) && rowMajorWithoutGaps(a)
                && a.offset() + a.length() <= Integer.MAX_VALUE;
    }

    /** Whether each axis longer than 1 has the stride of a dense row-major array of {@code a}'s shape. */
    private static boolean rowMajorWithoutGaps(INDArray a) {
        long expected = 1;
        for (int axis = a.rank() - 1; axis >= 0; axis--) {
            if (a.size(axis) != 1 && a.stride(axis) != expected) {
                return false;
            }
            expected *= a.size(axis);
        }
        return true;
    }

    /** {@code a} itself when {@link #applies} holds, else a row-major copy of it (the caller closes a copy). */
    static INDArray contiguous(INDArray a) {
        return applies(a) ? a : a.dup('c');
    }

    /** Closes {@code copy} when {@link #contiguous} made it. */
    static void release(INDArray copy, INDArray original) {
        if (copy != original && copy.closeable()) {
            copy.close();
        }
    }

    /** A reader and writer of {@code a}, which must satisfy {@link #applies}. */
    static Planes of(INDArray a) {
        if (!applies(a)) {
            throw new IllegalArgumentException("need a row-major float or double array, got " + a.shapeInfoToString());
        }
        return new Planes(a);
    }

    /** Copies {@code count} values from element {@code from} (in row-major order) into {@code into[0 … count)}. */
    void read(long from, double[] into, int count) {
        int at = (int) (array.offset() + from);
        if (doubles != null) {
            doubles.get(at, into, 0, count);
            return;
        }
        float[] run = run(count);
        floats.get(at, run, 0, count);
        for (int i = 0; i < count; i++) {
            into[i] = run[i];
        }
    }

    /** Writes {@code values[0 … count)} from element {@code to} on, rounding to float for a float array. */
    void write(long to, double[] values, int count) {
        int at = (int) (array.offset() + to);
        if (doubles != null) {
            doubles.put(at, values, 0, count);
            return;
        }
        float[] run = run(count);
        for (int i = 0; i < count; i++) {
            run[i] = (float) values[i];
        }
        floats.put(at, run, 0, count);
    }

    /** Whether the array holds floats, so that the float runs below apply. */
    boolean isFloat() {
        return floats != null;
    }

    /** Copies {@code count} floats from element {@code from} into {@code into[0 … count)}; a float array only. */
    void read(long from, float[] into, int count) {
        floats.get((int) (array.offset() + from), into, 0, count);
    }

    /** Writes {@code values[0 … count)} from element {@code to} on; a float array only. */
    void write(long to, float[] values, int count) {
        floats.put((int) (array.offset() + to), values, 0, count);
    }

    private float[] run(int count) {
        if (floatRun.length < count) {
            floatRun = new float[count];
        }
        return floatRun;
    }
}
