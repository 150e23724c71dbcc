package io.gan4j.core.train;

import io.gan4j.core.api.Batch;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.api.StepContext;
import io.gan4j.core.api.StepRandom;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.train.TrainingListener.Outcome;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The one training loop every variant shares: for each step, take the step's batch, let the model update itself,
 * stop on a non-finite loss, and tell the listeners.
 *
 * <p>Every source of randomness in a step is a function of (seed, step): the batch comes from
 * {@link io.gan4j.core.data.ShuffledBatches#batch(long)}, the model's noise from {@link StepRandom#forStep}, and ND4J's native
 * generator (dropout) is re-seeded before each step. A run resumed from a checkpoint at step k therefore repeats
 * exactly what an uninterrupted run does after step k.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private final TrainingRun run;
    private final LongFunction<Batch> batches;
    private final long noiseSeed;
    private final List<TrainingListener> listeners;
    /** Separates the native generator's stream from the Java one derived from the same noise seed. */
    private static final long NATIVE_STREAM = 0x5DEECE66DL;

    private volatile boolean stopRequested;

    /**
     * @param run       the run (model, data, first and last step)
     * @param batches   the batch of each 1-based step
     * @param noiseSeed seed from which each step's random numbers are derived
     * @param listeners called in this order after each step
     */
    public Trainer(TrainingRun run, LongFunction<Batch> batches, long noiseSeed, List<TrainingListener> listeners) {
        this.run = run;
        this.batches = batches;
        this.noiseSeed = noiseSeed;
        this.listeners = List.copyOf(listeners);
    }

    /** Asks the loop to stop after the step in progress (thread-safe; used by a Ctrl-C handler). */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Runs steps {@code run.startStep() + 1} to {@code run.iterations()}.
     *
     * <p>A stop requested during the last step still counts as {@link Outcome#STOPPED}: the caller is waiting for
     * the stop (a shutdown hook), and the run's status says it was interrupted.
     *
     * @return {@link Outcome#COMPLETED} or {@link Outcome#STOPPED}
     * @throws DivergenceException when a loss is NaN or infinite (listeners have seen {@link Outcome#DIVERGED})
     */
    public Outcome train() {
        long last = run.startStep();
        Outcome outcome = Outcome.FAILED;
        Throwable failure = null;
        try {
            for (TrainingListener l : listeners) {
                l.onStart(run);
            }
            for (long step = run.startStep() + 1; step <= run.iterations(); step++) {
                if (stopRequested) {
                    outcome = Outcome.STOPPED;
                    return outcome;
                }
                StepResult result = step(step);
                requireFinite(step, result);
                last = step;
                for (TrainingListener l : listeners) {
                    l.onStep(run, step, result);
                }
            }
            outcome = stopRequested ? Outcome.STOPPED : Outcome.COMPLETED;
            return outcome;
        } catch (DivergenceException e) {
            outcome = Outcome.DIVERGED;
            failure = e;
            throw e;
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            RuntimeException endFailure = endAll(last, outcome);
            if (endFailure != null) {
                if (failure == null) {
                    throw endFailure;
                }
                failure.addSuppressed(endFailure);
            }
        }
    }

    /**
     * Tells every listener of the end, those that save what a resume needs first, each in its own try: the
     * checkpoint of a stopped run must not depend on a sample grid or a plot being written. When a run is stopped
     * (Ctrl-C, SIGTERM: the JVM is shutting down, and things like ImageIO's cache or new threads may refuse), a
     * failing listener that saves nothing is logged in one line and otherwise ignored.
     *
     * @return the first failure that must end the run (the others attached to it), or null
     */
    private RuntimeException endAll(long last, Outcome outcome) {
        RuntimeException first = null;
        for (TrainingListener l : endOrder()) {
            try {
                l.onEnd(run, last, outcome);
            } catch (RuntimeException e) {
                if (outcome == Outcome.STOPPED && !l.savesState()) {
                    LOG.warn("while stopping, {} failed: {}", l.getClass().getSimpleName(), e.getMessage());
                } else if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }

    private List<TrainingListener> endOrder() {
        List<TrainingListener> ordered = new ArrayList<>(listeners.size());
        listeners.stream().filter(TrainingListener::savesState).forEach(ordered::add);
        listeners.stream().filter(l -> !l.savesState()).forEach(ordered::add);
        return ordered;
    }

    private StepResult step(long step) {
        // Dropout and other native random ops draw from ND4J's global generator.
        Nd4j.getRandom().setSeed(Seeds.derive(noiseSeed ^ NATIVE_STREAM, step));
        Batch batch = run.timer().time("data", () -> batchOf(step));
        StepContext ctx = new StepContext(step, StepRandom.forStep(noiseSeed, step), run.timer());
        long t0 = System.nanoTime();
        StepResult result;
        try {
            result = run.model().trainStep(batch, ctx);
        } finally {
            // The batch is the trainer's: free it now rather than when the collector finds it.
            batch.close();
        }
        run.timer().add("step", System.nanoTime() - t0);
        return result;
    }

    private Batch batchOf(long step) {
        return batchFor(run.model(), batches, step);
    }

    /**
     * What {@code model} trains on at 1-based {@code step}: data batch {@code step}, or for a model that takes
     * k = {@link GanModel#batchesPerStep()} batches per step, data batches (step−1)·k+1 … step·k concatenated.
     * Anything else that drives {@code trainStep} (the bench) must use this too.
     */
    public static Batch batchFor(GanModel model, LongFunction<Batch> batches, long step) {
        int k = model.batchesPerStep();
        if (k < 1) {
            throw new IllegalStateException(model.getClass().getSimpleName() + ".batchesPerStep() is " + k);
        }
        if (k == 1) {
            return batches.apply(step);
        }
        List<Batch> parts = new ArrayList<>(k);
        for (int i = 1; i <= k; i++) {
            parts.add(batches.apply((step - 1) * k + i));
        }
        Batch all = Batch.concat(parts);
        parts.forEach(Batch::close);
        return all;
    }

    private static void requireFinite(long step, StepResult result) {
        for (Map.Entry<String, Double> e : result.values().entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw new DivergenceException(step, e.getKey(), e.getValue(), null);
            }
        }
    }
}
