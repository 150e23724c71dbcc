package io.gan4j.core.train;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.PhaseTimer;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.nn.Net;
import io.gan4j.core.testing.TinyModel;
import io.gan4j.core.train.TrainingListener.Outcome;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainerTest {
    private static final DataSpec SPEC = new DataSpec(new long[] {2}, 0, DataKind.UNLABELLED, "points");
    private static final ArrayDataset DATA = new ArrayDataset("points", new float[16], new long[] {2}, null, 0);
    private static final LongFunction<Batch> BATCHES = step -> Batch.of(Nd4j.zeros(DataType.FLOAT, 4, 2));

    /** Records what the trainer tells listeners. */
    private static final class Recorder implements TrainingListener {
        final List<Long> steps = new ArrayList<>();
        final List<Double> losses = new ArrayList<>();
        Outcome outcome;
        long lastStep = -1;

        @Override
        public void onStep(TrainingRun run, long step, StepResult result) {
            steps.add(step);
            losses.add(result.get("loss"));
        }

        @Override
        public void onEnd(TrainingRun run, long last, Outcome o) {
            outcome = o;
            lastStep = last;
        }
    }

    private static TrainingRun run(TinyModel model, long start, long iterations) {
        return new TrainingRun("t", model, DATA, SPEC, start, iterations, 1, new PhaseTimer());
    }

    @Test
    void runsEveryStepAndReportsCompletion() {
        Recorder r = new Recorder();
        assertEquals(Outcome.COMPLETED, new Trainer(run(new TinyModel(1), 0, 5), BATCHES, 7, List.of(r)).train());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), r.steps);
        assertEquals(Outcome.COMPLETED, r.outcome);
        assertEquals(5, r.lastStep);
    }

    @Test
    void nonFiniteLossStopsTheRunNamingStepAndLoss() {
        Recorder r = new Recorder();
        Trainer trainer = new Trainer(run(new TinyModel(1, s -> s == 3), 0, 10), BATCHES, 7, List.of(r));
        DivergenceException e = assertThrows(DivergenceException.class, trainer::train);
        assertEquals("diverged at step 3: loss is NaN", e.getMessage());
        assertEquals(List.of(1L, 2L), r.steps, "listeners never see the diverged step");
        assertEquals(Outcome.DIVERGED, r.outcome);
        assertEquals(2, r.lastStep);
    }

    @Test
    void stopRequestEndsAfterTheCurrentStep() {
        Recorder r = new Recorder();
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(r);
        Trainer[] trainer = new Trainer[1];
        listeners.add(new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, long step, StepResult result) {
                if (step == 2) {
                    trainer[0].requestStop();
                }
            }
        });
        trainer[0] = new Trainer(run(new TinyModel(1), 0, 10), BATCHES, 7, listeners);
        assertEquals(Outcome.STOPPED, trainer[0].train());
        assertEquals(2, r.lastStep);
    }

    @Test
    void stepsDependOnlyOnSeedAndStepNumber() {
        Recorder whole = new Recorder();
        new Trainer(run(new TinyModel(1), 0, 6), BATCHES, 7, List.of(whole)).train();
        // Two models that start equal and train steps 4..6 must match steps 4..6 of a run from the same state.
        TinyModel m = new TinyModel(1);
        new Trainer(run(m, 0, 3), BATCHES, 7, List.of()).train();
        Recorder tail = new Recorder();
        new Trainer(run(m, 3, 6), BATCHES, 7, List.of(tail)).train();
        assertEquals(whole.losses.subList(3, 6), tail.losses);
    }

    /** A model that consumes k batches per step and records the first value of each batch it receives. */
    private static final class MultiBatchModel implements GanModel {
        final List<float[]> seen = new ArrayList<>();
        final TinyModel inner = new TinyModel(1);

        @Override
        public int batchesPerStep() {
            return 3;
        }

        @Override
        public StepResult trainStep(Batch batch, StepContext ctx) {
            seen.add(batch.x().getColumn(0).toFloatVector());
            return StepResult.builder().put("loss", 0).build();
        }

        @Override
        public Map<String, Net> networks() {
            return inner.networks();
        }

        @Override
        public INDArray sample(int n, long seed) {
            return inner.sample(n, seed);
        }
    }

    @Test
    void aModelThatTakesSeveralBatchesPerStepGetsConsecutiveBatchesInOrder() {
        // batch of data step t: two rows, both holding t
        LongFunction<Batch> numbered = t -> Batch.of(Nd4j.valueArrayOf(new long[] {2, 2}, (float) t));
        MultiBatchModel m = new MultiBatchModel();
        new Trainer(new TrainingRun("t", m, DATA, SPEC, 0, 2, 1, new PhaseTimer()), numbered, 7, List.of()).train();
        assertEquals(2, m.seen.size());
        assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3}, m.seen.get(0));
        assertArrayEquals(new float[] {4, 4, 5, 5, 6, 6}, m.seen.get(1));
    }
}
