package io.gan4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.gan4j.core.api.ConfigException;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.api.StepResult;
import io.gan4j.core.checkpoint.CheckpointException;
import io.gan4j.core.data.DataException;
import io.gan4j.core.io.Json;
import io.gan4j.core.run.ExperimentRunner;
import io.gan4j.core.run.RunDirectory;
import io.gan4j.core.train.DivergenceException;
import io.gan4j.core.train.TrainingListener;
import io.gan4j.core.train.TrainingRun;
import io.gan4j.experiments.UserInputException;
import io.gan4j.experiments.compare.Compare;
import io.gan4j.experiments.compare.SweepEngine.RunOutcome;
import io.gan4j.experiments.compare.SweepEngine.RunSpec;
import org.apache.spark.api.java.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One Spark task: trains one run of a sweep on an executor (or resumes it from the newest checkpoint an earlier
 * attempt left, or reuses it when it finished) and says how it ended. A run that fails for a reason another attempt
 * would meet again (an invalid config, missing data, divergence, a damaged checkpoint) is returned as a failed
 * outcome; anything else (the executor's disk, an interrupted attempt, a run still locked by a lost attempt) is thrown,
 * so that Spark runs the task again, and the new attempt resumes.
 */
final class SweepTask implements Function<RunSpec, RunOutcome> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SweepTask.class);

    private final RunStorage storage;

    SweepTask(RunStorage storage) {
        this.storage = storage;
    }

    @Override
    public RunOutcome call(RunSpec spec) throws IOException {
        try (RunStorage.Session session = storage.open(spec)) {
            StringWriter said = new StringWriter();
            ExperimentRunner.Result r = Compare.trainOrReuse(Registry.INSTANCE, session.localSpec(),
                    () -> publishingHooks(session), new PrintWriter(said, true));
            if (!said.toString().isBlank()) {
                LOG.info("{}: {}", spec.runName(), said.toString().strip());
            }
            if (r.outcome() != TrainingListener.Outcome.COMPLETED) {
                // A stopped session (the executor is being shut down): another attempt resumes it.
                throw new IllegalStateException(spec.runName() + ": training stopped at step " + r.lastStep()
                        + " (" + r.outcome() + ")");
            }
            evaluate(spec, r.dir());
            session.publish(r.dir().root());
            return RunOutcome.finished(spec.runName(), session.location(r.dir().root()));
        } catch (ConfigException | DataException | DivergenceException | CheckpointException | UserInputException e) {
            return RunOutcome.failed(spec.runName(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw AttemptFailedException.of(spec.runName(), e);
        }
    }

    /**
     * The report's final evaluation of the run, made here where it was trained ({@code eval.json}, published with the
     * run): the driver then finds it current instead of evaluating every run in turn after the sweep. Not made when the
     * spec asks for none; a failure is logged and left to the driver, which evaluates the run as before.
     */
    private static void evaluate(RunSpec spec, RunDirectory dir) {
        if (spec.evalSamples() <= 0) {
            return;
        }
        StringWriter said = new StringWriter();
        try {
            Compare.currentEvaluation(Registry.INSTANCE, dir, spec.evalSamples(), false, new PrintWriter(said, true));
            if (!said.toString().isBlank()) {
                LOG.info("{}: {}", spec.runName(), said.toString().strip());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: not evaluated here ({}); the report evaluates it", spec.runName(), e.toString());
        }
    }

    /** Hooks that publish the run after every checkpoint it writes. */
    private static ExperimentRunner.Hooks publishingHooks(RunStorage.Session session) {
        return new ExperimentRunner.Hooks() {
            private RunDirectory dir;

            @Override
            public void runDirectoryReady(RunDirectory d) {
                this.dir = d;
            }

            @Override
            public List<TrainingListener> listeners() {
                return List.of(new PublishAfterCheckpoint(session, () -> dir));
            }
        };
    }

    /** Publishes at each checkpoint step (it runs after the checkpoint listener, so the checkpoint is complete). */
    private static final class PublishAfterCheckpoint implements TrainingListener {
        private final RunStorage.Session session;
        private final java.util.function.Supplier<RunDirectory> dir;
        private long every = -1;

        PublishAfterCheckpoint(RunStorage.Session session, java.util.function.Supplier<RunDirectory> dir) {
            this.session = session;
            this.dir = dir;
        }

        @Override
        public void onStep(TrainingRun run, long step, StepResult result) {
            try {
                if (every < 0) {
                    JsonNode train = Json.MAPPER.readTree(dir.get().resolvedConfig().toFile()).path("train");
                    every = train.path("checkpointEvery").asLong(0);
                }
                if (every > 0 && step % every == 0) {
                    session.publish(dir.get().root());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The variants, found once per executor JVM. */
    private static final class Registry {
        static final VariantRegistry INSTANCE = VariantRegistry.discover();
    }

}
