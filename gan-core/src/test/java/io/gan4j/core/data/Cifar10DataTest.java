package io.gan4j.core.data;

import io.gan4j.core.api.DataKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The CIFAR-10 binary reader on files this test writes byte by byte in the documented layout (Krizhevsky's
 * "binary version": each record 1 label byte, then 1024 R, 1024 G, 1024 B bytes, rows of 32 left to right).
 */
class Cifar10DataTest {
    @TempDir
    Path dir;

    /** Records per training file here; test_batch.bin gets 3. */
    private static final int PER_FILE = 2;

    /** A record whose pixels are all {@code fill}, with label {@code label}. */
    private static byte[] record(int label, int fill) {
        byte[] r = new byte[3073];
        r[0] = (byte) label;
        java.util.Arrays.fill(r, 1, r.length, (byte) fill);
        return r;
    }

    private void write(String name, byte[]... records) throws IOException {
        byte[] all = new byte[records.length * 3073];
        for (int i = 0; i < records.length; i++) {
            System.arraycopy(records[i], 0, all, i * 3073, 3073);
        }
        Files.write(dir.resolve(name), all);
    }

    @BeforeEach
    void files() throws IOException {
        for (int b = 1; b <= 5; b++) {
            byte[][] rs = new byte[PER_FILE][];
            for (int r = 0; r < PER_FILE; r++) {
                rs[r] = record((2 * (b - 1) + r) % 10, 100);
            }
            if (b == 2) {
                // Training example 2 (file 2, record 0): label 7 and three marked pixels, one per colour plane.
                rs[0][0] = 7;
                rs[0][1 + 3 * 32 + 5] = (byte) 255;            // R at row 3, column 5
                rs[0][1 + 1024 + 31 * 32] = 0;                   // G at row 31, column 0
                rs[0][1 + 2048 + 31] = (byte) 128;               // B at row 0, column 31
            }
            write("data_batch_" + b + ".bin", rs);
        }
        write("test_batch.bin", record(9, 0), record(3, 255), record(0, 1));
    }

    private static Cifar10Data cifar(Path dir, Split split, int limit) {
        return new Cifar10Data(dir.toString(), split, limit);
    }

    @Test
    void pixelsLandAtChannelRowColumnInMinusOneToOne() {
        ArrayDataset d = cifar(dir, Split.TRAIN, 0).load(0);
        assertEquals(5 * PER_FILE, d.size());
        assertArrayEquals(new long[] {3, 32, 32}, d.spec().sampleShape());
        assertEquals(10, d.numClasses());
        assertEquals("horse", d.classNames().get(7));
        assertEquals(DataKind.LABELLED, cifar(dir, Split.TRAIN, 0).kind());
        INDArray x = Nd4j.create(d.values(), new long[] {d.size(), 3, 32, 32}, 'c').castTo(DataType.DOUBLE);
        assertEquals(7, d.labels()[2]);
        assertEquals(1.0, x.getDouble(2, 0, 3, 5), 1e-7, "byte 255 -> 1");
        assertEquals(-1.0, x.getDouble(2, 1, 31, 0), 1e-7, "byte 0 -> -1");
        assertEquals(128 / 127.5 - 1, x.getDouble(2, 2, 0, 31), 1e-7, "byte 128 -> 1/255");
        assertEquals(100 / 127.5 - 1, x.getDouble(2, 0, 3, 6), 1e-7, "the neighbour keeps the fill");
        assertEquals(100 / 127.5 - 1, x.getDouble(3, 0, 3, 5), 1e-7, "the next example is untouched");
        // Files are read in order 1..5: example 2k + r comes from data_batch_(k+1), record r.
        assertArrayEquals(new int[] {0, 1, 7, 3, 4, 5, 6, 7, 8, 9}, d.labels());
    }

    @Test
    void theHeldoutSplitIsTheTestBatchAndLimitKeepsTheFirstRecords() {
        ArrayDataset test = cifar(dir, Split.HELDOUT, 0).load(0);
        assertArrayEquals(new int[] {9, 3, 0}, test.labels());
        assertEquals(-1.0f, test.values()[0]);
        assertEquals(1.0f, test.values()[3072]);
        assertEquals(3, cifar(dir, Split.TRAIN, 3).load(0).size());
    }

    @Test
    void aMissingFileIsOneLineNamingItAndTheExpectedLayout() throws IOException {
        Files.delete(dir.resolve("data_batch_3.bin"));
        DataException e = assertThrows(DataException.class, () -> cifar(dir, Split.TRAIN, 0).load(0));
        assertEquals(dir.resolve("data_batch_3.bin") + ": no such file (CIFAR-10 binary version: " + dir
                + " must hold data_batch_1.bin ... data_batch_5.bin and test_batch.bin)", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aLengthThatIsNotWholeRecordsIsRejected() throws IOException {
        Files.write(dir.resolve("test_batch.bin"), new byte[] {1}, StandardOpenOption.APPEND);
        DataException e = assertThrows(DataException.class, () -> cifar(dir, Split.HELDOUT, 0).load(0));
        assertEquals(dir.resolve("test_batch.bin") + ": 9220 bytes is not a whole number of 3073-byte CIFAR-10"
                + " records (1 label byte + 3072 pixel bytes)", e.getMessage());
        Files.write(dir.resolve("test_batch.bin"), new byte[0]);
        assertThrows(DataException.class, () -> cifar(dir, Split.HELDOUT, 0).load(0), "an empty file");
    }

    @Test
    void aLabelAboveNineIsRejected() throws IOException {
        write("test_batch.bin", record(3, 0), record(12, 0));
        DataException e = assertThrows(DataException.class, () -> cifar(dir, Split.HELDOUT, 0).load(0));
        assertEquals(dir.resolve("test_batch.bin") + ": record 1 has label 12, CIFAR-10 labels are 0..9 (is this"
                + " CIFAR-100, whose records are 3074 bytes?)", e.getMessage());
    }
}
