package io.gan4j.core.run;

import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.EvaluationKind;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.Seeds;
import io.gan4j.core.api.VariantRegistry;
import io.gan4j.core.backend.Provenance;
import io.gan4j.core.checkpoint.CheckpointException;
import io.gan4j.core.checkpoint.CheckpointInfo;
import io.gan4j.core.checkpoint.CheckpointStore;
import io.gan4j.core.api.ConfigException;
import io.gan4j.core.config.ConfigLoader;
import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.config.ExperimentConfig;
import io.gan4j.core.config.LoadedConfig;
import io.gan4j.core.config.MemoryBudget;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.api.Batch;
import io.gan4j.core.eval.BestCheckpoint;
import io.gan4j.core.eval.EvalListener;
import io.gan4j.core.io.AtomicFiles;
import io.gan4j.core.io.Json;
import io.gan4j.core.checkpoint.CheckpointListener;
import io.gan4j.core.train.CpuThreads;
import io.gan4j.core.train.DivergenceException;
import io.gan4j.core.tensorboard.TensorBoardListener;
import io.gan4j.core.train.MetricsCsvListener;
import io.gan4j.core.api.PhaseTimer;
import io.gan4j.core.train.ProgressListener;
import io.gan4j.core.train.SampleListener;
import io.gan4j.core.train.Trainer;
import io.gan4j.core.train.TrainingListener.Outcome;
import io.gan4j.core.train.TrainingListener;
import io.gan4j.core.train.TrainingRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Starts and resumes runs: loads the data, checks it fits the config, creates the run directory with the configs
 * and manifest, builds (or restores) the model, attaches the standard listeners (progress, metrics, samples,
 * checkpoints) and runs the {@link Trainer}. Library code: it never prints to stdout or exits; errors surface as
 * {@link ConfigException}, {@link io.gan4j.core.data.DataException}, {@link CheckpointException},
 * {@link DivergenceException} or {@link IOException} with the path.
 */
public final class ExperimentRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);
    /** Seed component that orders the training examples. */
    public static final String SHUFFLE = "shuffle";

    private final ConfigLoader loader;

    public ExperimentRunner(VariantRegistry registry) {
        this.loader = new ConfigLoader(registry);
    }

    /** Callbacks for the program embedding the runner (the CLI attaches its log file and Ctrl-C handler here). */
    public interface Hooks {
        /** The run directory exists; nothing has been trained yet. */
        default void runDirectoryReady(RunDirectory dir) {
        }

        /** The trainer is about to start. */
        default void trainerReady(Trainer trainer) {
        }

        /** Extra listeners, called after the standard ones. */
        default List<TrainingListener> listeners() {
            return List.of();
        }
    }

    /** No hooks. */
    public static final Hooks NO_HOOKS = new Hooks() {
    };

    /**
     * How a run session ended.
     *
     * @param dir      the run directory
     * @param outcome  completed or stopped (divergence and failures are thrown)
     * @param lastStep the last step trained
     * @param alreadyFinished a resume that found the run already at its last step and trained nothing
     */
    public record Result(RunDirectory dir, Outcome outcome, long lastStep, boolean alreadyFinished) {
        public Result(RunDirectory dir, Outcome outcome, long lastStep) {
            this(dir, outcome, lastStep, false);
        }
    }

    /** Trains a new run of {@code config}. */
    public Result train(LoadedConfig config, Hooks hooks) throws IOException {
        ExperimentConfig c = config.config();
        Seeds seeds = new Seeds(c.seed());
        ArrayDataset data = loadData(config, seeds);
        RunDirectory dir;
        try {
            // Normalised first: creating "a/../runs" made an empty "a" on the way.
            dir = RunDirectory.create(Path.of(c.train().outputDir()).normalize(), c.name(), LocalDateTime.now());
        } catch (IOException e) {
            // Where results go is the user's choice, so this is a config problem, not an internal failure.
            throw new ConfigException(config.sourceName(), new ConfigProblem("$.train.outputDir",
                    "must be a folder gan4j can create and write", "'" + c.train().outputDir() + "'", e.getMessage()));
        }
        try (RunLock lock = RunLock.acquire(dir.root())) {
            hooks.runDirectoryReady(dir);
            AtomicFiles.writeString(dir.givenConfig(), config.sourceText());
            AtomicFiles.writeString(dir.resolvedConfig(), config.resolvedJson());
            GanModel model = config.variant().create(modelContext(c, c.data().spec(data), seeds));
            return run(config, dir, model, data, seeds, null, "train", hooks);
        }
    }

    /**
     * Continues a run from its latest checkpoint. With the same config (no overrides) the resumed run computes
     * exactly what the uninterrupted run would have.
     *
     * @param overrides {@code --set} overrides on top of the run's resolved config (e.g. more iterations)
     * @param fallback  when the latest checkpoint is damaged, use the newest valid one instead of failing
     */
    public Result resume(Path runDir, List<String> overrides, boolean fallback, Hooks hooks) throws IOException {
        refuseIgnoredOverrides(runDir, overrides);
        RunDirectory dir = RunDirectory.open(runDir);
        // A run being written is reported as such before its files are judged: a live writer's files are in flux.
        RunLock.holder(dir.root()).ifPresent(h -> {
            throw new RunInUseException(dir.root(), Optional.of(h));
        });
        RunFilesCheck.requireIntact(dir);
        LoadedConfig config = loader.loadResolved(dir.resolvedConfig(), overrides);
        // A run that cannot be resumed is refused before the lock file is created: bad input changes nothing. The
        // check is repeated under the lock, where another writer can no longer change the checkpoints.
        findCheckpoint(new CheckpointStore(dir.checkpoints()), fallback, false);
        // Nothing is written before the lock is ours: not the latest pointer of a fallback, not the manifest.
        try (RunLock lock = RunLock.acquire(dir.root())) {
            return resumeLocked(dir, config, fallback, hooks, !overrides.isEmpty());
        }
    }

    private Result resumeLocked(RunDirectory dir, LoadedConfig config, boolean fallback, Hooks hooks,
                                boolean overridden) throws IOException {
        CheckpointStore store = new CheckpointStore(dir.checkpoints());
        int abandoned = store.removeAbandoned();
        if (abandoned > 0) {
            LOG.info("removed {} unfinished checkpoint write(s) left by an earlier writer in {}", abandoned,
                    store.dir());
        }
        CheckpointStore.Checkpoint checkpoint = findCheckpoint(store, fallback, true);
        ExperimentConfig c = config.config();
        if (checkpoint.info().step() >= c.train().iterations()) {
            // Nothing to train: say so, and add no empty session; only a session left "running" by a dead process
            // is marked for what it was.
            RunManifest manifest = Json.read(dir.manifest(), RunManifest.class);
            if (RunManifest.RUNNING.equals(manifest.status())) {
                Json.write(dir.manifest(), manifest.withDeadSessionMarked());
            }
            return new Result(dir, Outcome.COMPLETED, checkpoint.info().step(), true);
        }
        Seeds seeds = new Seeds(c.seed());
        ArrayDataset data = loadData(config, seeds);
        DataSpec spec = c.data().spec(data);
        if (!spec.equals(checkpoint.info().data())) {
            throw new CheckpointException(checkpoint.dir().resolve(CheckpointStore.INFO_FILE) + ": trained on "
                    + checkpoint.info().data() + ", but the config now gives " + spec);
        }
        GanModel model = config.variant().create(modelContext(c, spec, seeds));
        CheckpointStore.restore(checkpoint, config.variant().name(), model);
        hooks.runDirectoryReady(dir);
        if (overridden) {
            AtomicFiles.writeString(dir.resolvedConfig(), config.resolvedJson());
        }
        LOG.info("resuming {} from {}", dir, checkpoint.dir().getFileName());
        return run(config, dir, model, data, seeds, checkpoint.info(), "resume", hooks);
    }

    /** Refuses the overrides a resumed run would silently ignore, rather than pretend to apply them. */
    private static void refuseIgnoredOverrides(Path runDir, List<String> overrides) {
        for (String o : overrides) {
            String key = o.contains("=") ? o.substring(0, o.indexOf('=')) : o;
            String why = null;
            if (key.toLowerCase(Locale.ROOT).contains("optimizer")) {
                // A checkpoint restores each network with its own optimizer settings and state.
                why = "the checkpoint's networks keep the optimizer they were trained with; start a new run to change it";
            } else if (key.equals("train.outputDir") || key.equals("name")) {
                why = "a resumed run continues in its own directory, " + runDir + "; start a new run (gan4j train) to"
                        + " write elsewhere";
            }
            if (why != null) {
                throw new ConfigException(runDir.toString(), new ConfigProblem("$." + key,
                        "cannot be changed on resume: " + why, "'" + o + "'", null));
            }
        }
    }

    /**
     * The checkpoint a resume starts from: {@code latest}, or with {@code fallback} the newest valid one.
     *
     * @param pointLatest whether a fallback choice is recorded as {@code latest} (only by the run's lock holder)
     */
    private static CheckpointStore.Checkpoint findCheckpoint(CheckpointStore store, boolean fallback,
                                                             boolean pointLatest) {
        if (!fallback) {
            return store.latest().orElseThrow(() -> noLatest(store,
                    "resume with --fallback to continue from the newest valid one"));
        }
        List<String> skipped = new ArrayList<>();
        Optional<CheckpointStore.Checkpoint> c;
        try {
            c = store.latest();
        } catch (CheckpointException e) {
            skipped.add(e.getMessage());
            c = Optional.empty();
        }
        if (c.isEmpty()) {
            c = store.newestValid(skipped);
        }
        CheckpointStore.Checkpoint chosen = c.orElseThrow(() -> new CheckpointException(store.dir()
                + ": no valid checkpoint to resume from"));
        if (!pointLatest) {
            return chosen;
        }
        for (String s : skipped) {
            LOG.warn("skipped damaged checkpoint: {}", s);
        }
        if (!skipped.isEmpty()) {
            try {
                // The user chose to continue from here: later commands should find it as the latest.
                store.markLatest(chosen.dir());
            } catch (IOException e) {
                throw new CheckpointException(store.dir() + ": cannot point latest at " + chosen.dir().getFileName()
                        + ": " + e.getMessage(), e);
            }
        }
        return chosen;
    }

    /** Why there is no latest checkpoint: none was written, or the pointer is gone but step folders are there. */
    private static CheckpointException noLatest(CheckpointStore store, String advice) {
        List<Path> found = store.list();
        if (found.isEmpty()) {
            return new CheckpointException(store.dir() + ": no checkpoint yet (the run has not reached its first"
                    + " checkpoint, train.checkpointEvery)");
        }
        return new CheckpointException(store.dir() + ": the 'latest' pointer is missing, but " + found.size()
                + " checkpoint folder(s) are there (newest " + found.get(found.size() - 1).getFileName() + "); "
                + advice);
    }

    /**
     * Loads the configured training data and runs the checks that need it (batch size, the variant's data rules).
     *
     * @throws io.gan4j.core.data.DataException when the data is missing or damaged
     * @throws ConfigException                  when the data does not fit the config
     */
    public ArrayDataset checkData(LoadedConfig config) {
        return loadData(config, new Seeds(config.config().seed()));
    }

    /** A freshly initialised model of {@code config} for data of shape {@code spec}. */
    public GanModel newModel(LoadedConfig config, DataSpec spec) {
        return config.variant().create(modelContext(config.config(), spec, new Seeds(config.config().seed())));
    }

    private static ArrayDataset loadData(LoadedConfig config, Seeds seeds) {
        ArrayDataset data = config.config().data().load(seeds.of(Seeds.DATA));
        checkFits(config, data);
        return data;
    }

    /**
     * Checks that need the data as well as the config, the memory the model needs among them; all problems are
     * reported together.
     */
    private static void checkFits(LoadedConfig config, ArrayDataset data) {
        List<ConfigProblem> problems = new ArrayList<>();
        ExperimentConfig c = config.config();
        c.data().checkBatchSize(data, c.train().batchSize(), problems);
        config.variant().validate(c.model(), c.data().spec(data), problems);
        MemoryBudget.check(config, c.data().spec(data), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(config.sourceName(), problems);
        }
    }

    private static ModelContext modelContext(ExperimentConfig c, DataSpec spec, Seeds seeds) {
        return new ModelContext(c.model(), spec, seeds, c.train().precision().dataType());
    }

    private Result run(LoadedConfig config, RunDirectory dir, GanModel model, ArrayDataset data, Seeds seeds,
                       CheckpointInfo resumedFrom, String command, Hooks hooks) throws IOException {
        CpuThreads.apply(config.config().train().threads());
        ExperimentConfig c = config.config();
        long startStep = resumedFrom == null ? 0 : resumedFrom.step();
        double elapsedBefore = resumedFrom == null ? 0 : resumedFrom.elapsedSeconds();
        long noiseSeed = seeds.of(Seeds.NOISE);
        long previewSeed = seeds.of(Seeds.PREVIEW);
        LongFunction<Batch> batches = c.data().batches(data, c.train().batchSize(), seeds.of(SHUFFLE),
                c.train().precision().dataType());
        DataSpec spec = c.data().spec(data);
        String sha = config.sha256();

        RunManifest.Session session = newSession(config, command, startStep);
        RunManifest manifest = writeManifest(config, dir, seeds, resumedFrom, spec, session);

        long sessionStart = System.nanoTime();
        String resolvedJson = config.resolvedJson();
        String version = Provenance.buildVersion();
        CheckpointStore store = new CheckpointStore(dir.checkpoints());
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new MetricsCsvListener(dir.metrics(), c.train().logEvery(), elapsedBefore));
        listeners.add(new SampleListener(dir.samples(), c.train().sampleEvery(), c.train().sampleGrid(),
                c.data().modes().orElse(null), c.data().previewExamples(data, c.train().sampleGrid(), previewSeed)));
        BestCheckpoint best = resumedFrom == null ? new BestCheckpoint(null, null)
                : new BestCheckpoint(resumedFrom.bestMetric(), resumedFrom.bestStep());
        LongFunction<CheckpointInfo> infoAt = step -> new CheckpointInfo(CheckpointInfo.FORMAT, step,
                config.variant().name(), sha, spec, seeds.issued(),
                elapsedBefore + (System.nanoTime() - sessionStart) / 1e9, best.value(), best.step(),
                Instant.now().toString(), version, null);
        if (c.eval().every() > 0) {
            listeners.add(evalListener(config, dir, model, seeds, store, best, infoAt, resolvedJson));
        }
        listeners.addAll(tensorBoard(c, dir)); // after the listeners whose files it mirrors
        listeners.add(new CheckpointListener(store, c.train().checkpointEvery(), c.train().keepCheckpoints(),
                infoAt, resolvedJson));
        listeners.add(new ProgressListener(c.train().logEvery()));
        listeners.addAll(hooks.listeners());

        TrainingRun run = new TrainingRun(c.name(), model, data, spec, startStep, c.train().iterations(),
                previewSeed, new PhaseTimer());
        long[] lastStep = {startStep};
        listeners.add(lastStepRecorder(lastStep));
        Trainer trainer = new Trainer(run, batches, noiseSeed, listeners);
        hooks.trainerReady(trainer);
        return train(trainer, dir, manifest, session, lastStep, store);
    }

    /** The TensorBoard listener when {@code train.tensorboard} is on, else none. */
    private static List<TrainingListener> tensorBoard(ExperimentConfig c, RunDirectory dir) {
        return c.train().tensorboard() ? List.of(new TensorBoardListener(dir.tensorboard(),
                List.of(dir.metrics(), dir.evalCsv()), dir.samples(), RunLock.hostName())) : List.of();
    }

    private static RunManifest.Session newSession(LoadedConfig config, String command, long startStep) {
        return new RunManifest.Session(command, config.overrides(), startStep, null,
                config.config().train().iterations(), Instant.now().toString(), null, RunManifest.RUNNING, null,
                ProcessHandle.current().pid(), RunLock.hostName());
    }

    /** Writes the run's manifest with {@code session} begun: a new one, or the resumed run's with a session more. */
    private static RunManifest writeManifest(LoadedConfig config, RunDirectory dir, Seeds seeds,
                                             CheckpointInfo resumedFrom, DataSpec spec, RunManifest.Session session)
            throws IOException {
        ExperimentConfig c = config.config();
        String sha = config.sha256();
        RunManifest manifest = resumedFrom == null
                ? new RunManifest(RunManifest.FORMAT, c.name(), config.variant().name(), config.sourceName(), sha,
                c.seed(), seeds.issued(), spec.toString(), true, Provenance.current(), List.of(session))
                : Json.read(dir.manifest(), RunManifest.class).withDeadSessionMarked()
                .withSession(session, Provenance.current(), sha, seeds.issued());
        Json.write(dir.manifest(), manifest);
        return manifest;
    }

    private static EvalListener evalListener(LoadedConfig config, RunDirectory dir, GanModel model, Seeds seeds,
                                             CheckpointStore store, BestCheckpoint best,
                                             LongFunction<CheckpointInfo> infoAt, String resolvedJson) {
        ExperimentConfig c = config.config();
        long evalSeed = seeds.of(RunEvaluation.SEED_COMPONENT);
        EvalListener.Scorer scorer = model.evaluationKind() != EvaluationKind.SAMPLES
                ? EvalListener.translations(RunEvaluation.translationEvaluator(c, null, null, config.sourceName()),
                c.eval(), evalSeed)
                : EvalListener.samples(RunEvaluation.forRun(c, null, null, null, config.sourceName()), c.eval(),
                evalSeed);
        return new EvalListener(scorer, c.eval(), dir.evalCsv(), store, best, infoAt, resolvedJson,
                c.train().keepCheckpoints());
    }

    /** A listener that keeps the last step trained in {@code lastStep[0]}. */
    private static TrainingListener lastStepRecorder(long[] lastStep) {
        return new TrainingListener() {
            @Override
            public void onEnd(TrainingRun r, long last, Outcome outcome) {
                lastStep[0] = last;
            }
        };
    }

    /** Trains, then records how the session ended in the manifest, also when training throws. */
    private static Result train(Trainer trainer, RunDirectory dir, RunManifest manifest, RunManifest.Session session,
                                long[] lastStep, CheckpointStore store) throws IOException {
        try {
            Outcome outcome = trainer.train();
            Json.write(dir.manifest(), manifest.withLastSession(end(session, lastStep[0], statusOf(outcome), null)));
            return new Result(dir, outcome, lastStep[0]);
        } catch (DivergenceException e) {
            String where = lastGood(store);
            DivergenceException detailed = new DivergenceException(e.step(), e.lossName(), e.value(), where);
            recordEnd(dir, manifest.withLastSession(end(session, lastStep[0], "diverged", detailed.getMessage())), detailed);
            throw detailed;
        } catch (RuntimeException | Error e) {
            recordEnd(dir, manifest.withLastSession(end(session, lastStep[0], "failed", String.valueOf(e.getMessage()))), e);
            throw e;
        }
    }

    /**
     * Writes the manifest of a session that ended in {@code cause}; when that write fails too (a full disk), the
     * failure is attached to {@code cause}, which is what the user must see.
     */
    private static void recordEnd(RunDirectory dir, RunManifest manifest, Throwable cause) {
        try {
            Json.write(dir.manifest(), manifest);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static String lastGood(CheckpointStore store) {
        try {
            return store.latest().map(ck -> "last good checkpoint: " + ck.dir()
                            + " (samples and evaluation can use it; to train on, start a new run with smaller learning"
                            + " rates, e.g. --set model.generatorOptimizer.lr=...)")
                    .orElse("no checkpoint was written before it");
        } catch (CheckpointException e) {
            return "the latest checkpoint is damaged: " + e.getMessage();
        }
    }

    private static RunManifest.Session end(RunManifest.Session s, long lastStep, String status, String message) {
        return s.ended(lastStep, status, message, Instant.now().toString());
    }

    /** The manifest's word for how a session ended: a stopped run was interrupted (Ctrl-C, SIGTERM) and resumable. */
    static String statusOf(Outcome outcome) {
        return outcome == Outcome.STOPPED ? "interrupted" : outcome.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A trained model loaded from a run directory (its latest checkpoint, or the best with {@code best}) or from a
     * checkpoint directory, rebuilt from the config stored in the checkpoint without loading any data.
     */
    public TrainedModel loadTrained(Path runOrCheckpoint, boolean best) {
        CheckpointStore.Checkpoint checkpoint;
        if (Files.isRegularFile(runOrCheckpoint.resolve(CheckpointStore.INFO_FILE))) {
            checkpoint = CheckpointStore.read(runOrCheckpoint);
        } else if (RunDirectory.isRunDirectory(runOrCheckpoint)) {
            CheckpointStore store = new CheckpointStore(runOrCheckpoint.resolve("checkpoints"));
            Optional<CheckpointStore.Checkpoint> c = best ? store.best().or(store::latest) : store.latest();
            checkpoint = c.orElseThrow(() -> noLatest(store, "give one of them instead of the run, e.g. "
                    + store.list().get(store.list().size() - 1)));
        } else {
            throw new CheckpointException(runOrCheckpoint + ": neither a run directory (config.resolved.json) nor a"
                    + " checkpoint directory (checkpoint.json)");
        }
        LoadedConfig config = loader.loadResolved(checkpoint.configFile());
        ExperimentConfig c = config.config();
        GanModel model = config.variant().create(modelContext(c, checkpoint.info().data(), new Seeds(c.seed())));
        CheckpointStore.restore(checkpoint, config.variant().name(), model);
        return new TrainedModel(config, model, checkpoint);
    }

    /**
     * A model restored from a checkpoint.
     *
     * @param config     the config it was trained with
     * @param model      the model, with the checkpoint's parameters
     * @param checkpoint the checkpoint it came from
     */
    public record TrainedModel(LoadedConfig config, GanModel model, CheckpointStore.Checkpoint checkpoint) {
    }
}
