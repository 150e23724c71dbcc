package io.gan4j.core.tensorboard;

import io.gan4j.core.testing.TensorBoardEvents;
import io.gan4j.core.train.CsvLog;
import io.gan4j.core.train.SampleListener;
import io.gan4j.core.train.TrainingListener.Outcome;
import io.gan4j.core.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listener against logs written as the run's own listeners write them ({@link CsvLog}, grids named by
 * {@link SampleListener#gridFile}), over a run and its resume; the event files are read by TensorFlow's classes.
 */
class TensorBoardListenerTest {
    @TempDir
    Path tmp;

    @Test
    void mirrorsEveryRowAndGridAtItsStepAndAResumeStartsANewFile() throws IOException {
        Path metrics = tmp.resolve("metrics.csv");
        Path eval = tmp.resolve("eval.csv");
        Path samples = tmp.resolve("samples");
        Path tb = tmp.resolve("tensorboard");

        Path first = session(metrics, eval, samples, tb, 0, 6);
        List<Event> events = TensorBoardEvents.read(first);
        Map<String, Map<Long, Float>> scalars = TensorBoardEvents.scalars(events);
        assertEquals(Map.of(1L, 0.5f, 2L, 0.25f, 3L, 0.125f, 4L, 0.0625f, 5L, 0.03125f, 6L, 0.015625f),
                scalars.get("d_loss"));
        assertEquals(Map.of(1L, 6f, 2L, 7f, 3L, 8f, 4L, 9f, 5L, 10f, 6L, 11f), scalars.get("g_loss"));
        // 1.23457e+06 as printed in the CSV, as a 32-bit float.
        assertEquals(Map.of(2L, 1.23457e6f, 4L, 1.23457e6f, 6L, 1.23457e6f), scalars.get("fid"));
        assertEquals(List.of("d_loss", "fid", "g_loss"), List.copyOf(scalars.keySet()), "no step column");
        assertEquals(List.of(3L, 6L), List.copyOf(TensorBoardEvents.images(events, "samples").keySet()));
        assertEquals(10, TensorBoardEvents.images(events, "samples").get(3L).getWidth());
        assertTrue(events.stream().noneMatch(Event::hasSessionLog), "a new run has no session marker");

        // Resumed from the checkpoint of step 4: rows 5 and 6 are dropped and trained again, into a second file.
        Path second = session(metrics, eval, samples, tb, 4, 8);
        assertEquals(List.of(first, second), TensorBoardEvents.files(tb));
        List<Event> resumed = TensorBoardEvents.read(second);
        assertEquals(SessionLog.SessionStatus.START, resumed.get(1).getSessionLog().getStatus());
        assertEquals(5, resumed.get(1).getStep(), "TensorBoard drops the first file's steps 5 and up");
        Map<String, Map<Long, Float>> again = TensorBoardEvents.scalars(resumed);
        assertEquals(Map.of(5L, 10f, 6L, 11f, 7L, 12f, 8L, 13f), again.get("g_loss"));
        assertEquals(Map.of(6L, 1.23457e6f, 8L, 1.23457e6f), again.get("fid"));
        assertEquals(List.of(6L, 8L), List.copyOf(TensorBoardEvents.images(resumed, "samples").keySet()));
    }

    /** A row the CSV writer has not finished (no newline yet) waits for the next step. */
    @Test
    void aRowWithoutItsNewlineWaits() throws IOException {
        Path metrics = tmp.resolve("metrics.csv");
        Files.writeString(metrics, "step,loss\n1,2.5\n2,3");
        TensorBoardListener listener = new TensorBoardListener(tmp.resolve("tb"), List.of(metrics),
                tmp.resolve("samples"), "h");
        TrainingRun run = run(1, 5);
        listener.onStart(run);
        Files.writeString(metrics, ".5\n3,4.5\n", StandardOpenOption.APPEND);
        listener.onStep(run, 3, null);
        listener.onEnd(run, 3, Outcome.COMPLETED);
        assertEquals(Map.of("loss", Map.of(2L, 3.5f, 3L, 4.5f)),
                TensorBoardEvents.scalars(TensorBoardEvents.read(listener.file())));
    }

    /**
     * One session from {@code start} to {@code end}: per step a metrics row (d_loss halving, g_loss counting), an
     * eval row every 2 steps, a grid every 3 and at the end, written before the listener hears the step as the
     * runner's order guarantees. The grid of the last step is written in onEnd's turn, like a stopped run's.
     */
    private Path session(Path metrics, Path eval, Path samples, Path tb, long start, long end) throws IOException {
        CsvLog metricsLog = new CsvLog(metrics);
        CsvLog evalLog = new CsvLog(eval);
        metricsLog.open(start);
        evalLog.open(start);
        TensorBoardListener listener = new TensorBoardListener(tb, List.of(metrics, eval), samples, "host");
        TrainingRun run = run(start, end);
        listener.onStart(run);
        for (long step = start + 1; step <= end; step++) {
            metricsLog.append(List.of("step", "d_loss", "g_loss"), List.of(Long.toString(step),
                    CsvLog.format(Math.pow(0.5, step)), CsvLog.format(step + 5)));
            if (step % 2 == 0) {
                evalLog.append(List.of("step", "fid"), List.of(Long.toString(step), CsvLog.format(1234567.0)));
            }
            if (step % 3 == 0 && step < end) {
                EventFileWriterTest.writePng(SampleListener.gridFile(samples, step), 10, 4);
            }
            if (step < end) {
                listener.onStep(run, step, null);
            }
        }
        EventFileWriterTest.writePng(SampleListener.gridFile(samples, end), 10, 4);
        listener.onEnd(run, end, Outcome.COMPLETED);
        metricsLog.close();
        evalLog.close();
        return listener.file();
    }

    private static TrainingRun run(long start, long iterations) {
        return new TrainingRun("t", null, null, null, start, iterations, 0, null);
    }
}
