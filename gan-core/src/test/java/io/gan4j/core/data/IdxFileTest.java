package io.gan4j.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxFileTest {
    @TempDir
    Path dir;

    /** Raw IDX bytes: header for {@code type} and {@code dims}, then {@code payload} as given (possibly wrong). */
    static byte[] idx(int type, int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(payload).array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** Reads {@code path}, expecting a one-line DataException that starts with the path; returns the message. */
    private static String failure(Path path) {
        DataException e = assertThrows(DataException.class, () -> IdxFile.read(path));
        String m = e.getMessage();
        assertTrue(m.startsWith(path + ": "), m);
        assertTrue(!m.contains("\n"), m);
        return m;
    }

    private static float[] imageValues(byte[] bytes) {
        float[] v = new float[bytes.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((bytes[i] & 0xFF) / 127.5 - 1.0);
        }
        return v;
    }

    @Test
    void greyImagesRoundTripGzipAndRaw() throws IOException {
        byte[] bytes = new byte[3 * 4 * 5];
        new Random(1).nextBytes(bytes);
        bytes[0] = 0;
        bytes[1] = (byte) 255;
        float[] values = imageValues(bytes);
        for (String name : List.of("a-idx3-ubyte.gz", "a-idx3-ubyte")) {
            Path p = dir.resolve(name);
            IdxFile.writeImages(p, values, 3, 1, 4, 5);
            byte[] onDisk = Files.readAllBytes(p);
            if (name.endsWith(".gz")) {
                assertEquals(0x1F, onDisk[0] & 0xFF);
                assertEquals(0x8B, onDisk[1] & 0xFF);
            } else {
                assertArrayEquals(idx(0x08, new int[] {3, 4, 5}, bytes), onDisk);
            }
            IdxFile.Images images = IdxFile.readImages(p);
            assertEquals(3, images.count());
            assertArrayEquals(new long[] {1, 4, 5}, images.sampleShape());
            assertArrayEquals(values, images.values());
            assertEquals(-1f, images.values()[0]);
            assertEquals(1f, images.values()[1]);
        }
    }

    @Test
    void colourImagesAreStoredChannelsLastAndReadBackChannelsFirst() {
        int n = 2, c = 3, h = 2, w = 4;
        byte[] chwBytes = new byte[n * c * h * w];
        new Random(2).nextBytes(chwBytes);
        float[] chw = imageValues(chwBytes);
        Path p = dir.resolve("rgb.idx");
        IdxFile.writeImages(p, chw, n, c, h, w);

        IdxFile.Contents raw = IdxFile.read(p);
        assertArrayEquals(new int[] {n, h, w, c}, raw.dims());
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int hwc = ((i * h + y) * w + x) * c + ch;
                        int chwIndex = ((i * c + ch) * h + y) * w + x;
                        assertEquals(chwBytes[chwIndex] & 0xFF, (int) raw.value(hwc));
                    }
                }
            }
        }
        IdxFile.Images images = raw.images();
        assertArrayEquals(new long[] {3, 2, 4}, images.sampleShape());
        assertArrayEquals(chw, images.values());
    }

    @Test
    void writeImagesClampsAndRounds() {
        Path p = dir.resolve("clamp.idx");
        IdxFile.writeImages(p, new float[] {-5f, -1f, 0f, 0.001f, 0.999f, 7f}, 1, 1, 2, 3);
        IdxFile.Contents c = IdxFile.read(p);
        int[] bytes = new int[6];
        for (int i = 0; i < 6; i++) {
            bytes[i] = (int) c.value(i);
        }
        assertArrayEquals(new int[] {0, 0, 128, 128, 255, 255}, bytes);
    }

    @Test
    void writeImagesRejectsNaNAndWrongSizes() {
        Path p = dir.resolve("bad.idx");
        assertThrows(IllegalArgumentException.class,
                () -> IdxFile.writeImages(p, new float[] {0f, Float.NaN}, 1, 1, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> IdxFile.writeImages(p, new float[5], 1, 1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> IdxFile.writeImages(p, new float[6], 1, 0, 2, 3));
        assertTrue(Files.notExists(p));
    }

    @Test
    void labelsRoundTrip() {
        int[] labels = {0, 9, 3, 255, 7};
        for (String name : List.of("l.gz", "l")) {
            Path p = dir.resolve(name);
            IdxFile.writeLabels(p, labels);
            assertArrayEquals(labels, IdxFile.readLabels(p));
        }
        assertThrows(IllegalArgumentException.class, () -> IdxFile.writeLabels(dir.resolve("x"), new int[] {256}));
        assertThrows(IllegalArgumentException.class, () -> IdxFile.writeLabels(dir.resolve("x"), new int[] {-1}));
    }

    @Test
    void floatsRoundTrip() {
        float[] points = {1.5f, -2.25f, Float.MAX_VALUE, -0f, 3e-9f, 42f};
        for (String name : List.of("p.idx.gz", "p.idx")) {
            Path p = dir.resolve(name);
            IdxFile.writeFloats(p, points, 3, 2);
            IdxFile.Contents c = IdxFile.read(p);
            assertEquals(IdxFile.Type.FLOAT, c.type());
            assertArrayEquals(new int[] {3, 2}, c.dims());
            assertArrayEquals(points, c.floats());
        }
        assertThrows(IllegalArgumentException.class, () -> IdxFile.writeFloats(dir.resolve("q"), points, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> IdxFile.writeFloats(dir.resolve("q"), points));
    }

    @Test
    void readsEveryElementType() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.putShort((short) -2).putShort((short) 300).putInt(-70000);
        assertArrayEquals(new float[] {-2f, 300f}, IdxFile.read(file("s", idx(0x0B, new int[] {2},
                Arrays.copyOf(b.array(), 4)))).floats());
        assertEquals(-70000.0, IdxFile.read(file("i", idx(0x0C, new int[] {1},
                Arrays.copyOfRange(b.array(), 4, 8)))).value(0));
        assertEquals(-3.0, IdxFile.read(file("b", idx(0x09, new int[] {1}, new byte[] {-3}))).value(0));
        assertEquals(253.0, IdxFile.read(file("u", idx(0x08, new int[] {1}, new byte[] {-3}))).value(0));
        byte[] d = ByteBuffer.allocate(8).putDouble(0.1).array();
        assertEquals(0.1, IdxFile.read(file("d", idx(0x0E, new int[] {1}, d))).value(0));
    }

    @Test
    void gzipIsRecognisedByContentNotName() throws IOException {
        byte[] raw = idx(0x08, new int[] {2}, new byte[] {4, 5});
        assertArrayEquals(new int[] {4, 5}, IdxFile.readLabels(file("compressed-but-named.idx", gzip(raw))));
        assertArrayEquals(new int[] {4, 5}, IdxFile.readLabels(file("raw-but-named.idx.gz", raw)));
    }

    /** The file, raw and gzipped, is refused with its path and {@code problem}. */
    private void assertRefusedRawAndGzipped(String name, byte[] bytes, String problem) throws IOException {
        Path raw = file(name + ".idx", bytes);
        assertEquals(raw + ": " + problem, failure(raw));
        Path gz = file(name + ".idx.gz", gzip(bytes));
        assertEquals(gz + ": " + problem, failure(gz));
    }

    @Test
    void truncatedPayload() throws IOException {
        assertRefusedRawAndGzipped("t", idx(0x08, new int[] {10, 2, 2}, new byte[30]),
                "truncated: header says 10x2x2 unsigned bytes (40 bytes), found 30");
    }

    @Test
    void trailingBytes() throws IOException {
        assertRefusedRawAndGzipped("trail", idx(0x0D, new int[] {2, 2}, new byte[16 + 5]),
                "5 trailing bytes: header says 2x2 floats (16 bytes)");
    }

    @Test
    void wrongMagic() throws IOException {
        Path p = file("picture.gif", "GIF89a....".getBytes());
        assertEquals(p + ": not an IDX file (it looks like an image: GIF; image files are read with data.source"
                + " folder); expected an IDX file in the MNIST format, e.g. train-images-idx3-ubyte, raw or .gz",
                failure(p));
        Path text = file("notes.txt", "# notes\n".getBytes());
        assertTrue(failure(text).startsWith(text + ": not an IDX file (it looks like text); expected an IDX file"),
                failure(text));
    }

    @Test
    void zipArchive() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("train-images-idx3-ubyte"));
            zip.write(idx(0x08, new int[] {1}, new byte[1]));
            zip.closeEntry();
        }
        Path p = file("mnist.zip", bytes.toByteArray());
        String m = failure(p);
        assertTrue(m.contains("not an IDX file (it looks like a zip archive: extract the IDX file from it)"), m);
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] good = gzip(idx(0x08, new int[] {100, 10}, new byte[1000]));

        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 8] ^= 0x55;
        assertTrue(failure(file("crc.gz", badCrc)).contains(": corrupt gzip data: "));

        byte[] cut = Arrays.copyOf(good, good.length / 2);
        Path cutFile = file("cut.gz", cut);
        assertEquals(cutFile + ": corrupt gzip data: the compressed stream ends early", failure(cutFile));

        byte[] garbage = {0x1F, (byte) 0x8B, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42};
        assertTrue(failure(file("garbage.gz", garbage)).contains(": corrupt gzip data: "));
    }

    @Test
    void badHeaders() throws IOException {
        Path zero = file("zero.idx", idx(0x08, new int[] {0, 5}, new byte[0]));
        assertEquals(zero + ": dimension 1 of 2 is 0, must be positive (header says 0x5)", failure(zero));
        Path negative = file("neg.idx", idx(0x08, new int[] {3, -1}, new byte[0]));
        assertEquals(negative + ": dimension 2 of 2 is -1, must be positive (header says 3x-1)", failure(negative));
        Path type = file("type.idx", idx(0x07, new int[] {1}, new byte[1]));
        assertTrue(failure(type).contains("unknown element type byte 07"));
        Path none = file("none.idx", idx(0x08, new int[0], new byte[0]));
        assertEquals(none + ": IDX header gives 0 dimensions, expected 1 to 4", failure(none));
        Path five = file("five.idx", idx(0x08, new int[] {1, 1, 1, 1, 1}, new byte[1]));
        assertEquals(five + ": IDX header gives 5 dimensions, expected 1 to 4", failure(five));
        Path cutHeader = file("cuthead.idx", Arrays.copyOf(idx(0x08, new int[] {2, 2, 2}, new byte[0]), 10));
        assertEquals(cutHeader + ": truncated header: 3 dimensions announced, the data ends 10 bytes in",
                failure(cutHeader));
        Path tiny = file("tiny.idx", new byte[] {0, 0});
        assertTrue(failure(tiny).contains("truncated header"));
        Path empty = file("empty.idx", new byte[0]);
        assertEquals(empty + ": empty, expected an IDX header", failure(empty));
        Path huge = file("huge.idx", idx(0x0E, new int[] {65536, 65536}, new byte[0]));
        assertTrue(failure(huge).contains("too large"));
    }

    @Test
    void missingFileAndDirectory() {
        Path missing = dir.resolve("nope.idx.gz");
        assertEquals(missing + ": no such file", failure(missing));
        assertTrue(failure(dir).contains("is a directory"));
    }

    @Test
    void wrongShapeForImagesOrLabels() throws IOException {
        Path floats = file("points.idx", idx(0x0D, new int[] {1, 2}, new byte[8]));
        DataException e = assertThrows(DataException.class, () -> IdxFile.readImages(floats));
        assertEquals(floats + ": expected images as unsigned bytes [N,H,W] or [N,H,W,C], found 1x2 floats",
                e.getMessage());
        Path images = file("images.idx", idx(0x08, new int[] {1, 2, 2}, new byte[4]));
        e = assertThrows(DataException.class, () -> IdxFile.readLabels(images));
        assertEquals(images + ": expected labels as unsigned bytes [N], found 1x2x2 unsigned bytes", e.getMessage());
    }

    @Test
    void countMismatchNamesBothFilesAndCounts() throws IOException {
        Path images = file("img.idx", idx(0x08, new int[] {3, 1, 1}, new byte[3]));
        Path labels = file("lab.idx", idx(0x08, new int[] {2}, new byte[2]));
        DataException e = assertThrows(DataException.class,
                () -> IdxFile.dataset("x", IdxFile.read(images), IdxFile.read(labels), 10, 0));
        assertEquals("image/label count mismatch: " + images + " has 3 images, " + labels + " has 2 labels",
                e.getMessage());
    }

    @Test
    void labelOutsideTheClassesIsReported() throws IOException {
        Path images = file("img.idx", idx(0x08, new int[] {2, 1, 1}, new byte[2]));
        Path labels = file("lab.idx", idx(0x08, new int[] {2}, new byte[] {3, 12}));
        DataException e = assertThrows(DataException.class,
                () -> IdxFile.dataset("x", IdxFile.read(images), IdxFile.read(labels), 10, 0));
        assertEquals(labels + ": label 12 at index 1 is outside 0..9", e.getMessage());
    }

    @Test
    void unwritableTargetIsReportedWithItsName() throws IOException {
        Path blocker = file("blocker", new byte[0]);
        Path target = blocker.resolve("x.idx");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> IdxFile.writeLabels(target, new int[] {1}));
        assertTrue(e.getMessage().startsWith(target + ": cannot write"), e.getMessage());
    }
}
