package io.gan4j.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV log of a run ({@code metrics.csv}, {@code eval.csv}: a header whose first column is {@code step}, then one
 * row per logged step), read into columns and kept in memory; {@link #refresh()} reads only the bytes appended since
 * the last read, so a page polling a live run costs one stat call when nothing is new. A last row without its
 * newline (being written) waits for the next refresh. Empty or unparsable cells are NaN. Thread-safe.
 */
final class CsvTable {
    private final Path file;
    private long offset;
    private List<String> columns = List.of();
    private long[] steps = new long[0];
    private double[][] values = new double[0][];
    private int rows;

    CsvTable(Path file) {
        this.file = file;
    }

    /** A consistent copy of the rows whose step is after {@code since}. */
    record Snapshot(List<String> columns, long[] steps, double[][] values) {
        int rows() {
            return steps.length;
        }
    }

    /** Reads what was appended since the last call and returns the rows after step {@code since}. */
    synchronized Snapshot since(long since) throws IOException {
        refresh();
        int from = 0;
        while (from < rows && steps[from] <= since) {
            from++;
        }
        double[][] copy = new double[values.length][];
        for (int c = 0; c < values.length; c++) {
            copy[c] = Arrays.copyOfRange(values[c], from, rows);
        }
        return new Snapshot(columns, Arrays.copyOfRange(steps, from, rows), copy);
    }

    /** Rows read so far (without reading the file again). */
    synchronized int rowsRead() {
        return rows;
    }

    /** Reads the bytes appended since the previous refresh. */
    synchronized void refresh() throws IOException {
        long length = file.toFile().length();
        if (length == offset) {
            return;
        }
        if (length < offset) {
            // The file was replaced by a shorter one (a run directory copied over): start again.
            offset = 0;
            columns = List.of();
            rows = 0;
        }
        byte[] bytes = readFrom(offset);
        int end = bytes.length - 1;
        while (end >= 0 && bytes[end] != '\n') {
            end--;
        }
        offset += end + 1;
        for (int from = 0; from <= end; ) {
            int next = from;
            while (bytes[next] != '\n') {
                next++;
            }
            addLine(bytes, from, next);
            from = next + 1;
        }
    }

    /** Adds the line {@code b[from, to)}, stripped of white space: the header first, then rows. */
    private void addLine(byte[] b, int from, int to) {
        while (from < to && isSpace(b[from])) {
            from++;
        }
        while (to > from && isSpace(b[to - 1])) {
            to--;
        }
        if (from == to) {
            return;
        }
        if (columns.isEmpty()) {
            String[] cells = new String(b, from, to - from, StandardCharsets.UTF_8).split(",", -1);
            columns = List.of(Arrays.copyOfRange(cells, 1, cells.length));
            values = new double[columns.size()][16];
            steps = new long[16];
            return;
        }
        int cell = cellEnd(b, from, to);
        try {
            addRow(CsvNumbers.parseLong(b, from, cell), b, cell, to);
        } catch (NumberFormatException e) {
            // not a row of this log (a torn write); the rest of the file is still read
        }
    }

    /** Adds a row of {@code step} whose other cells follow at {@code b[at]} (a comma, or {@code to}: none). */
    private void addRow(long step, byte[] b, int at, int to) {
        if (rows == steps.length) {
            steps = Arrays.copyOf(steps, rows * 2);
            for (int c = 0; c < values.length; c++) {
                values[c] = Arrays.copyOf(values[c], rows * 2);
            }
        }
        steps[rows] = step;
        for (int c = 0; c < values.length; c++) {
            if (at < to) {
                int end = cellEnd(b, at + 1, to);
                values[c][rows] = CsvNumbers.parseDouble(b, at + 1, end);
                at = end;
            } else {
                values[c][rows] = Double.NaN;
            }
        }
        rows++;
    }

    private static int cellEnd(byte[] b, int from, int to) {
        while (from < to && b[from] != ',') {
            from++;
        }
        return from;
    }

    /** {@link Character#isWhitespace} for the bytes of ASCII, as {@link String#strip} removed them. */
    private static boolean isSpace(byte c) {
        return c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x1F);
    }

    private byte[] readFrom(long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(Math.max(0, size - position)));
            while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
                // read up to the size seen above
            }
            return buffer.hasRemaining() ? Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array();
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    /** The step of the last complete row; 0 when there is none. */
    synchronized long lastStep() throws IOException {
        refresh();
        return rows == 0 ? 0 : steps[rows - 1];
    }

    /** The last row's value of {@code column}; NaN when there is no such column or row. */
    synchronized double last(String column) throws IOException {
        refresh();
        int c = columns.indexOf(column);
        return c < 0 || rows == 0 ? Double.NaN : values[c][rows - 1];
    }
}
