package io.gan4j.core.train;

import io.gan4j.core.io.AtomicFiles;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An append-only CSV file of per-step rows whose first column is the step ({@code metrics.csv},
 * {@code eval.csv}). The header is written with the first row; each row is flushed as written, so a killed run
 * keeps every row it logged. On resume from step k, {@link #open(long)} first drops the rows after k, which the
 * resumed run writes again.
 */
public final class CsvLog implements Closeable {
    private final Path file;
    private BufferedWriter out;
    private List<String> header;

    /** @param file the CSV file */
    public CsvLog(Path file) {
        this.file = file;
    }

    /** Opens for appending after dropping rows whose step is greater than {@code keepUpToStep}. */
    public void open(long keepUpToStep) {
        try {
            if (Files.exists(file)) {
                dropRowsAfter(keepUpToStep);
            }
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open: " + e.getMessage(), e);
        }
    }

    /** The header of the file, or null before the first row of a new file. */
    public List<String> header() {
        return header;
    }

    /** Writes the header when the file has none yet, then the row (values formatted by {@link #format}). */
    public void append(List<String> columns, List<String> values) {
        try {
            if (header == null) {
                header = List.copyOf(columns);
                if (Files.size(file) == 0) {
                    out.write(String.join(",", columns));
                    out.newLine();
                }
            }
            out.write(String.join(",", values));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Six significant digits: enough for losses and metrics, short enough to read. */
    public static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private void dropRowsAfter(long step) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(text.lines().toList());
        boolean torn = !text.isEmpty() && !text.endsWith("\n");
        if (torn) {
            // A process killed in the middle of a row leaves it without its newline: never keep half a row.
            lines.remove(lines.size() - 1);
        }
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            int comma = line.indexOf(',');
            String first = comma < 0 ? line : line.substring(0, comma);
            if (kept.isEmpty() || !first.matches("\\d+") || Long.parseLong(first) <= step) {
                kept.add(line);
            }
        }
        if (torn || kept.size() != lines.size()) {
            AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        }
        if (!kept.isEmpty() && !kept.get(0).matches("\\d.*")) {
            header = List.of(kept.get(0).split(","));
        }
    }
}
