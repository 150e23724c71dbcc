package io.gan4j.core.train;

import io.gan4j.core.api.StepResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code metrics.csv}: one row every {@code logEvery} steps (and at the last step) with the mean of each
 * scalar over the steps since the previous row, the elapsed wall time and the mean milliseconds per step.
 * Columns: {@code step, elapsed_s, ms_per_step, <the model's scalars in its order>}. Rows are flushed as written;
 * on resume from step k, rows after k are dropped first (see {@link CsvLog}).
 */
public final class MetricsCsvListener implements TrainingListener {
    private static final List<String> FIXED = List.of("step", "elapsed_s", "ms_per_step");
    private final CsvLog log;
    private final int logEvery;
    private final double elapsedBefore;
    private final Map<String, double[]> window = new LinkedHashMap<>();
    private int windowSteps;
    private long windowStart;
    private long runStart;

    /**
     * @param file          the CSV file (appended to)
     * @param logEvery      steps per row
     * @param elapsedBefore training seconds spent in earlier sessions of this run (0 for a new run)
     */
    public MetricsCsvListener(Path file, int logEvery, double elapsedBefore) {
        this.log = new CsvLog(file);
        this.logEvery = logEvery;
        this.elapsedBefore = elapsedBefore;
    }

    @Override
    public void onStart(TrainingRun run) {
        log.open(run.startStep());
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
        if (windowSteps > 0 && outcome != Outcome.DIVERGED) {
            writeRow(lastStep);
        }
        log.close();
    }

    private void writeRow(long step) {
        long now = System.nanoTime();
        List<String> columns = log.header();
        if (columns == null) {
            columns = new ArrayList<>(FIXED);
            columns.addAll(window.keySet());
        }
        List<String> row = new ArrayList<>();
        row.add(Long.toString(step));
        row.add(CsvLog.format(elapsedBefore + (now - runStart) / 1e9));
        row.add(CsvLog.format((now - windowStart) / 1e6 / windowSteps));
        for (String c : columns.subList(FIXED.size(), columns.size())) {
            double[] sum = window.get(c);
            row.add(sum == null ? "" : CsvLog.format(sum[0] / windowSteps));
        }
        log.append(columns, row);
        window.clear();
        windowSteps = 0;
        windowStart = now;
    }
}
