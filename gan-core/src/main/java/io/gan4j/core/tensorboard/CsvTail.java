package io.gan4j.core.tensorboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a CSV log of gan4j ({@code metrics.csv}, {@code eval.csv}: a header line, then rows whose first column is
 * the step) as it grows: each {@link #poll()} returns the complete rows appended since the last one. A row still
 * without its newline is left for the next poll.
 */
final class CsvTail {
    private final Path file;
    private long offset;
    private String[] header;

    /** A row: its step and the non-empty values of the other columns, by column name in the file's order. */
    record Row(long step, Map<String, String> values) {
    }

    CsvTail(Path file) {
        this.file = file;
    }

    /** The rows completed since the previous poll; none while the file does not exist. */
    List<Row> poll() {
        String text = readNewText();
        List<Row> rows = new ArrayList<>();
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return rows;
        }
        offset += text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
        for (String line : text.substring(0, end).split("\n", -1)) {
            String[] cells = line.split(",", -1);
            if (header == null) {
                header = cells;
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 1; i < Math.min(cells.length, header.length); i++) {
                if (!cells[i].isEmpty()) {
                    values.put(header[i], cells[i]);
                }
            }
            rows.add(new Row(Long.parseLong(cells[0]), values));
        }
        return rows;
    }

    private String readNewText() {
        // Polled after every step, most of which add nothing: one stat call then. java.io.File's length is 0 for a
        // missing file (eval.csv of a run without evaluation), where Files.size would throw an exception each step.
        if (file.toFile().length() == offset) {
            return "";
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < offset) {
                throw new IllegalStateException(file + " shrank from " + offset + " to " + size + " bytes while"
                        + " being followed");
            }
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - offset));
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
                // read until the size seen above
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
