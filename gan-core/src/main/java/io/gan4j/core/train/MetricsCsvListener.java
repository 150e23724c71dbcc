package io.gan4j.core.train;

import io.gan4j.core.api.StepResult;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.gan4j.core.io.AtomicFiles;

/**
 * Writes {@code metrics.csv}: one row every {@code logEvery} steps (and at the last step) with the mean of each
 * scalar over the steps since the previous row, the elapsed wall time and the mean milliseconds per step.
 * Columns: {@code step, elapsed_s, ms_per_step, <the model's scalars in its order>}. Each row is flushed as
 * written, so a killed run keeps every row it logged.
 *
 * <p>On resume from step k, rows after k are dropped first: the resumed run writes them again.
 */
public final class MetricsCsvListener implements TrainingListener {
    private final Path file;
    private final int logEvery;
    private BufferedWriter out;
    private List<String> columns;
    private final Map<String, double[]> window = new LinkedHashMap<>();
    private int windowSteps;
    private long windowStart;
    private long runStart;
    private double elapsedBefore;

    /**
     * @param file          the CSV file (appended to)
     * @param logEvery      steps per row
     * @param elapsedBefore training seconds spent in earlier sessions of this run (0 for a new run)
     */
    public MetricsCsvListener(Path file, int logEvery, double elapsedBefore) {
        this.file = file;
        this.logEvery = logEvery;
        this.elapsedBefore = elapsedBefore;
    }

    @Override
    public void onStart(TrainingRun run) {
        try {
            if (Files.exists(file)) {
                dropRowsAfter(run.startStep());
            }
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open: " + e.getMessage(), e);
        }
        runStart = System.nanoTime();
        windowStart = runStart;
    }

    @Override
    public void onStep(TrainingRun run, long step, StepResult result) {
        for (Map.Entry<String, Double> e : result.values().entrySet()) {
            window.computeIfAbsent(e.getKey(), k -> new double[1])[0] += e.getValue();
        }
        windowSteps++;
        if (run.isDue(logEvery, step)) {
            writeRow(step);
        }
    }

    @Override
    public void onEnd(TrainingRun run, long lastStep, Outcome outcome) {
        try {
            if (windowSteps > 0 && outcome != Outcome.DIVERGED) {
                writeRow(lastStep);
            }
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private void writeRow(long step) {
        long now = System.nanoTime();
        try {
            if (columns == null) {
                columns = new ArrayList<>(window.keySet());
                if (Files.size(file) == 0) {
                    out.write("step,elapsed_s,ms_per_step," + String.join(",", columns));
                    out.newLine();
                }
            }
            StringBuilder row = new StringBuilder();
            row.append(step).append(',')
                    .append(fmt(elapsedBefore + (now - runStart) / 1e9)).append(',')
                    .append(fmt((now - windowStart) / 1e6 / windowSteps));
            for (String c : columns) {
                double[] sum = window.get(c);
                row.append(',').append(sum == null ? "" : fmt(sum[0] / windowSteps));
            }
            out.write(row.toString());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
        window.clear();
        windowSteps = 0;
        windowStart = now;
    }

    private void dropRowsAfter(long step) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            int comma = line.indexOf(',');
            String first = comma < 0 ? line : line.substring(0, comma);
            if (kept.isEmpty() || !first.matches("\\d+") || Long.parseLong(first) <= step) {
                kept.add(line);
            }
        }
        if (kept.size() != lines.size()) {
            AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        }
        if (!kept.isEmpty() && kept.get(0).startsWith("step,")) {
            String[] header = kept.get(0).split(",");
            columns = new ArrayList<>(List.of(header).subList(3, header.length));
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
