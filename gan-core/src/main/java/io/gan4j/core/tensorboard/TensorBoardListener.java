package io.gan4j.core.tensorboard;

import io.gan4j.core.api.StepResult;
import io.gan4j.core.train.SampleListener;
import io.gan4j.core.train.TrainingListener;
import io.gan4j.core.train.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mirrors a run's logs into a TensorBoard event file ({@code train.tensorboard}): each row of {@code metrics.csv}
 * and {@code eval.csv} becomes one event of scalars at the row's step, tagged with the column names (the step
 * column aside) and holding the values exactly as the CSV prints them, as 32-bit floats; each sample grid
 * {@code samples/step-N.png} becomes image {@value #IMAGE_TAG} at step N.
 * <p>
 * It reads what the other listeners wrote rather than computing anything again, so TensorBoard shows the same
 * numbers as the CSV files; it must therefore be added after the listeners writing those files, and it looks for
 * new rows and grids after every step. Each session (a new run, or each resume) writes a new event file; a resumed
 * run's file begins with a session-start marker at the first step it trains, which makes TensorBoard drop the
 * steps that an earlier session logged after the checkpoint the run resumed from.
 */
public final class TensorBoardListener implements TrainingListener {
    /** The tag of the sample grids. */
    public static final String IMAGE_TAG = "samples";

    private final Path dir;
    private final List<CsvTail> logs;
    private final Path samples;
    private final String hostName;
    private EventFileWriter writer;
    private long lastGridStep;

    /**
     * @param dir      where the event files go ({@code <run>/tensorboard})
     * @param logs     the CSV logs to follow ({@code metrics.csv}, {@code eval.csv}); a missing file is waited for
     * @param samples  the run's samples directory
     * @param hostName the machine's name, part of the event file's name
     */
    public TensorBoardListener(Path dir, List<Path> logs, Path samples, String hostName) {
        this.dir = dir;
        this.logs = logs.stream().map(CsvTail::new).toList();
        this.samples = samples;
        this.hostName = hostName;
    }

    /** Skips what the logs already hold (an earlier session wrote it to its own event file). */
    @Override
    public void onStart(TrainingRun run) {
        logs.forEach(CsvTail::poll);
        lastGridStep = run.startStep();
        writer = EventFileWriter.create(dir, hostName, System::currentTimeMillis);
        if (run.startStep() > 0) {
            writer.sessionStart(run.startStep() + 1);
        }
    }

    @Override
    public void onStep(TrainingRun run, long step, StepResult result) {
        follow(step);
    }

    /** The last rows and grid are written at the end (a stopped run's final row and grid among them). */
    @Override
    public void onEnd(TrainingRun run, long lastStep, Outcome outcome) {
        if (writer == null) {
            return;
        }
        try {
            follow(lastStep);
        } finally {
            writer.close();
        }
    }

    /** The event file this session writes; null before {@link #onStart}. */
    public Path file() {
        return writer == null ? null : writer.file();
    }

    private void follow(long step) {
        for (CsvTail log : logs) {
            for (CsvTail.Row row : log.poll()) {
                Map<String, Float> values = new LinkedHashMap<>();
                row.values().forEach((column, text) -> values.put(column, Float.parseFloat(text)));
                writer.scalars(row.step(), values);
            }
        }
        Path grid = SampleListener.gridFile(samples, step);
        // java.io.File: Files.exists would throw and catch an exception inside at every step without a grid.
        if (step > lastGridStep && grid.toFile().isFile()) {
            try {
                writer.image(step, IMAGE_TAG, Files.readAllBytes(grid), grid.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(grid + ": cannot read: " + e.getMessage(), e);
            }
            lastGridStep = step;
        }
    }
}
