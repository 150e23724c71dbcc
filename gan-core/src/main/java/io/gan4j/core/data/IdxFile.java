package io.gan4j.core.data;

import io.gan4j.core.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files, the format of the MNIST family (<a href="http://yann.lecun.com/exdb/mnist/">LeCun et
 * al.</a>): two zero bytes, an element type byte, a dimension count byte, one big-endian int32 per dimension, then
 * the elements in big-endian, row-major order.
 *
 * <p>Files are read gzip-compressed or raw; gzip is recognised by its magic bytes {@code 1F 8B}, not by the file
 * name, since downloads are often renamed or decompressed in place. Everything in a file is checked (header, element
 * type, dimension count 1 to 4, positive dimensions, exact payload length, gzip integrity) and every problem is
 * reported as a one-line {@link DataException} that names the file.
 *
 * <p>Writers compress when the file name ends in {@code .gz} and replace the target atomically
 * ({@link AtomicFiles}); they throw {@link UncheckedIOException} naming the file when it cannot be written.
 */
public final class IdxFile {

    /** IDX element types: the type byte, the element size and a readable name for messages. */
    public enum Type {
        UBYTE(0x08, 1, "unsigned bytes"),
        BYTE(0x09, 1, "signed bytes"),
        SHORT(0x0B, 2, "shorts"),
        INT(0x0C, 4, "ints"),
        FLOAT(0x0D, 4, "floats"),
        DOUBLE(0x0E, 8, "doubles");

        private final int code;
        private final int bytes;
        private final String description;

        Type(int code, int bytes, String description) {
            this.code = code;
            this.bytes = bytes;
            this.description = description;
        }

        /** The type byte in the header. */
        public int code() {
            return code;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }

        /** The type for header byte {@code code}, or {@code null} when it is not an IDX type. */
        public static Type of(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }

        /** The plural name used in messages, e.g. {@code unsigned bytes}. */
        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * The decoded contents of an IDX file.
     *
     * @param source where it was read from, for messages
     * @param type   the element type
     * @param dims   the dimensions, 1 to 4 positive values (not copied: do not modify)
     * @param data   the elements as stored: big-endian, row-major, {@code prod(dims) * type.bytes()} bytes (not
     *               copied: do not modify)
     */
    public record Contents(String source, Type type, int[] dims, byte[] data) {

        /** Number of elements, the product of {@link #dims()}. */
        public int size() {
            return data.length / type.bytes;
        }

        /** Element {@code i} (row-major) as a double, unscaled; exact for every IDX type. */
        public double value(int i) {
            return element(ByteBuffer.wrap(data), i);
        }

        /** All elements as floats, row-major, unscaled (ints beyond 2^24 and doubles are rounded). */
        public float[] floats() {
            ByteBuffer b = ByteBuffer.wrap(data);
            float[] out = new float[size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) element(b, i);
            }
            return out;
        }

        private double element(ByteBuffer b, int i) {
            return switch (type) {
                case UBYTE -> data[i] & 0xFF;
                case BYTE -> data[i];
                case SHORT -> b.getShort(2 * i);
                case INT -> b.getInt(4 * i);
                case FLOAT -> b.getFloat(4 * i);
                case DOUBLE -> b.getDouble(8 * i);
            };
        }

        /**
         * Interprets the contents as images: unsigned bytes {@code [N, H, W]} (one channel) or {@code [N, H, W, C]}
         * (channels last, as image files store them).
         *
         * @return images {@code [N, C, H, W]} with byte {@code v} mapped to {@code v / 127.5 - 1}, in [-1, 1]
         * @throws DataException when the type, the number of dimensions or of channels (1 or 3) does not fit
         */
        public Images images() {
            int[] shape = imageShape();
            byte[] codes = imageCodes(shape[0]);
            float[] out = new float[codes.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = UBYTE_VALUES[codes[i] & 0xFF];
            }
            return new Images(source, out, shape[0], shape[1], shape[2], shape[3]);
        }

        /**
         * The image dimensions {@code [N, C, H, W]} of unsigned-byte contents {@code [N, H, W]} or {@code [N, H, W, C]}.
         *
         * @throws DataException when the type, the number of dimensions or of channels (1 or 3) does not fit
         */
        public int[] imageShape() {
            if (type != Type.UBYTE || (dims.length != 3 && dims.length != 4)) {
                throw new DataException(source + ": expected images as unsigned bytes [N,H,W] or [N,H,W,C], found "
                        + describe(type, dims));
            }
            int c = dims.length == 4 ? dims[3] : 1;
            if (c != 1 && c != 3) {
                // Grids, image files and the feature networks know grey and RGB only.
                throw new DataException(source + ": images must have 1 (grey) or 3 (RGB) channels, found " + c
                        + " (" + describe(type, dims) + ")");
            }
            return new int[] {dims[0], c, dims[1], dims[2]};
        }

        /**
         * The first {@code n} images' bytes, channels first: {@code [n, C, H, W]} row-major, each byte {@code v}
         * standing for the value {@link #UBYTE_VALUES}{@code [v & 0xFF]} in [-1, 1]. For one-channel images of the
         * whole file this is {@link #data()} itself, not a copy.
         *
         * @throws DataException as {@link #imageShape()}
         */
        public byte[] imageCodes(int n) {
            int[] shape = imageShape();
            int m = Math.min(n, shape[0]);
            int c = shape[1];
            int plane = shape[2] * shape[3];
            if (c == 1) {
                return m == shape[0] ? data : Arrays.copyOf(data, m * plane);
            }
            byte[] out = new byte[m * plane * c];
            for (int i = 0; i < m; i++) {
                int base = i * plane * c;
                for (int p = 0; p < plane; p++) {
                    for (int ch = 0; ch < c; ch++) {
                        out[base + ch * plane + p] = data[base + p * c + ch];
                    }
                }
            }
            return out;
        }

        /**
         * Interprets the contents as class labels: unsigned bytes {@code [N]}.
         *
         * @return N labels in [0, 255]
         * @throws DataException when the type or the number of dimensions does not fit
         */
        public int[] labels() {
            if (type != Type.UBYTE || dims.length != 1) {
                throw new DataException(source + ": expected labels as unsigned bytes [N], found "
                        + describe(type, dims));
            }
            int[] out = new int[data.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = data[i] & 0xFF;
            }
            return out;
        }

        @Override
        public String toString() {
            return source + ": " + describe(type, dims);
        }
    }

    /**
     * Images read from an IDX file.
     *
     * @param source   where they were read from, for messages
     * @param values   {@code count * channels * height * width} values, {@code [N, C, H, W]} row-major, in [-1, 1]
     *                 (not copied: do not modify)
     * @param count    N, the number of images
     * @param channels C
     * @param height   H
     * @param width    W
     */
    public record Images(String source, float[] values, int count, int channels, int height, int width) {

        /** The shape of one image, {@code [C, H, W]}. */
        public long[] sampleShape() {
            return new long[] {channels, height, width};
        }
    }

    /** The value of each unsigned byte of an image: {@code v / 127.5 - 1}, in [-1, 1] (256 entries, do not modify). */
    static final float[] UBYTE_VALUES = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            UBYTE_VALUES[v] = (float) (v / 127.5 - 1.0);
        }
    }

    /** A header may announce more than one Java array can hold; such files are refused rather than half read. */
    private static final long MAX_PAYLOAD = Integer.MAX_VALUE - 8;
    private static final int BUFFER = 1 << 16;

    private IdxFile() {
    }

    /**
     * Reads and checks an IDX file, gzip-compressed or raw.
     *
     * @throws DataException naming the file when it is missing, unreadable, not IDX, damaged or truncated
     */
    public static Contents read(Path path) {
        String source = path.toString();
        if (Files.isDirectory(path)) {
            throw new DataException(source + ": is a directory, expected an IDX file");
        }
        if (!Files.exists(path)) {
            throw new DataException(source + ": no such file");
        }
        try {
            return read(Files.newInputStream(path), source);
        } catch (IOException e) {
            throw new DataException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and checks IDX data, gzip-compressed or raw, from a stream, which is read to its end and closed.
     *
     * @param source the stream's origin, used in messages (e.g. a file name or classpath resource)
     * @throws DataException naming {@code source} when the data is not IDX, damaged or truncated
     */
    public static Contents read(InputStream stream, String source) {
        try (BufferedInputStream buffered = new BufferedInputStream(stream, BUFFER)) {
            buffered.mark(2);
            boolean gzip = buffered.read() == 0x1F && buffered.read() == 0x8B;
            buffered.reset();
            if (!gzip) {
                return parse(buffered, source);
            }
            try (InputStream in = new GZIPInputStream(buffered, BUFFER)) {
                return parse(in, source);
            } catch (EOFException e) {
                throw new DataException(source + ": corrupt gzip data: the compressed stream ends early", e);
            } catch (ZipException e) {
                throw new DataException(source + ": corrupt gzip data: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new DataException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads an image file: see {@link Contents#images()}. */
    public static Images readImages(Path path) {
        return read(path).images();
    }

    /** Reads a label file: see {@link Contents#labels()}. */
    public static int[] readLabels(Path path) {
        return read(path).labels();
    }

    private static Contents parse(InputStream in, String source) throws IOException {
        byte[] head = new byte[4];
        int got = in.readNBytes(head, 0, 4);
        if (got == 0) {
            throw new DataException(source + ": empty, expected an IDX header");
        }
        if (head[0] != 0 || got >= 2 && head[1] != 0) {
            throw new DataException(source + ": not an IDX file (" + lookalike(head, got) + "); expected an IDX file"
                    + " in the MNIST format, e.g. train-images-idx3-ubyte, raw or .gz");
        }
        if (got < 4) {
            throw new DataException(source + ": truncated header: " + got
                    + " bytes, an IDX header has at least 8");
        }
        Type type = Type.of(head[2] & 0xFF);
        if (type == null) {
            throw new DataException(source + ": not an IDX file: unknown element type byte "
                    + String.format("%02X", head[2] & 0xFF)
                    + ", expected 08 (ubyte), 09 (byte), 0B (short), 0C (int), 0D (float) or 0E (double)");
        }
        int ndims = head[3] & 0xFF;
        if (ndims < 1 || ndims > 4) {
            throw new DataException(source + ": IDX header gives " + ndims + " dimensions, expected 1 to 4");
        }
        int[] dims = readDims(in, source, ndims);
        int length = payloadLength(source, type, dims);
        byte[] data = new byte[length];
        got = in.readNBytes(data, 0, length);
        if (got < length) {
            throw new DataException(source + ": truncated: header says " + describe(type, dims) + " (" + length
                    + " bytes), found " + got);
        }
        checkNoTrailingBytes(in, source, type, dims, length);
        return new Contents(source, type, dims, data);
    }

    private static int[] readDims(InputStream in, String source, int ndims) throws IOException {
        byte[] dimBytes = new byte[4 * ndims];
        int got = in.readNBytes(dimBytes, 0, dimBytes.length);
        if (got < dimBytes.length) {
            throw new DataException(source + ": truncated header: " + ndims + " dimensions announced, the data ends "
                    + (4 + got) + " bytes in");
        }
        ByteBuffer dimBuffer = ByteBuffer.wrap(dimBytes);
        int[] dims = new int[ndims];
        for (int i = 0; i < ndims; i++) {
            dims[i] = dimBuffer.getInt();
        }
        return dims;
    }

    /** The payload's size in bytes, checking that every dimension is positive and that one array can hold it. */
    private static int payloadLength(String source, Type type, int[] dims) {
        int ndims = dims.length;
        long count = 1;
        for (int i = 0; i < ndims; i++) {
            if (dims[i] <= 0) {
                throw new DataException(source + ": dimension " + (i + 1) + " of " + ndims + " is " + dims[i]
                        + ", must be positive (header says " + joinDims(dims) + ")");
            }
            count *= dims[i];
            if (count > MAX_PAYLOAD / type.bytes) {
                throw new DataException(source + ": too large: header says " + describe(type, dims)
                        + ", more than one Java array can hold");
            }
        }
        return (int) (count * type.bytes);
    }

    private static void checkNoTrailingBytes(InputStream in, String source, Type type, int[] dims, int length)
            throws IOException {
        long trailing = 0;
        byte[] rest = new byte[BUFFER];
        for (int n; (n = in.read(rest)) >= 0; ) {
            trailing += n;
        }
        if (trailing > 0) {
            throw new DataException(source + ": " + trailing + " trailing bytes: header says "
                    + describe(type, dims) + " (" + length + " bytes)");
        }
    }

    /** What a file that is not IDX seems to be, from its first bytes, so the user can tell which file it is. */
    static String lookalike(byte[] head, int got) {
        String start = new String(head, 0, got, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (start.startsWith("PK\u0003\u0004")) {
            return "it looks like a zip archive: extract the IDX file from it";
        }
        if (start.startsWith("\u0089PNG") || start.startsWith("GIF8") || start.startsWith("\u00FF\u00D8\u00FF")) {
            return "it looks like an image: " + (start.startsWith("GIF") ? "GIF" : start.startsWith("\u0089") ? "PNG"
                    : "JPEG") + "; image files are read with data.source folder";
        }
        if (start.startsWith("%PDF")) {
            return "it looks like a PDF document";
        }
        if (start.chars().allMatch(c -> c >= 0x20 && c < 0x7F || c == '\n' || c == '\r' || c == '\t')) {
            return "it looks like text";
        }
        return "its content is not recognised";
    }

    private static String joinDims(int[] dims) {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }

    /** E.g. {@code 8000x28x28 unsigned bytes}. */
    private static String describe(Type type, int[] dims) {
        return joinDims(dims) + " " + type;
    }

    /**
     * Writes images as IDX unsigned bytes: {@code [N, H, W]} for one channel, {@code [N, H, W, C]} (channels last)
     * otherwise. Values are clamped to [-1, 1] and mapped to {@code round((v + 1) * 127.5)}, the inverse of
     * {@link Contents#images()}.
     *
     * @param chw images {@code [N, C, H, W]} row-major, {@code n * c * h * w} values, nominally in [-1, 1]
     * @throws IllegalArgumentException when the sizes do not match or a value is NaN
     */
    public static void writeImages(Path path, float[] chw, int n, int c, int h, int w) {
        int[] dims = c == 1 ? new int[] {n, h, w} : new int[] {n, h, w, c};
        checkDims(dims, chw.length);
        byte[] out = new byte[chw.length];
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            int base = i * plane * c;
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < plane; p++) {
                    int src = base + ch * plane + p;
                    float v = chw[src];
                    if (Float.isNaN(v)) {
                        throw new IllegalArgumentException(path + ": image value " + src + " is NaN");
                    }
                    double clamped = Math.max(-1.0, Math.min(1.0, v));
                    out[base + p * c + ch] = (byte) Math.round((clamped + 1.0) * 127.5);
                }
            }
        }
        write(path, Type.UBYTE, dims, out);
    }

    /**
     * Writes class labels as IDX unsigned bytes {@code [N]}.
     *
     * @param labels N labels, each in [0, 255]
     */
    public static void writeLabels(Path path, int[] labels) {
        byte[] out = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException(path + ": label " + labels[i] + " at index " + i
                        + " does not fit an unsigned byte");
            }
            out[i] = (byte) labels[i];
        }
        write(path, Type.UBYTE, new int[] {labels.length}, out);
    }

    /**
     * Writes floats (IDX type 0x0D), e.g. 2-D point samples {@code [N, 2]}.
     *
     * @param values {@code prod(dims)} values, row-major
     * @param dims   1 to 4 positive dimensions
     */
    public static void writeFloats(Path path, float[] values, int... dims) {
        checkDims(dims, values.length);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        for (float v : values) {
            b.putFloat(v);
        }
        write(path, Type.FLOAT, dims, b.array());
    }

    private static void checkDims(int[] dims, int values) {
        if (dims.length < 1 || dims.length > 4) {
            throw new IllegalArgumentException("IDX files have 1 to 4 dimensions, got " + dims.length);
        }
        long count = 1;
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimensions must be positive: " + Arrays.toString(dims));
            }
            count *= d;
        }
        if (count != values) {
            throw new IllegalArgumentException(values + " values for dimensions " + Arrays.toString(dims));
        }
    }

    private static void write(Path path, Type type, int[] dims, byte[] payload) {
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * dims.length);
        header.put((byte) 0).put((byte) 0).put((byte) type.code).put((byte) dims.length);
        for (int d : dims) {
            header.putInt(d);
        }
        boolean gzip = path.getFileName().toString().endsWith(".gz");
        AtomicFiles.writeUnchecked(path, out -> {
            if (gzip) {
                try (OutputStream z = new GZIPOutputStream(out, BUFFER)) {
                    z.write(header.array());
                    z.write(payload);
                }
            } else {
                out.write(header.array());
                out.write(payload);
            }
        });
    }

    /** Reads an IDX file from the classpath, e.g. the embedded MNIST digits. */
    static Contents readResource(String resource) {
        InputStream in = IdxFile.class.getResourceAsStream(resource);
        if (in == null) {
            throw new DataException("classpath:" + resource + ": no such resource in this build");
        }
        return read(in, "classpath:" + resource);
    }

    /** {@code dir/base.gz} if it exists, else {@code dir/base} if it exists, else {@code null}. */
    static Path find(Path dir, String base) {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(base);
        return Files.isRegularFile(raw) ? raw : null;
    }

    /**
     * Builds a data set from an image file and an optional label file.
     *
     * @param numClasses number of classes, or 0 to use the largest label + 1
     * @param limit      keep only the first {@code limit} examples; 0 keeps all
     */
    static ArrayDataset dataset(String name, Contents images, Contents labels, int numClasses, int limit) {
        int[] y = null;
        int classes = 0;
        if (labels != null) {
            y = labels.labels();
            if (y.length != images.dims()[0]) {
                throw new DataException("image/label count mismatch: " + images.source() + " has "
                        + images.dims()[0] + " images, " + labels.source() + " has " + y.length + " labels");
            }
            classes = numClasses > 0 ? numClasses : Arrays.stream(y).max().orElse(0) + 1;
            for (int i = 0; i < y.length; i++) {
                if (y[i] >= classes) {
                    throw new DataException(labels.source() + ": label " + y[i] + " at index " + i
                            + " is outside 0.." + (classes - 1));
                }
            }
        }
        int[] shape = images.imageShape();
        int n = limit > 0 ? Math.min(limit, shape[0]) : shape[0];
        // Kept as the file's bytes (a quarter of the floats), converted per batch: no float copy of the whole set.
        return ArrayDataset.ofBytes(name, images.imageCodes(n), UBYTE_VALUES,
                new long[] {shape[1], shape[2], shape[3]}, y == null ? null : Arrays.copyOf(y, n), classes, List.of());
    }
}
