package io.gan4j.core.testing;

import io.gan4j.core.checkpoint.CheckpointStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks a run's {@code best} checkpoint against its own {@code eval.csv}: the pointer must name the checkpoint of
 * the step whose selection metric was best, read from the evaluations the run logged (not merely exist, which any
 * run with an evaluation satisfies whichever step it names).
 */
public final class BestCheckpoints {
    private BestCheckpoints() {
    }

    /**
     * The step of the best value in column {@code metric} of {@code run/eval.csv} (the first on ties, as a later
     * equal value does not replace the best).
     */
    public static long bestStep(Path run, String metric, boolean higherIsBetter) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("eval.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int column = header.indexOf(metric);
        assertTrue(column > 0, metric + " in " + header);
        long best = -1;
        double bestValue = Double.NaN;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double v = Double.parseDouble(cells[column]);
            if (best < 0 || (higherIsBetter ? v > bestValue : v < bestValue)) {
                best = Long.parseLong(cells[0]);
                bestValue = v;
            }
        }
        assertTrue(best > 0, "no evaluation in " + lines);
        return best;
    }

    /** Asserts that {@code run}'s best pointer names the checkpoint of {@link #bestStep}. */
    public static void assertBestIsTheBestEvaluatedStep(Path run, String metric, boolean higherIsBetter)
            throws IOException {
        long step = bestStep(run, metric, higherIsBetter);
        CheckpointStore.Checkpoint best = new CheckpointStore(run.resolve("checkpoints")).best()
                .orElseThrow(() -> new AssertionError("no best checkpoint in " + run));
        assertEquals(String.format(Locale.ROOT, "step-%08d", step), best.dir().getFileName().toString(),
                "best by " + metric + " in " + run.resolve("eval.csv"));
    }
}
