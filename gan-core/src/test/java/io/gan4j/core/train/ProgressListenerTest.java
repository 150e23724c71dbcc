package io.gan4j.core.train;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.PhaseTimer;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.testing.TinyModel;
import io.gan4j.core.train.TrainingListener.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressListenerTest {
    private static final DataSpec SPEC = new DataSpec(new long[] {2}, 0, DataKind.UNLABELLED, "points");
    private static final ArrayDataset DATA = new ArrayDataset("points", new float[16], new long[] {2}, null, 0);

    /** A logger that keeps the single-string messages it is given, with TRACE on or off. */
    private static Logger recorder(List<String> messages, boolean trace) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isTraceEnabled" -> trace;
                    case "info", "trace" -> {
                        if (args.length == 1 && args[0] instanceof String s) {
                            messages.add(s);
                        }
                        yield null;
                    }
                    case "getName" -> "recorder";
                    default -> method.getReturnType() == boolean.class ? false : null;
                });
    }

    private static StepResult losses(double d, double g) {
        return StepResult.builder().put("d_loss", d).put("g_loss", g).build();
    }

    @Test
    void periodicLinesShowTheMeansMetricsCsvRecordsAndSaySo(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        TrainingRun run = new TrainingRun("t", new TinyModel(1), DATA, SPEC, 0, 5, 1, new PhaseTimer());
        ProgressListener progress = new ProgressListener(2, recorder(lines, false), recorder(new ArrayList<>(), false));
        MetricsCsvListener csv = new MetricsCsvListener(dir.resolve("metrics.csv"), 2, 0);
        for (TrainingListener l : List.of(progress, csv)) {
            l.onStart(run);
            for (int step = 1; step <= 5; step++) {
                l.onStep(run, step, losses(step, 10 * step + 0.5));
            }
            l.onEnd(run, 5, Outcome.COMPLETED);
        }
        // Rows at steps 2, 4 and 5: d_loss means (1+2)/2, (3+4)/2 and 5; g_loss 15.5, 35.5 and 50.5.
        List<String> steps = lines.stream().filter(s -> s.startsWith("step ")).toList();
        assertEquals(3, steps.size(), lines.toString());
        assertTrue(steps.get(0).startsWith("step 2/5 (40%)  mean of 2 steps: d_loss 1.5000 g_loss 15.5000 | "),
                steps.get(0));
        assertTrue(steps.get(2).startsWith("step 5/5 (100%)  mean of 1 step: d_loss 5.0000 g_loss 50.5000 | "),
                steps.get(2));
        List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals("step,elapsed_s,ms_per_step,d_loss,g_loss", rows.get(0));
        Pattern means = Pattern.compile("^step (\\d+)/5 .* d_loss (\\S+) g_loss (\\S+) \\|");
        for (int i = 0; i < steps.size(); i++) {
            Matcher m = means.matcher(steps.get(i));
            assertTrue(m.find(), steps.get(i));
            String[] row = rows.get(i + 1).split(",");
            assertEquals(row[0], m.group(1));
            assertEquals(String.format(Locale.ROOT, "%.4f", Double.parseDouble(row[3])), m.group(2));
            assertEquals(String.format(Locale.ROOT, "%.4f", Double.parseDouble(row[4])), m.group(3));
        }
    }

    @Test
    void theBarIsDrawnOnlyWhenItsLoggerTracesAndIsPlainText() throws InterruptedException {
        TrainingRun run = new TrainingRun("t", new TinyModel(1), DATA, SPEC, 0, 10, 1, new PhaseTimer());
        List<String> off = new ArrayList<>();
        List<String> on = new ArrayList<>();
        for (List<String> bars : List.of(off, on)) {
            ProgressListener progress = new ProgressListener(100, recorder(new ArrayList<>(), false),
                    recorder(bars, bars == on));
            progress.onStart(run);
            for (int step = 1; step <= 3; step++) {
                Thread.sleep(ProgressListener.BAR_INTERVAL_MILLIS + 10);
                progress.onStep(run, step, losses(step, 1));
            }
        }
        assertTrue(off.isEmpty(), off.toString());
        assertEquals(3, on.size(), on.toString());
        // Step 2 of 10: 4 of 20 cells filled; the window so far holds steps 1 and 2.
        assertTrue(on.get(1).startsWith(
                "2/10 [====>               ]  20%  mean of 2 steps: d_loss 1.500 g_loss 1.000 | "), on.get(1));
        for (String bar : on) {
            assertFalse(bar.chars().anyMatch(c -> c < 0x20), "no control characters: " + bar);
        }
    }
}
