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
        String text = readFrom(offset);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return;
        }
        offset += text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
        for (String line : text.substring(0, end).split("\n", -1)) {
            addLine(line.strip());
        }
    }

    private void addLine(String line) {
        if (line.isEmpty()) {
            return;
        }
        String[] cells = line.split(",", -1);
        if (columns.isEmpty()) {
            columns = List.of(Arrays.copyOfRange(cells, 1, cells.length));
            values = new double[columns.size()][16];
            steps = new long[16];
            return;
        }
        long step;
        try {
            step = Long.parseLong(cells[0]);
        } catch (NumberFormatException e) {
            return; // not a row of this log (a torn write); the rest of the file is still read
        }
        if (rows == steps.length) {
            steps = Arrays.copyOf(steps, rows * 2);
            for (int c = 0; c < values.length; c++) {
                values[c] = Arrays.copyOf(values[c], rows * 2);
            }
        }
        steps[rows] = step;
        for (int c = 0; c < values.length; c++) {
            values[c][rows] = c + 1 < cells.length ? parse(cells[c + 1]) : Double.NaN;
        }
        rows++;
    }

    private static double parse(String cell) {
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private String readFrom(long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(Math.max(0, size - position)));
            while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
                // read up to the size seen above
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
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
