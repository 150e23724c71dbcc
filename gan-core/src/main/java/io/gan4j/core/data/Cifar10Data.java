package io.gan4j.core.data;

import io.gan4j.core.io.FileErrors;
import io.gan4j.core.api.Doc;
import io.gan4j.core.api.Range;
import io.gan4j.core.api.Required;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CIFAR-10 in its binary version ({@code cifar-10-binary.tar.gz} from Krizhevsky's page, unpacked to
 * {@code cifar-10-batches-bin/}): {@code data_batch_1.bin} … {@code data_batch_5.bin} (the 50,000 training images)
 * and {@code test_batch.bin} (10,000). Each file is a sequence of 3,073-byte records: one label byte (0–9), then the
 * 32×32 red channel, the green and the blue, 1,024 bytes each, rows top to bottom, each row left to right.
 *
 * <p>An example is {@code [3, 32, 32]} (channel, row, column), byte {@code v} becoming {@code v / 127.5 − 1} in
 * [−1, 1]; that is the record's own byte order, so record byte {@code 1 + c·1024 + y·32 + x} is example value
 * {@code c·1024 + y·32 + x}. Labels are the 10 classes in the data set's order, named in {@link #CLASSES}. Records
 * are read in file order (batch 1 to 5); {@code limit} keeps the first N. Every problem (a missing file, a length
 * that is not a whole number of records, a label above 9) is one {@link DataException} naming the file.
 */
@Doc("CIFAR-10, binary version: <dir>/data_batch_1.bin ... data_batch_5.bin, test_batch.bin; 32x32 RGB with 10 labels")
public record Cifar10Data(
        @Doc("Folder holding data_batch_1.bin ... data_batch_5.bin and test_batch.bin (cifar-10-batches-bin)") @Required String dir,
        @Doc("Which split: train (data_batch_1..5.bin) or heldout (test_batch.bin)") Split split,
        @Doc("Use only the first N examples of the split, in file order; 0 = all") @Range(min = 0) int limit)
        implements LabelledImageSet {

    /** Bytes of one record: the label and 3 × 32 × 32 pixels. */
    public static final int RECORD = 1 + 3 * 32 * 32;
    /** The class names, label k at index k (batches.meta.txt of the binary version). */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    public static Cifar10Data defaults() {
        return new Cifar10Data(null, Split.TRAIN, 0);
    }

    /** The split's files, in reading order. */
    public List<Path> files() {
        Path root = Path.of(dir);
        if (split == Split.HELDOUT) {
            return List.of(root.resolve("test_batch.bin"));
        }
        return List.of(root.resolve("data_batch_1.bin"), root.resolve("data_batch_2.bin"),
                root.resolve("data_batch_3.bin"), root.resolve("data_batch_4.bin"), root.resolve("data_batch_5.bin"));
    }

    /**
     * Reads the split's records.
     *
     * @param seed ignored: the files decide
     * @return a data set named {@code cifar10/train} or {@code cifar10/heldout}: images {@code [3, 32, 32]} in
     *         [−1, 1], labels 0–9 with {@link #CLASSES} as class names
     * @throws DataException naming the file: missing, unreadable, a length that is not a multiple of 3,073 bytes,
     *                       or a label above 9
     */
    @Override
    public ArrayDataset load(long seed) {
        if (dir == null) {
            throw new DataException("cifar10: data.dir is not set; give the folder holding data_batch_1.bin ...");
        }
        List<Path> files = files();
        long[] records = recordCounts(files);
        long total = 0;
        for (long count : records) {
            total += count;
        }
        int n = (int) (limit > 0 ? Math.min(limit, total) : total);
        float[] scale = new float[256];
        for (int v = 0; v < 256; v++) {
            scale[v] = (float) (v / 127.5 - 1.0);
        }
        int pixels = RECORD - 1;
        float[] values = new float[n * pixels];
        int[] labels = new int[n];
        byte[] record = new byte[RECORD];
        int i = 0;
        for (int f = 0; f < files.size() && i < n; f++) {
            i = readRecords(files.get(f), records[f], n, i, scale, record, values, labels);
        }
        return new ArrayDataset("cifar10/" + (split == Split.HELDOUT ? "heldout" : "train"), values,
                new long[] {3, 32, 32}, labels, CLASSES.size(), CLASSES);
    }

    /** The number of records in each file, checking that each holds a whole number of them. */
    private long[] recordCounts(List<Path> files) {
        long[] records = new long[files.size()];
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw new DataException(file + ": " + reason(e) + " (CIFAR-10 binary version: " + Path.of(dir)
                        + " must hold data_batch_1.bin ... data_batch_5.bin and test_batch.bin)", e);
            }
            if (size == 0 || size % RECORD != 0) {
                throw new DataException(file + ": " + size + " bytes is not a whole number of " + RECORD
                        + "-byte CIFAR-10 records (1 label byte + 3072 pixel bytes)");
            }
            records[f] = size / RECORD;
        }
        return records;
    }

    /**
     * Reads up to {@code records} records of {@code file} into example {@code i} on, stopping at {@code n} examples;
     * returns the index of the next example.
     */
    private static int readRecords(Path file, long records, int n, int i, float[] scale, byte[] record,
                                   float[] values, int[] labels) {
        int pixels = RECORD - 1;
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (long r = 0; r < records && i < n; r++, i++) {
                if (in.readNBytes(record, 0, RECORD) != RECORD) {
                    throw new DataException(file + ": ends inside record " + r + " (the file changed while read)");
                }
                int label = record[0] & 0xFF;
                if (label > 9) {
                    throw new DataException(file + ": record " + r + " has label " + label
                            + ", CIFAR-10 labels are 0..9 (is this CIFAR-100, whose records are 3074 bytes?)");
                }
                labels[i] = label;
                int base = i * pixels;
                for (int p = 0; p < pixels; p++) {
                    values[base + p] = scale[record[1 + p] & 0xFF];
                }
            }
        } catch (IOException e) {
            throw new DataException(file + ": " + reason(e), e);
        }
        return i;
    }

    private static String reason(IOException e) {
        return FileErrors.reason(e, other -> "cannot read: " + other.getMessage());
    }

    /** {@code [3, 32, 32]}. */
    @Override
    public long[] shapeWithoutLoading() {
        return new long[] {3, 32, 32};
    }

    /** The 10 classes. */
    @Override
    public int classesWithoutLoading() {
        return CLASSES.size();
    }

    /** All of {@code test_batch.bin}. */
    @Override
    public DataConfig heldout() {
        return new Cifar10Data(dir, Split.HELDOUT, 0);
    }
}
