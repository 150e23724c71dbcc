package io.gan4j.core.eval;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.PhaseTimer;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.checkpoint.CheckpointStore;
import io.gan4j.core.config.EvalConfig;
import io.gan4j.core.config.EvalMetric;
import io.gan4j.core.config.EvalReference;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.testing.TinyModel;
import io.gan4j.core.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EvalListenerCsvTest {

    /** Scores every model the same: FID, precision, recall, density, coverage and classes covered. */
    private static final EvalListener.Scorer SCORER = new ScriptedScorer(() -> {
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("fid", 12.5);
        summary.put("precision", 0.75);
        summary.put("recall", 0.5);
        summary.put("density", 0.875);
        summary.put("coverage", 0.25);
        summary.put("classes_covered", 9.0);
        return summary;
    });

    @Test
    void aResumedRunsRowsKeepTheColumnsOfItsFile(@TempDir Path dir) throws IOException {
        // eval.csv of a run started before density and coverage existed, resumed at step 2.
        Path csv = Files.writeString(dir.resolve("eval.csv"), """
                step,eval_seconds,fid,precision,recall,classes_covered
                2,1.0,30,0.5,0.25,8
                """);
        TrainingRun run = new TrainingRun("t", new TinyModel(1),
                new ArrayDataset("points", new float[16], new long[] {2}, null, 0),
                new DataSpec(new long[] {2}, 0, DataKind.UNLABELLED, "points"), 2, 4, 1, new PhaseTimer());
        // The best checkpoint is picked by a metric this scorer lacks, so none is written.
        EvalConfig config = new EvalConfig(2, 10, EvalMetric.PSNR, EvalReference.HELDOUT, null);
        EvalListener listener = new EvalListener(SCORER, config, csv, new CheckpointStore(dir.resolve("checkpoints")),
                new BestCheckpoint(null, null), step -> null, "{}", 1);
        listener.onStart(run);
        listener.onStep(run, 4, StepResult.builder().put("loss", 1).build());
        listener.onEnd(run, 4, io.gan4j.core.train.TrainingListener.Outcome.COMPLETED);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("step,eval_seconds,fid,precision,recall,classes_covered", lines.get(0));
        String[] row = lines.get(2).split(",", -1);
        assertEquals(6, row.length, lines.get(2));
        assertEquals("4", row[0]);
        // fid, precision, recall, classes_covered under their headings; density and coverage left out.
        assertEquals(List.of(12.5, 0.75, 0.5, 9.0), List.of(Double.parseDouble(row[2]), Double.parseDouble(row[3]),
                Double.parseDouble(row[4]), Double.parseDouble(row[5])));
    }
}
