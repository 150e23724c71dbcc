package io.gan4j.core.eval;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.PhaseTimer;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.checkpoint.CheckpointInfo;
import io.gan4j.core.checkpoint.CheckpointStore;
import io.gan4j.core.config.EvalConfig;
import io.gan4j.core.config.EvalMetric;
import io.gan4j.core.config.EvalReference;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.data.MnistData;
import io.gan4j.core.data.Ring8Data;
import io.gan4j.core.testing.TinyModel;
import io.gan4j.core.train.TrainingListener;
import io.gan4j.core.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Periodic evaluation keeps as best the checkpoint of the step whose {@code eval.metric} is best in that metric's
 * direction. Three scripted evaluations at steps 2, 4 and 6 put each metric's best at a different step, so a metric
 * read under another key, or in the wrong direction, points {@code checkpoints/best} elsewhere.
 */
class EvalListenerBestTest {
    private static final DataSpec SPEC = new DataSpec(new long[] {2}, 0, DataKind.UNLABELLED, "points");

    /** Per step 2, 4, 6: FID best (lowest) at 6, coverage best (highest) at 4, recall best at 2. */
    private static final List<Map<String, Double>> SCRIPT = List.of(
            Map.of("fid", 20.0, "recall", 0.7, "density", 1.4, "coverage", 0.3),
            Map.of("fid", 25.0, "recall", 0.5, "density", 0.9, "coverage", 0.6),
            Map.of("fid", 10.0, "recall", 0.6, "density", 1.6, "coverage", 0.4));

    @TempDir
    Path dir;

    @Test
    void coveragePicksTheStepOfItsHighestValue() throws IOException {
        assertEquals(4L, bestStep(EvalMetric.COVERAGE, dir.resolve("coverage")));
    }

    @Test
    void theOtherImageMetricsKeepTheirDirections() throws IOException {
        assertEquals(6L, bestStep(EvalMetric.FID, dir.resolve("fid")));
        assertEquals(2L, bestStep(EvalMetric.RECALL, dir.resolve("recall")));
    }

    @Test
    void coverageIsAnImageMetric() {
        EvalConfig coverage = new EvalConfig(100, 500, EvalMetric.COVERAGE, EvalReference.HELDOUT, null);
        List<ConfigProblem> problems = new ArrayList<>();
        coverage.checkFits(MnistData.defaults(), problems);
        assertEquals(List.of(), problems);
        coverage.checkFits(Ring8Data.defaults(), problems);
        assertEquals(List.of("$.eval.metric"), problems.stream().map(ConfigProblem::path).toList());
        assertEquals("must be modes or quality for 2-D data", problems.get(0).requirement());
        problems.clear();
        new EvalConfig(100, 500, EvalMetric.MODES, EvalReference.HELDOUT, null).checkFits(MnistData.defaults(),
                problems);
        assertEquals("must be fid, kid, is, precision, recall or coverage for images", problems.get(0).requirement());
    }

    /** Runs the script through an {@link EvalListener}; returns the step {@code checkpoints/best} points at. */
    private static long bestStep(EvalMetric metric, Path runDir) throws IOException {
        Files.createDirectories(runDir);
        CheckpointStore store = new CheckpointStore(runDir.resolve("checkpoints"));
        BestCheckpoint best = new BestCheckpoint(null, null);
        EvalListener listener = new EvalListener(scripted(), new EvalConfig(2, 10, metric, EvalReference.HELDOUT,
                null), runDir.resolve("eval.csv"), store, best, EvalListenerBestTest::info, "{\"name\": \"x\"}", 5);
        TrainingRun run = new TrainingRun("t", new TinyModel(1),
                new ArrayDataset("points", new float[16], new long[] {2}, null, 0), SPEC, 0, 6, 1, new PhaseTimer());
        listener.onStart(run);
        for (long step = 2; step <= 6; step += 2) {
            listener.onStep(run, step, StepResult.builder().put("loss", 1).build());
        }
        listener.onEnd(run, 6, TrainingListener.Outcome.COMPLETED);
        long pointed = store.best().orElseThrow().info().step();
        assertEquals(best.step(), pointed, "the listener's best and the checkpoint it points at");
        return pointed;
    }

    private static CheckpointInfo info(long step) {
        return new CheckpointInfo(CheckpointInfo.FORMAT, step, "tiny", "sha", SPEC, Map.of("noise", 1L), 1.0, null,
                null, "2026-01-01T00:00:00Z", "test", null);
    }

    private static EvalListener.Scorer scripted() {
        Iterator<Map<String, Double>> next = SCRIPT.iterator();
        return new ScriptedScorer(next::next);
    }
}
